import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {MqlabError} from '../../cli/mqlab-error.js'
import type {ExperimentResult} from '../../experiment/run/experiment-result.js'

/** `mqlab experiment run NAME|FILE`. */
export default class ExperimentRun extends BaseCommand {
  static override summary = 'Run a fault experiment: a workload, faults on a timeline, and what happened to every message'
  static override description = `NAME is a built-in scenario (mqlab experiment list) or a YAML/JSON scenario file (schema: schemas/experiment-scenario.schema.json). With a scenario that names a template and a --dir that holds no lab, a fresh lab is made there on free ports, its links run through lab-controlled relays (so partition/delay work without root), and it is stopped again afterwards; otherwise the lab in --dir is used as it is (node faults only).

Every send (status, msgId, broker, queue, offset, latency; failed, or unknown when no answer came) and every delivery (which broker and brokerId served it) is recorded. The checker then counts lost, recovered, stored twice, delivered twice, unexpected and reordered messages and the unavailability of each broker group, and compares them with the scenario's checks.

Exit codes carry the verdict, as Jepsen's: 0 every check holds, 1 one failed (CHECK_FAILED), 2 the run could not decide (UNDECIDED). The report goes to <dir>/reports/<time>-<name>/ (report.html, result.json, ledger.jsonl).

Client timing defaults to RocketMQ's (route poll 30 s, rebalance 20 s), so a failover takes as long as it would for a Java client; --fast polls every second.`
  static override examples = [
    '<%= config.bin %> <%= command.id %> kill-master --dir /tmp/exp-sync',
    '<%= config.bin %> <%= command.id %> kill-master --dir /tmp/exp-async --template 2m-2s-async --fast',
    '<%= config.bin %> <%= command.id %> my-scenario.yaml --dir /tmp/exp --seed 7 --json',
  ]
  static override args = {scenario: Args.string({description: 'built-in scenario name or scenario file', required: true})}
  static override flags = {
    dir: Flags.string({description: 'lab folder (a fresh lab is made there when it holds none)', default: 'mqlab'}),
    seed: Flags.integer({description: 'seed for every drawn choice of the fault timeline', default: 1}),
    template: Flags.string({description: "template of the fresh lab (overrides the scenario's)"}),
    fast: Flags.boolean({description: "fast client timing (route poll and rebalance every second) instead of RocketMQ's", default: false}),
    'no-report': Flags.boolean({description: 'do not write the report folder', default: false}),
  }

  async run(): Promise<ExperimentResult> {
    const {args, flags} = await this.parse(ExperimentRun)
    const {listTemplates} = await import('../../topology/template-catalogue.js')
    const {loadScenario} = await import('../../experiment/scenario/load-scenario.js')
    const {runExperiment} = await import('../../experiment/run/run-experiment.js')
    const {writeReport} = await import('../../experiment/report/report-files.js')
    const checked = loadScenario(
      args.scenario,
      listTemplates().map((t) => t.name),
    )
    if (!checked.valid || checked.scenario === undefined) {
      throw new MqlabError('SCENARIO_INVALID', `${checked.source}: ${checked.problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`, {
        suggestion: 'mqlab experiment validate FILE lists every problem; mqlab experiment list shows the built-in scenarios',
        details: {problems: checked.problems},
      })
    }
    const progress = this.json ? undefined : (line: string) => this.logToStderr(`· ${line}`)
    // Ctrl-C stops the run and then what it started (the lab it made, the relays), restoring the files.
    const interrupt = (await import('../../cli/interrupt.js')).onInterrupt()
    const {result} = await runExperiment(checked.scenario, {
      signal: interrupt.signal,
      dir: flags.dir,
      seed: flags.seed,
      template: flags.template,
      timing: flags.fast ? 'fast' : undefined,
      onProgress: progress,
      writeReport: flags['no-report'] ? undefined : (r, h) => writeReport(r.dir, r, h),
    }).finally(() => interrupt.dispose())
    if (!this.json) this.log((await import('../../cli/render/experiment-summary.js')).renderRunSummary(result))
    if (result.check.verdict === 'invalid')
      this.fail(
        new MqlabError(
          'CHECK_FAILED',
          `${result.check.checks
            .filter((c) => c.status === 'fail')
            .map((c) => `${c.name} ${c.actual}`)
            .join(', ')}`,
          {suggestion: result.report ? `see ${result.report.html}` : undefined},
        ),
      )
    else if (result.check.verdict === 'unknown')
      this.fail(new MqlabError('UNDECIDED', 'the run could not decide every check', {suggestion: result.report ? `see ${result.report.html}` : undefined}))
    return result
  }
}
