import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {MqlabError} from '../../cli/mqlab-error.js'
import type {CompareResult} from '../../experiment/compare/compare.js'

/** `mqlab experiment compare NAME --templates a,b,c`. */
export default class ExperimentCompare extends BaseCommand {
  static override summary = 'Run one scenario on a fresh lab per template and compare: lost, recovered, duplicated, unavailability, throughput, p99'
  static override description = `Each template gets its own fresh lab (on free ports) under --dir/<time>-compare-<name>/<template>/, with its full report; compare.html and compare.json sit next to them. A template the lab cannot run (dledger on a runtime without DLedger) gets a row saying why. Exit 0 when every row is valid, 1 when one is invalid, 2 when one was undecided or not run.`
  static override examples = [
    '<%= config.bin %> <%= command.id %> kill-master --templates 2m-noslave,2m-2s-async,2m-2s-sync --dir /tmp/exp',
    '<%= config.bin %> <%= command.id %> kill-master --templates 2m-2s-async,2m-2s-sync,dledger --fast --json',
  ]
  static override args = {scenario: Args.string({description: 'built-in scenario name or scenario file', required: true})}
  static override flags = {
    templates: Flags.string({description: "comma-separated templates (default: the scenario's templates)"}),
    dir: Flags.string({description: 'parent folder of the labs and reports', default: 'mqlab-experiments'}),
    seed: Flags.integer({description: 'seed for every drawn choice of the fault timeline', default: 1}),
    fast: Flags.boolean({description: "fast client timing instead of RocketMQ's", default: false}),
  }

  async run(): Promise<CompareResult> {
    const {args, flags} = await this.parse(ExperimentCompare)
    const {listTemplates} = await import('../../topology/template-catalogue.js')
    const {loadScenario} = await import('../../experiment/scenario/load-scenario.js')
    const known = listTemplates().map((t) => t.name)
    const checked = loadScenario(args.scenario, known)
    if (!checked.valid || checked.scenario === undefined) {
      throw new MqlabError('SCENARIO_INVALID', `${checked.source}: ${checked.problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`, {
        details: {problems: checked.problems},
      })
    }
    const listed = flags.templates
      ?.split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '')
    const templates = listed ?? checked.scenario.templates ?? [checked.scenario.template ?? '2m-2s-sync']
    const unknown = templates.filter((t) => !known.includes(t))
    if (unknown.length > 0)
      throw new MqlabError('UNKNOWN_TEMPLATE', `unknown template${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}`, {
        suggestion: `known: ${known.join(', ')}`,
      })
    const {runCompare, COMPARE_COLUMNS, cell} = await import('../../experiment/compare/compare.js')
    const interrupt = (await import('../../cli/interrupt.js')).onInterrupt()
    const result = await runCompare(checked.scenario, templates, {
      signal: interrupt.signal,
      dir: flags.dir,
      seed: flags.seed,
      timing: flags.fast ? 'fast' : undefined,
      onProgress: this.json ? undefined : (l) => this.logToStderr(`· ${l}`),
    }).finally(() => interrupt.dispose())
    if (!this.json) {
      const {renderTable} = await import('../../cli/table.js')
      this.log(
        renderTable(
          COMPARE_COLUMNS.map(([, h]) => h),
          result.rows.map((r) => COMPARE_COLUMNS.map(([k]) => cell(r, k))),
        ),
      )
      for (const r of result.rows) if (r.error) this.log(`${r.template}: ${r.error}`)
      this.log(`\n${result.html}`)
    }
    if (result.rows.some((r) => r.verdict === 'invalid'))
      this.fail(
        new MqlabError(
          'CHECK_FAILED',
          `invalid on ${result.rows
            .filter((r) => r.verdict === 'invalid')
            .map((r) => r.template)
            .join(', ')}`,
        ),
      )
    else if (result.rows.some((r) => r.verdict !== 'valid'))
      this.fail(
        new MqlabError(
          'UNDECIDED',
          `not decided on ${result.rows
            .filter((r) => r.verdict !== 'valid')
            .map((r) => r.template)
            .join(', ')}`,
        ),
      )
    return result
  }
}
