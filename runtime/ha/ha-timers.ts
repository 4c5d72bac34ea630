/**
 * The clock and timers replication schedules with. The broker passes its own (the same shape as
 * runtime/broker/timers.ts); unit tests pass a hand-driven clock so timeouts need no sleeping.
 */
export interface HaTimers {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Node's timers, unref'd: a pending replication timer alone never keeps a process alive. */
export const realHaTimers: HaTimers = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms)
    t.unref()
    return t
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout)
  },
}
