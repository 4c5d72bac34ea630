/** Time for the supervisor: injected so readiness deadlines and TERM→KILL escalation are testable without waiting. */
import {setTimeout as delay} from 'node:timers/promises'

/** Wall-clock time and waiting. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Resolves after `ms`; rejects with the signal's reason when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, signal === undefined ? undefined : {signal}),
}
