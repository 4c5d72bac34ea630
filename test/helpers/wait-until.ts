import {setTimeout as delay} from 'node:timers/promises'

/**
 * Polls `condition` until it returns a truthy value or the deadline passes (then throws with `what`).
 * For tests: wait for a condition with a deadline instead of sleeping a fixed time.
 */
export async function waitUntil<T>(
  condition: () => T | Promise<T>,
  what: string,
  options: {timeoutMs?: number; intervalMs?: number} = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 5000)
  for (;;) {
    const value = await condition()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await delay(options.intervalMs ?? 10)
  }
}
