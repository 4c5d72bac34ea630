/**
 * The clock and timer functions runtime services (broker, replication) schedule with. Production passes the real ones; unit tests pass a
 * manual clock (test/helpers/manual-timers.ts) so timeouts are driven without sleeping.
 */
export interface Timers {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Node's timers. Handles are unref'd: a pending broker timer alone never keeps a process alive. */
export const realTimers: Timers = {
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

/**
 * Runs `task` every `periodMs` after an initial delay, like a ScheduledExecutorService at fixed delay:
 * the next run is scheduled only after the previous one (sync or async) finished. Returns a stop function.
 */
export function scheduleWithFixedDelay(
  timers: Timers,
  task: () => void | Promise<void>,
  initialDelayMs: number,
  periodMs: number,
  onError: (error: unknown) => void = () => undefined,
): () => void {
  let stopped = false
  let handle: unknown
  const run = async () => {
    if (stopped) return
    try {
      await task()
    } catch (error) {
      onError(error)
    }
    if (!stopped) handle = timers.setTimeout(() => void run(), periodMs)
  }
  handle = timers.setTimeout(() => void run(), initialDelayMs)
  return () => {
    stopped = true
    timers.clearTimeout(handle)
  }
}
