/**
 * An experiment scenario: the lab (a template for a fresh lab, or the current lab), the workload, the
 * fault timeline, how long, and the checks. Written as YAML or JSON (schemas/experiment-scenario.schema.json);
 * the built-in scenarios are the same data (builtin-scenarios.ts).
 */
import type {Expectations} from '../checker/index.js'

/** A node to act on: a name, or one drawn by the seed from a role or a list. */
export type NodeTarget = string | {random: 'master' | 'slave' | 'namesrv' | 'broker' | 'leader' | 'follower'} | {oneOf: string[]}

/** When an action happens: after the run started, a window drawn by the seed, or once the survivors were read ("drained"). */
export type At = string | number | {between: [string | number, string | number]} | 'drained'

/** One step of the fault timeline: `at` plus exactly one action. */
export interface FaultStep {
  at: At
  kill?: NodeTarget
  signal?: string
  stop?: NodeTarget
  start?: NodeTarget
  restart?: NodeTarget | 'all'
  pause?: NodeTarget
  resume?: NodeTarget
  partition?: [NodeTarget, NodeTarget]
  oneway?: boolean
  isolate?: NodeTarget
  heal?: [NodeTarget, NodeTarget] | 'all'
  delay?: [NodeTarget, NodeTarget]
  ms?: number
  jitter?: number
  bandwidth?: [NodeTarget, NodeTarget]
  kbps?: number
  reset?: [NodeTarget, NodeTarget]
}

export const ACTIONS = ['kill', 'stop', 'start', 'restart', 'pause', 'resume', 'partition', 'isolate', 'heal', 'delay', 'bandwidth', 'reset'] as const
export type ActionName = (typeof ACTIONS)[number]

/** What the clients do. */
export interface Workload {
  producers?: number
  /** Messages per second per producer (open loop); without it, `inflight` sends at a time (closed loop). */
  rate?: number
  inflight?: number
  /** Body size in bytes (at least the message's own id). */
  size?: number
  /** Distinct keys, cycled (0: none). */
  keys?: number
  tags?: string[]
  /** Ordered: each key's messages go to one queue, one at a time; the checker then checks order. */
  ordered?: boolean
  consumers?: number
  group?: string
  /** When the consumers start (default 0): later than a fault leaves a backlog to time the failover of reads by. */
  consumerStart?: string | number
}

export interface Scenario {
  name: string
  description?: string
  /** The template of the fresh lab; omitted: the lab in --dir as it is. */
  template?: string
  /** Templates the scenario is meant for (compare's default list). */
  templates?: string[]
  namesrv?: number
  topic?: string
  queues?: number
  workload?: Workload
  /** How long the workload sends. */
  duration?: string | number
  /** The longest wait for the survivors to be read (before "drained" steps) and for the final read. */
  drainTimeout?: string | number
  faults?: FaultStep[]
  checks?: Expectations
  /** Overrides of `checks` per template. */
  checksByTemplate?: Record<string, Expectations>
  /** Client timing: RocketMQ's (route poll 30 s, rebalance 20 s; the default) or fast (1 s each). */
  timing?: 'java' | 'fast'
}

/** Milliseconds from "5s", "500ms", "1m", "1.5s" or a number of seconds. */
export function parseDuration(value: string | number, what = 'duration'): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new Error(`${what}: ${value} is not a duration`)
    return Math.round(value * 1000)
  }
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(value.trim())
  if (m === null) throw new Error(`${what}: "${value}" is not a duration (write 500ms, 5s or 1m)`)
  const n = Number(m[1])
  return Math.round(m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000)
}

/** The one action of a step. */
export function actionOf(step: FaultStep): ActionName {
  const found = ACTIONS.filter((a) => step[a] !== undefined)
  if (found.length !== 1)
    throw new Error(`a fault step needs exactly one action (${ACTIONS.join(', ')}); this one has ${found.length === 0 ? 'none' : found.join(' and ')}`)
  return found[0]!
}
