/**
 * Time for the supervisor: injected so readiness deadlines and TERM→KILL escalation are testable without
 * waiting. It is the runtime's one time abstraction (runtime/common/timers.ts) plus a sleep.
 */
import {realTimers, sleepOn, type Timers} from '../../runtime/common/timers.js'

/** Wall-clock time and waiting. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Resolves after `ms`; rejects with the signal's reason when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** A Clock on Timers. */
export function clockOn(timers: Timers): Clock {
  return {now: () => timers.now(), sleep: (ms, signal) => sleepOn(timers, ms, signal)}
}

/** The real clock. */
export const systemClock: Clock = clockOn(realTimers)
