/**
 * Applies the steps of a fault timeline to a running lab and records each one in the history: node
 * actions through the lab's supervisor (the same code as `mqlab kill/pause/start…`), link faults through
 * the lab's relays. After a kill it keeps what `mqlab kill` predicts, for the report's side by side.
 */
import {MQAdmin} from '../../client/admin/mq-admin.js'
import {observeAroundKill} from '../../lab/kill-observation.js'
import {predictAfterKill, type KillPrediction} from '../../lab/kill-prediction.js'
import type {LabContext} from '../../lab/lab-context.js'
import {freezeNode, killNode, startNode, stopNode} from '../../lab/lab-node-control.js'
import {runUp} from '../../lab/lab-up.js'
import {parseSignal} from '../../lab/signal-name.js'
import {CLIENT_NODE} from '../../fault/lab-relays.js'
import type {LinkControl} from '../../fault/link-control.js'
import type {FaultRecord} from '../checker/index.js'
import type {PlannedStep} from '../scenario/timeline.js'

/** What one applied step produced. */
export interface AppliedStep {
  step: PlannedStep
  /** The node names the step acted on, once resolved. */
  targets: string[]
  records: FaultRecord[]
  prediction?: KillPrediction
  error?: string
}

export class FaultDriver {
  private lastKilled: string | undefined
  private lastPaused: string | undefined
  private readonly aliases = new Map<string, string>()

  constructor(
    private readonly ctx: LabContext,
    private readonly relays: LinkControl | undefined,
    private readonly namesrvAddr: string,
    private readonly now: () => number,
  ) {}

  private groupsOf(names: readonly string[]): string[] {
    const groups = new Set<string>()
    for (const n of names) {
      const spec = this.ctx.specs.find((s) => s.name === n)
      if (spec?.brokerName !== undefined) groups.add(spec.brokerName)
    }
    return [...groups]
  }

  private async resolve(target: string): Promise<string> {
    if (target === 'killed' || target === 'paused') {
      const node = target === 'killed' ? this.lastKilled : this.lastPaused
      if (node === undefined) throw new Error(`"${target}" names the node of an earlier ${target === 'killed' ? 'kill' : 'pause'}, and there was none`)
      return node
    }
    // In a DLedger lab "broker-a-master" means the group's elected leader (as mqlab kill resolves it), and
    // later steps naming it again mean that same member (the one killed), not whoever leads by then.
    const group = /^(.*)-master$/.exec(target)?.[1]
    if (
      group !== undefined &&
      !this.ctx.specs.some((s) => s.name === target) &&
      this.ctx.specs.some((s) => s.fileRole === 'DLEDGER' && s.brokerName === group)
    ) {
      const known = this.aliases.get(target)
      if (known !== undefined) return known
      const leader = await this.resolve('@leader')
      this.aliases.set(target, leader)
      return leader
    }
    if (target === '@leader' || target === '@follower') {
      // A DLedger group's leader is the member the name servers list as brokerId 0.
      const admin = new MQAdmin({namesrvAddr: this.namesrvAddr})
      try {
        const info = await admin.clusterInfo()
        const leaders = new Set(
          Object.values(info.brokerAddrTable)
            .map((b) => b.brokerAddrs['0'])
            .filter((a): a is string => a !== undefined),
        )
        const members = this.ctx.specs.filter((s) => s.fileRole === 'DLEDGER')
        const found = members.filter((s) => (target === '@leader') === leaders.has(s.addr))
        if (found.length === 0) throw new Error(`no DLedger ${target.slice(1)} is registered now`)
        return found[0]!.name
      } finally {
        await admin.close()
      }
    }
    if (target !== CLIENT_NODE && target !== 'all' && !this.ctx.specs.some((s) => s.name === target)) {
      throw new Error(`no node "${target}" in the lab (nodes: ${this.ctx.specs.map((s) => s.name).join(', ')})`)
    }
    return target
  }

  private needRelays(): LinkControl {
    if (this.relays === undefined) {
      throw new Error(
        'link faults need the links to run through relays: run the scenario on a fresh --dir (the experiment relays the lab it starts), or put relays on this lab (mqlab down, mqlab relays on, mqlab up)',
      )
    }
    return this.relays
  }

  private record(action: string, target: string, groups: string[], phase: FaultRecord['phase'], detail?: string): FaultRecord {
    return {type: 'fault', t: this.now(), action, target, groups, phase, ...(detail ? {detail} : {})}
  }

  /** Applies one step; never throws (a failed step is recorded with its error). */
  async apply(step: PlannedStep): Promise<AppliedStep> {
    try {
      return await this.applyOrThrow(step)
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err)
      return {step, targets: step.targets, records: [this.record(step.action, step.targets.join('~'), [], 'instant', `failed: ${error}`)], error}
    }
  }

  private async applyOrThrow(step: PlannedStep): Promise<AppliedStep> {
    const targets = await Promise.all(step.targets.map((t) => this.resolve(t)))
    const [a, b] = targets as [string, string | undefined]
    const ctx = this.ctx
    switch (step.action) {
      case 'kill': {
        const signal = parseSignal(step.options.signal ?? 'SIGKILL')
        // What `mqlab kill` reads around a kill (topics and where they live), for its prediction.
        const observe = await observeAroundKill(ctx).catch(() => undefined)
        const start = this.record('kill', a, this.groupsOf([a]), 'start', signal)
        await killNode(ctx, a, signal)
        this.lastKilled = a
        const prediction = predictAfterKill(ctx, a, signal, await observe?.after(a).catch(() => undefined)) ?? undefined
        return {step, targets, records: [start], prediction}
      }
      case 'stop': {
        const start = this.record('stop', a, this.groupsOf([a]), 'start')
        await stopNode(ctx, a)
        this.lastKilled = a
        return {step, targets, records: [start]}
      }
      case 'start': {
        // The experiment's relays rewrote each DLedger member's dLegerPeers to its own relay addresses.
        await startNode(ctx, a, {relayedPeers: this.relays !== undefined})
        return {step, targets, records: [this.record('start', a, this.groupsOf([a]), 'end')]}
      }
      case 'pause':
      case 'resume': {
        const pause = step.action === 'pause'
        const observe = pause ? await observeAroundKill(ctx).catch(() => undefined) : undefined
        const rec = pause ? this.record('pause', a, this.groupsOf([a]), 'start') : undefined
        await freezeNode(ctx, a, pause)
        if (pause) this.lastPaused = a
        // `mqlab pause` of a master predicts too (a hung master keeps its connections).
        const prediction = pause ? (predictAfterKill(ctx, a, 'SIGSTOP', await observe?.after(a).catch(() => undefined)) ?? undefined) : undefined
        return {step, targets, records: [rec ?? this.record('resume', a, this.groupsOf([a]), 'end')], prediction}
      }
      case 'restart': {
        const all = a === 'all'
        const names = all ? ctx.specs.map((s) => s.name) : [a]
        const label = all ? 'all' : a
        const start = this.record('restart', label, this.groupsOf(names), 'start')
        // Stop slaves and members first, masters next, name servers last; start again in start order.
        const order = [...ctx.specs].filter((s) => names.includes(s.name)).sort((x, y) => y.step - x.step)
        for (const s of order) await ctx.supervisor.stop(s.name)
        await runUp(ctx)
        return {step, targets, records: [start, this.record('restart', label, this.groupsOf(names), 'end')]}
      }
      case 'partition':
      case 'delay':
      case 'bandwidth': {
        const relays = this.needRelays()
        const fault =
          step.action === 'partition'
            ? {stalled: true}
            : step.action === 'delay'
              ? {delayMs: step.options.ms ?? 0, jitterMs: step.options.jitter ?? 0}
              : {bandwidthKiBps: step.options.kbps ?? 0}
        const applied = {links: await relays.apply(a, b!, fault, step.options.oneway === true)}
        const detail =
          step.action === 'partition'
            ? step.options.oneway
              ? `${a} → ${b} only`
              : 'both ways'
            : step.action === 'delay'
              ? `${step.options.ms} ms ± ${step.options.jitter ?? 0}`
              : `${step.options.kbps} KiB/s`
        return {
          step,
          targets,
          records: [
            this.record(
              step.action,
              `${a}~${b}`,
              this.groupsOf([a, b!]),
              'start',
              `${detail}; links ${applied.links.map((l) => `${l.from}→${l.to}`).join(', ')}`,
            ),
          ],
        }
      }
      case 'isolate': {
        const relays = this.needRelays()
        const links = await relays.isolate(a)
        return {step, targets, records: links.map((l) => this.record('partition', `${l.from}~${l.to}`, this.groupsOf([l.from, l.to]), 'start', 'isolate'))}
      }
      case 'heal': {
        const relays = this.needRelays()
        if (a === 'all') {
          await relays.heal()
          return {step, targets, records: [this.record('heal', '*', [], 'end')]}
        }
        await relays.heal(a, b!)
        return {step, targets, records: [this.record('heal', `${a}~${b}`, this.groupsOf([a, b!]), 'end'), this.record('heal', `${b}~${a}`, [], 'end')]}
      }
      case 'reset': {
        const relays = this.needRelays()
        await relays.reset(a, b!)
        return {step, targets, records: [this.record('reset', `${a}~${b}`, this.groupsOf([a, b!]), 'instant')]}
      }
    }
  }
}
