import type {Timers} from '../../runtime/common/timers.js'

/** A hand-driven clock for unit tests: timers fire only when the test advances time. */
export class ManualTimers implements Timers {
  private time: number
  private nextId = 1
  private readonly pending = new Map<number, {at: number; fn: () => void}>()

  constructor(start = 1_700_000_000_000) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++
    this.pending.set(id, {at: this.time + Math.max(0, ms), fn})
    return id
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number)
  }

  /** Moves time forward, firing due timers in time order (including ones they schedule). */
  advance(ms: number): void {
    const target = this.time + ms
    for (;;) {
      let due: [number, {at: number; fn: () => void}] | undefined
      for (const entry of this.pending) if (entry[1].at <= target && (!due || entry[1].at < due[1].at)) due = entry
      if (!due) break
      this.pending.delete(due[0])
      this.time = due[1].at
      due[1].fn()
    }
    this.time = target
  }

  /** How many timers are pending. */
  get pendingCount(): number {
    return this.pending.size
  }
}
