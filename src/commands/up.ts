import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import type {UpResult} from '../lab/lab-up.js'
import {engineFlag} from '../engine/engine-flag.js'
import {labDirFlag} from '../cli/lab-dir-flag.js'

/** `mqlab up`: validate, check ports, start every node in order, wait for each to be ready. */
export default class Up extends BaseCommand {
  static override summary = 'Start the lab: name servers, then masters, then slaves / DLedger members, each ready over the wire'
  static override description = `Validates first (errors stop it, with the same report as mqlab validate) and checks that every port is free (a port held by something outside the lab is named with the node that wanted it). Each node is its own detached process in its own process group, logging to logs/<node>.log; a node is ready when it answers and, for a broker, when the name servers list it. Idempotent: running nodes are left alone; crashed ones are reported and started again. In a folder with no lab, the default 2m-2s-sync lab is created first. Ctrl-C stops the nodes this run started.`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --dir ./raft-lab',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --engine apache',
    '<%= config.bin %> <%= command.id %> --engine broker-a-slave=apache',
  ]
  static override flags = {
    dir: labDirFlag('lab folder (created with the default template when it holds no lab)'),
    timeout: Flags.integer({description: 'seconds each node may take to become ready', default: 30, min: 1}),
    engine: engineFlag,
  }

  async run(): Promise<UpResult> {
    const {flags} = await this.parse(Up)
    const {needsDefaultLab, requireValid, runUp, whatToTryNext} = await import('../lab/lab-up.js')
    let created: UpResult['created'] = null
    if (needsDefaultLab(flags.dir)) {
      const {initLab} = await import('../topology/init-lab.js')
      const {defaultTemplate} = await import('../topology/template-catalogue.js')
      const init = initLab({
        template: defaultTemplate().name,
        dir: flags.dir,
        namesrv: 2,
        flush: 'ASYNC_FLUSH',
        cluster: 'DefaultCluster',
        hosts: 1,
        force: false,
      })
      created = {template: init.template, files: init.files}
      if (!this.json) this.log(`No lab in ${init.dir}: created the default ${init.template} lab (as mqlab init ${init.template} would).`)
    }
    const {readLab} = await import('../topology/lab-reader.js')
    const {checkTopology, summarize} = await import('../topology/validate-lab.js')
    let lab = readLab(flags.dir)
    // --engine is recorded in mqlab.json first; Java nodes need an installed engine and Java before anything starts
    const {prepareLabEngines} = await import('../engine/engine-preflight.js')
    const engine = await prepareLabEngines(lab, flags.engine, (line) => !this.json && this.log(line))
    lab = readLab(flags.dir)
    const validation = summarize(lab, [...lab.problems, ...checkTopology(lab), ...engine.problems])
    if (!validation.valid && !this.json) {
      const {renderValidation} = await import('../cli/render/validate-report.js')
      this.log(renderValidation(validation))
    }
    requireValid(validation)

    const {contextFor} = await import('../lab/lab-context.js')
    const {startSteps} = await import('../lab/lab-node-spec.js')
    const {onInterrupt} = await import('../cli/interrupt.js')
    const ctx = contextFor(lab, {timings: {readyTimeoutMs: flags.timeout * 1000}})
    const interrupt = onInterrupt()
    const progress =
      !this.json && process.stdout.isTTY
        ? await (
            await import('../cli/render/up-progress.js')
          ).startUpProgress(startSteps(ctx.specs).map((s) => ({title: s.title, nodes: s.nodes.map((n) => n.name)})))
        : undefined
    try {
      const up = await runUp(ctx, {signal: interrupt.signal, onEvent: progress?.onEvent})
      await progress?.finish()
      const result: UpResult & {engine?: unknown} = {
        ...up,
        created,
        validation: {errors: validation.errors, warnings: validation.warnings},
        ...(engine.summary ? {engine: engine.summary} : {}),
      }
      if (!this.json) {
        const {renderUp} = await import('../cli/render/lab-action-report.js')
        this.log(renderUp(result, whatToTryNext(flags.dir)))
      }
      return result
    } catch (err) {
      await progress?.finish(err)
      if (!this.json) {
        const {renderFailureLog} = await import('../cli/render/lab-failure-report.js')
        const log = renderFailureLog(err)
        if (log) this.logToStderr(log)
      }
      throw err
    } finally {
      interrupt.dispose()
      await ctx.close()
    }
  }
}
