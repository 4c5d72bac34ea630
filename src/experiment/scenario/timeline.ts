/**
 * The fault timeline of one run: the scenario's steps with every seed-drawn choice made (a time in a
 * window, a node of a role), sorted by time. Pure: the same seed and scenario give the same timeline.
 */
import {actionOf, parseDuration, type ActionName, type FaultStep, type NodeTarget, type Scenario} from './scenario.js'

/** A step ready to run. `at` is ms since the start, or 'drained'. */
export interface PlannedStep {
  at: number | 'drained'
  action: ActionName
  /** Node names (one, or two for a link), 'all', or a role still to resolve against the running lab ('leader'). */
  targets: string[]
  options: {signal?: string; oneway?: boolean; ms?: number; jitter?: number; kbps?: number}
  /** The step as written, for the report. */
  written: string
}

/** mulberry32: a small, well-known seeded generator (the same seed, the same draws everywhere). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** What the timeline needs to know about the lab's nodes: name and role. */
export interface NodeRole {
  name: string
  role: 'master' | 'slave' | 'namesrv' | 'dledger'
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!
}

function resolveTarget(target: NodeTarget, nodes: readonly NodeRole[], random: () => number): string {
  if (typeof target === 'string') return target
  if ('oneOf' in target) return pick(target.oneOf, random)
  const role = target.random
  // leader / follower are known only once the DLedger group elected: resolved when the step runs.
  if (role === 'leader' || role === 'follower') return `@${role}`
  const wanted = role === 'broker' ? nodes.filter((n) => n.role !== 'namesrv') : nodes.filter((n) => n.role === role)
  if (wanted.length === 0) throw new Error(`the lab has no ${role} to draw from`)
  return pick(wanted.map((n) => n.name).sort(), random)
}

export function planTimeline(scenario: Scenario, nodes: readonly NodeRole[], seed: number): PlannedStep[] {
  const random = seededRandom(seed)
  const steps = (scenario.faults ?? []).map((step: FaultStep): PlannedStep => {
    const action = actionOf(step)
    let at: PlannedStep['at']
    if (step.at === 'drained') at = 'drained'
    else if (typeof step.at === 'object') {
      const [lo, hi] = step.at.between.map((x) => parseDuration(x))
      at = Math.round(lo! + random() * (hi! - lo!))
    } else at = parseDuration(step.at)
    const raw = step[action] as NodeTarget | NodeTarget[] | 'all'
    const targets = raw === 'all' ? ['all'] : Array.isArray(raw) ? raw.map((t) => resolveTarget(t, nodes, random)) : [resolveTarget(raw, nodes, random)]
    return {
      at,
      action,
      targets,
      options: {signal: step.signal, oneway: step.oneway, ms: step.ms, jitter: step.jitter, kbps: step.kbps},
      written: JSON.stringify(step),
    }
  })
  // Stable: steps at the same time keep the order they were written in.
  return steps
    .map((s, i) => ({s, i}))
    .sort((x, y) => (x.s.at === 'drained' ? Infinity : x.s.at) - (y.s.at === 'drained' ? Infinity : y.s.at) || x.i - y.i)
    .map((x) => x.s)
}
