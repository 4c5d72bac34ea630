import {Args, Flags} from '@oclif/core'
import type {FlushDiskType} from '../../runtime/config/broker-config.js'
import {BaseCommand} from '../cli/base-command.js'
import {MqlabError} from '../cli/mqlab-error.js'
import type {InitRequest, InitResult} from '../topology/init-lab.js'
import {engineFlag} from '../engine/engine-flag.js'
import {labDirFlag} from '../cli/lab-dir-flag.js'

/** `mqlab init [TEMPLATE]`: write a lab folder with one RocketMQ .properties file per node. */
export default class Init extends BaseCommand {
  static override summary = 'Write a lab: one RocketMQ 4.9 .properties file per node, all runnable on this machine'
  static override description = `Templates are named as RocketMQ names its sample confs (see \`mqlab templates\`). Unlike RocketMQ's own conf/2m-2s-*, every node gets its own listenPort and storePathRootDir, so the whole topology runs on one machine. With no TEMPLATE on a terminal, a wizard asks; without a terminal, name one.

--hosts N spreads nodes over N simulated hosts, each its own loopback address (127.0.0.2, 127.0.0.3, ...), in the crossed layout real deployments use: every host runs a name server, one master and another group's slave, so each keeps RocketMQ's default ports 9876/10911. --host puts the lab on another loopback address (with --hosts, the first of them), --port-offset shifts every port: either lets a second lab run beside the first.

--force rewrites conf/ of an existing lab, but never of a running one (mqlab down first).`
  static override examples = [
    '<%= config.bin %> <%= command.id %> 2m-2s-sync',
    '<%= config.bin %> <%= command.id %> dledger --dir ./raft-lab',
    '<%= config.bin %> <%= command.id %> 2m-2s-async --hosts 2 --flush SYNC_FLUSH',
    '<%= config.bin %> <%= command.id %> single --dir ./lab2 --host 127.0.0.5',
    '<%= config.bin %> <%= command.id %> single --dir ./lab3 --port-offset 1000',
    '<%= config.bin %> <%= command.id %> dledger --groups 2 --hosts 3',
    '<%= config.bin %> <%= command.id %> 2m-2s-sync --engine apache',
    '<%= config.bin %> <%= command.id %> 2m-2s-sync --engine broker-a-slave=apache',
  ]
  static override args = {
    template: Args.string({description: 'single | 2m-noslave | 2m-2s-async | 2m-2s-sync | dledger'}),
  }
  static override flags = {
    dir: labDirFlag(),
    // Not --namesrv: elsewhere (and in mqadmin) that is the name server address list.
    'namesrv-count': Flags.integer({
      aliases: ['namesrv'],
      deprecateAliases: true,
      description: 'how many name servers (namesrvAddr lists them all); --namesrv is the old spelling',
      default: 2,
      min: 1,
      max: 9,
    }),
    flush: Flags.string({description: 'flushDiskType of every broker', options: ['ASYNC_FLUSH', 'SYNC_FLUSH'], default: 'ASYNC_FLUSH'}),
    cluster: Flags.string({description: 'brokerClusterName', default: 'DefaultCluster'}),
    hosts: Flags.integer({description: 'simulated hosts, one loopback address each', default: 1, min: 1, max: 32}),
    host: Flags.string({description: 'loopback address of the (first) host, e.g. 127.0.0.5: a second lab beside the default one on the same ports'}),
    'port-offset': Flags.integer({
      description: 'add N to every port (name servers 9876+N, brokers 10911+N, …): a second lab on the same address',
      min: 0,
      max: 20_000,
    }),
    groups: Flags.integer({
      description: "broker groups broker-a, broker-b, … instead of the template's (dledger --groups 2: RocketMQ's DLedger quick start)",
      min: 1,
      max: 8,
    }),
    force: Flags.boolean({description: "rewrite an existing lab's conf/ (store/ is kept)", default: false}),
    engine: engineFlag,
  }

  async run(): Promise<InitResult> {
    const {args, flags} = await this.parse(Init)
    let request: InitRequest = {
      template: args.template ?? '',
      dir: flags.dir,
      namesrv: flags['namesrv-count'],
      flush: flags.flush as FlushDiskType,
      cluster: flags.cluster,
      hosts: flags.hosts,
      force: flags.force,
      ...(flags.host === undefined ? {} : {host: flags.host}),
      ...(flags['port-offset'] === undefined ? {} : {portOffset: flags['port-offset']}),
      ...(flags.groups === undefined ? {} : {groups: flags.groups}),
    }
    if (args.template === undefined) {
      const {listTemplates} = await import('../topology/template-catalogue.js')
      const templates = listTemplates()
      if (this.json || !process.stdin.isTTY || !process.stdout.isTTY) {
        const names = templates.map((t) => t.name)
        throw new MqlabError('TEMPLATE_REQUIRED', `name a template (no terminal to ask on): ${names.join(', ')}`, {
          suggestion: `mqlab init ${templates.find((t) => t.default)?.name ?? names[0]}`,
          details: {templates: names},
        })
      }
      const {runInitWizard, inquirerPrompts} = await import('../cli/init-wizard.js')
      request = await runInitWizard(request, templates, await inquirerPrompts())
    }
    if (request.force) {
      // Rewriting conf/ under running nodes would leave them at odds with their files.
      const {liveNodesIn} = await import('../lab/live-nodes.js')
      const live = liveNodesIn(request.dir)
      if (live.length > 0) {
        throw new MqlabError(
          'LAB_EXISTS',
          `the lab in ${request.dir} is running (${live.join(', ')}); --force would rewrite conf/ under it, so nothing was written`,
          {
            suggestion: `stop it first: mqlab down --dir ${request.dir}, then mqlab init --force again`,
            details: {live},
          },
        )
      }
    }
    const {initLab} = await import('../topology/init-lab.js')
    // --engine: checked against the planned nodes before anything is written, recorded in mqlab.json after
    const engineChoice = flags.engine === undefined ? undefined : (await import('../engine/engine-flags.js')).planEngines(flags.engine, request)
    const result: InitResult & {engine?: unknown; engineProblems?: unknown} = initLab(request)
    let engineErrors: string[] = []
    if (engineChoice) {
      ;(await import('../engine/lab-engines.js')).writeLabEngines(result.dir, engineChoice)
      result.engine = engineChoice
      // e.g. --hosts 2 with Java nodes: simulated hosts share ports a JVM binds on every interface
      const {readLab} = await import('../topology/lab-reader.js')
      const {engineProblems} = await import('../engine/engine-rules.js')
      const problems = engineProblems(readLab(result.dir), engineChoice)
      engineErrors = problems.map((p) => `${p.file}: ${p.message}`)
      // the files are fine for RocketMQ; only these engines cannot run them here (mqlab up and validate say so too)
      if (problems.length > 0) result.engineProblems = problems
    }
    if (!result.validation.valid) {
      this.fail(
        new MqlabError('VALIDATION_FAILED', `the generated lab has ${result.validation.errors} errors`, {
          suggestion: 'this is a bug in mqlab: please report it with the output of mqlab validate',
        }),
      )
    }
    if (!this.json) {
      const {renderInit} = await import('../cli/render/init-report.js')
      this.log(renderInit(result))
      if (engineChoice) this.log(`Engine: ${(await import('../engine/lab-engines.js')).describeEngines(engineChoice)} (recorded in mqlab.json)`)
      for (const e of engineErrors) this.log(`  ✗ ${e}`)
      if (engineErrors.length > 0)
        this.log('  mqlab up refuses this lab on these engines: run those nodes on the embedded engine (--engine NODE=embedded) or use --hosts 1')
    }
    return result
  }
}
