/**
 * The clock and timer functions runtime services (broker, replication) schedule with. Production passes the real ones; unit tests pass a
 * manual clock (test/helpers/manual-timers.ts) so timeouts are driven without sleeping.
 */
export interface Timers {
  now(): number
  /**
   * Runs `fn` after `ms`. A background timer alone never keeps a process alive; `keepAlive` marks one
   * that stands for work in progress (a request or a put waiting for its answer).
   */
  setTimeout(fn: () => void, ms: number, keepAlive?: boolean): unknown
  clearTimeout(handle: unknown): void
}

/** Node's timers, unref'd unless keepAlive. */
export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout(fn, ms, keepAlive = false) {
    const t = setTimeout(fn, ms)
    if (!keepAlive) t.unref()
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

/**
 * Resolves after `ms` on `timers` (kept alive: a waiting caller is work in progress); rejects with the
 * signal's reason when `signal` aborts first.
 */
export function sleepOn(timers: Timers, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason)
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      timers.clearTimeout(handle)
      reject(signal!.reason)
    }
    const handle = timers.setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      },
      ms,
      true,
    )
    signal?.addEventListener('abort', onAbort, {once: true})
  })
}
