import {sleepOn, type Timers} from '../../runtime/common/timers.js'
import type {Clock} from '../../src/lab/clock.js'

/**
 * The one hand-driven clock of the tests: it is both the runtime's `Timers` and the supervisor's
 * `Clock`. Timers fire only when time moves:
 * - `advance(ms)` moves it by hand, firing due timers in time order (including ones they schedule);
 * - with `autoAdvance` on, whenever every task has run as far as it can (setImmediate runs after all
 *   pending promise callbacks), time jumps to the earliest timer and fires it, so concurrent sleepers
 *   share one timeline as with real time, without waiting (the lab's simulated processes).
 * `onAdvance` listeners hear every move of time (a simulated OS reacting to it).
 */
export class ManualTimers implements Timers, Clock {
  private time: number
  private nextId = 1
  private readonly pending = new Map<number, {at: number; fn: () => void}>()
  private readonly listeners: Array<() => void> = []
  private scheduled = false

  constructor(
    start = 1_700_000_000_000,
    /** Jump to the next timer by itself once nothing else can run. */
    readonly autoAdvance = false,
  ) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  /** The current time (ms since the epoch), as a field for the simulated processes. */
  get t(): number {
    return this.time
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++
    this.pending.set(id, {at: this.time + Math.max(0, ms), fn})
    if (this.autoAdvance) this.schedule()
    return id
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number)
  }

  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal)
  }

  /** Moves time forward, firing due timers in time order (including ones they schedule). */
  advance(ms: number): void {
    const target = this.time + ms
    for (;;) {
      let due: [number, {at: number; fn: () => void}] | undefined
      for (const entry of this.pending) if (entry[1].at <= target && (!due || entry[1].at < due[1].at)) due = entry
      if (!due) break
      this.pending.delete(due[0])
      this.moveTo(due[1].at)
      due[1].fn()
    }
    this.moveTo(target)
  }

  /** Hears every move of time. */
  onAdvance(listener: () => void): void {
    this.listeners.push(listener)
  }

  /** How many timers are pending. */
  get pendingCount(): number {
    return this.pending.size
  }

  private moveTo(at: number): void {
    if (at === this.time) return
    this.time = at
    for (const l of this.listeners) l()
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      if (this.pending.size === 0) return
      let next = Infinity
      for (const {at} of this.pending.values()) next = Math.min(next, at)
      this.advance(Math.max(0, next - this.time))
      if (this.pending.size > 0) this.schedule()
    })
  }
}
