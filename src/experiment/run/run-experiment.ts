/**
 * `mqlab experiment run`: the lab (fresh from the scenario's template, or the one in --dir), relays on
 * its links, the workload, the fault timeline on the clock, the reads until the survivors are drained,
 * the "drained" steps (e.g. the killed master's return), the final read, the checker, the report.
 * Everything the experiment started is stopped again, whatever happens.
 */
import fs from 'node:fs'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {MqlabError} from '../../errors/mqlab-error.js'
import {LabRelays} from '../../fault/lab-relays.js'
import {daemonLinks} from '../../fault/link-control.js'
import {currentRelays} from '../../fault/relay-control.js'
import {openLab, type LabContext} from '../../lab/lab-context.js'
import {runDown} from '../../lab/lab-down.js'
import {requireValid, runUp} from '../../lab/lab-up.js'
import {isLive} from '../../lab/node-state.js'
import {validateLab} from '../../topology/validate-lab.js'
import {check, withFailedSteps, type ConsumeRecord, type FaultRecord, type History, type SendRecord} from '../checker/index.js'
import {createFreshLab} from '../lab/fresh-lab.js'
import {parseDuration, type Scenario} from '../scenario/scenario.js'
import {planTimeline, type NodeRole} from '../scenario/timeline.js'
import {compareClaims} from '../report/prediction-check.js'
import {runStats, type ExperimentResult} from './experiment-result.js'
import {FaultDriver} from './fault-driver.js'
import {prepareTopic} from './lab-readiness.js'
import {WorkloadRunner} from './workload.js'

export interface RunOptions {
  dir: string
  seed: number
  /** Overrides the scenario's timing. */
  timing?: 'java' | 'fast'
  /** Overrides the scenario's template (compare). */
  template?: string
  onProgress?: (line: string) => void
  /** Ctrl-C: stops the workload and the timeline, then stops what the run started and restores the files. */
  signal?: AbortSignal
  /** Writes the report folder (default true). */
  writeReport?: (result: ExperimentResult, history: History) => ExperimentResult['report']
}

function labExists(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'mqlab.json')) || fs.existsSync(path.join(dir, 'conf'))
}

function roles(ctx: LabContext): NodeRole[] {
  return ctx.specs.map((s) => ({
    name: s.name,
    role: s.kind === 'namesrv' ? 'namesrv' : s.fileRole === 'SLAVE' ? 'slave' : s.fileRole === 'DLEDGER' ? 'dledger' : 'master',
  }))
}

export async function runExperiment(scenario: Scenario, options: RunOptions): Promise<{result: ExperimentResult; history: History}> {
  const say = options.onProgress ?? (() => undefined)
  const dir = path.resolve(options.dir)
  const template = options.template ?? scenario.template
  const timing = options.timing ?? scenario.timing ?? 'java'
  const fresh = !labExists(dir)
  if (fresh) {
    if (template === undefined)
      throw new MqlabError('LAB_NOT_FOUND', `no lab in ${dir}, and scenario ${scenario.name} names no template to make one`, {
        suggestion: 'add template: 2m-2s-sync to the scenario, or run mqlab init first',
      })
    say(`making a fresh ${template} lab in ${dir}`)
    await createFreshLab(template, dir, {namesrv: scenario.namesrv ?? 1})
  }
  const validation = validateLab(dir)
  requireValid(validation)
  let ctx = openLab(dir)
  const labTemplate = (JSON.parse(fs.readFileSync(path.join(dir, 'mqlab.json'), 'utf8')) as {template?: string}).template ?? null
  const dledger = ctx.specs.some((s) => s.fileRole === 'DLEDGER')
  const wantsDledger = (scenario.templates ?? []).every((t) => t === 'dledger') && (scenario.templates ?? []).length > 0
  if (wantsDledger && !dledger) {
    await ctx.close()
    throw new MqlabError('USAGE', `${scenario.name} needs a DLedger lab (template dledger); ${dir} is ${labTemplate ?? 'another template'}`, {
      suggestion: `run it on a fresh folder: mqlab experiment run ${scenario.name} --dir <new folder>`,
    })
  }
  const wasRunning = ctx.specs.some((s) => isLive(ctx.supervisor.status(s.name).state))
  let relays: LabRelays | undefined
  let started = false
  const sends: SendRecord[] = []
  const consumes: ConsumeRecord[] = []
  const faults: FaultRecord[] = []
  const startedAt = new Date()
  // The run's clock starts with the workload (set again below, once the lab is ready).
  let t0 = performance.now()
  const now = () => Math.round((performance.now() - t0) * 10) / 10
  let workload: WorkloadRunner | undefined
  try {
    if (!wasRunning) {
      // A lab with its own relay daemon (mqlab relays on) keeps it; otherwise this run hosts the relays.
      if (currentRelays(dir) === undefined) {
        relays = await LabRelays.install(ctx.specs)
        await ctx.close()
        ctx = openLab(dir)
      }
      say(`starting ${ctx.specs.length} nodes${relays ? ` (links through ${relays.links.length} relays)` : ''}`)
      try {
        started = true
        await runUp(ctx, {signal: options.signal})
      } catch (err) {
        if (dledger) {
          throw new MqlabError(
            'NODE_START_FAILED',
            `${scenario.name} needs a running DLedger group, and this lab's DLedger members did not start: ${(err as Error).message}`,
            {
              suggestion:
                'mqlab runs DLedger only where its runtime supports enableDLegerCommitLog=true; run the dledger template on Apache RocketMQ, or pick a master/slave scenario',
            },
          )
        }
        throw err
      }
    }
    // A running lab with `mqlab relays on`: its relay daemon takes the link faults, its client list the clients.
    const daemon = relays === undefined ? daemonLinks(dir) : undefined
    const namesrvAddr =
      relays?.clientNamesrvAddr ??
      (daemon !== undefined ? currentRelays(dir)!.clientNamesrvAddr : undefined) ??
      ctx.specs
        .filter((s) => s.kind === 'namesrv')
        .map((s) => s.addr)
        .join(';')
    const topic = scenario.topic ?? 'mqlab_experiment'
    say(`creating topic ${topic} and waiting for every slave`)
    await prepareTopic(namesrvAddr, topic, scenario.queues ?? 4, {classicHa: !dledger})
    const timeline = planTimeline(scenario, roles(ctx), options.seed)
    const durationMs = parseDuration(scenario.duration ?? '10s')
    const drainMs = parseDuration(scenario.drainTimeout ?? (timing === 'java' ? '150s' : '15s'))
    const driver = new FaultDriver(ctx, relays?.control() ?? daemon, namesrvAddr, now)
    const applied: ExperimentResult['timeline'] = timeline.map((s) => ({...s, appliedAt: null, targetsResolved: []}))
    const predictions: ExperimentResult['predictions'] = []
    const runStep = async (i: number) => {
      const step = applied[i]!
      say(`${(now() / 1000).toFixed(1)}s ${step.action} ${step.targets.join(' ')}`)
      const done = await driver.apply(timeline[i]!)
      step.appliedAt = done.records[0]?.t ?? now()
      step.targetsResolved = done.targets
      if (done.error !== undefined) step.error = done.error
      faults.push(...done.records)
      if (done.prediction !== undefined) predictions.push({t: step.appliedAt, node: done.targets[0]!, prediction: done.prediction})
    }
    t0 = performance.now()
    workload = new WorkloadRunner({
      namesrvAddr,
      topic,
      workload: scenario.workload ?? {},
      timing,
      now,
      onSend: (r) => sends.push(r),
      onConsume: (r) => consumes.push(r),
    })
    const consumersFrom = parseDuration(scenario.workload?.consumerStart ?? 0)
    const consumerStart = (async () => {
      if (consumersFrom > 0) await sleep(consumersFrom, undefined, {signal: options.signal}).catch(() => undefined)
      if (!options.signal?.aborted) workload!.startConsumers()
    })()
    say(`workload: ${durationMs / 1000} s, timing ${timing}`)
    // Timed steps run one after another on the run's clock, alongside the workload.
    const timed = timeline.map((s, i) => ({s, i})).filter((x) => x.s.at !== 'drained')
    const faultLoop = (async () => {
      for (const {s, i} of timed) {
        const wait = (s.at as number) - now()
        if (wait > 0) await sleep(wait, undefined, {signal: options.signal}).catch(() => undefined)
        if (options.signal?.aborted) return
        await runStep(i)
      }
    })()
    await workload.runProducers(durationMs, options.signal)
    const workloadEnd = now()
    await faultLoop
    await consumerStart
    const stopIfAborted = () => {
      if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new MqlabError('INTERRUPTED', 'interrupted')
    }
    stopIfAborted()
    const liveGroups = () => {
      const groups = new Set(ctx.specs.filter((s) => s.brokerName !== undefined).map((s) => s.brokerName!))
      return [...groups].every((g) => ctx.specs.some((s) => s.brokerName === g && ctx.supervisor.status(s.name).state === 'running'))
    }
    // Reading settles when everything acknowledged was delivered, or nothing new arrived for settleMs
    // (longer than a route poll, so a consumer had the chance to find a slave), or at the drain timeout.
    // Java timing: a consumer finds a returned master only at its next route poll (30 s) and takes its
    // queues back at the next rebalance (20 s), then retries pulls every 3 s: quiet for less is not done.
    const settleMs = timing === 'java' ? 60_000 : 3000
    const waitRead = async (): Promise<boolean> => {
      const deadline = now() + drainMs
      let seen = consumes.length
      let lastProgress = now()
      for (;;) {
        const delivered = new Set(consumes.map((c) => c.value))
        const missing = sends.filter((s) => s.outcome === 'ok' && !delivered.has(s.value)).length
        if (missing === 0) return true
        if (consumes.length !== seen) {
          seen = consumes.length
          lastProgress = now()
        }
        if (now() > deadline || now() - lastProgress > settleMs || options.signal?.aborted) return false
        await sleep(250)
      }
    }
    const drainedSteps = timeline.map((s, i) => ({s, i})).filter((x) => x.s.at === 'drained')
    if (drainedSteps.length > 0) {
      say('reading what the survivors hold')
      await waitRead()
      stopIfAborted()
      for (const {i} of drainedSteps) await runStep(i)
    }
    say('final read')
    const allRead = await waitRead()
    stopIfAborted()
    const drained = allRead || liveGroups()
    await workload.stopConsumers()
    const end = now()
    const history: History = {sends, consumes, faults, workloadEnd, end, drained, consumersFrom}
    const ordered = scenario.workload?.ordered === true
    const expect = {...scenario.checks, ...(labTemplate !== null ? scenario.checksByTemplate?.[labTemplate] : undefined)}
    const report = withFailedSteps(
      check(history, {ordered, expect}),
      applied.filter((s) => s.error !== undefined).map((s) => `${s.action} ${s.targets.join(' ')}: ${s.error}`),
    )
    const stats = runStats(history, workloadEnd)
    const result: ExperimentResult = {
      scenario: scenario.name,
      description: scenario.description,
      template: labTemplate,
      seed: options.seed,
      timing,
      dir,
      freshLab: fresh,
      startedAt: startedAt.toISOString(),
      timeline: applied,
      predictions: predictions.map((p) => ({...p, compared: compareClaims(p.prediction, report, stats, timing)})),
      workload: {durationMs, topic, group: workload.group},
      stats,
      check: report,
      problems: [...new Set(workload.problems)],
      report: null,
    }
    if (options.writeReport) result.report = options.writeReport(result, history)
    return {result, history}
  } finally {
    await workload?.stopConsumers().catch(() => undefined)
    if (started) {
      say('stopping the lab')
      await runDown(ctx, {clean: false}).catch(() => undefined)
    }
    await ctx.close().catch(() => undefined)
    await relays?.restore().catch(() => undefined)
  }
}
