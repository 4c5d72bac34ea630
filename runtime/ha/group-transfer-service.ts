/**
 * SYNC_MASTER acknowledgement (RocketMQ HAService.GroupTransferService): a put waits until a slave has
 * acknowledged the commitlog offset just after its record, or answers FLUSH_SLAVE_TIMEOUT after
 * slaveTimeout. All waiting puts share one queue, sorted by that offset, and each acknowledgement
 * resolves the whole prefix it covers in one go, so 64 puts in flight cost one comparison each and no
 * round trip of their own. One timer serves every deadline.
 */
import type {PutMessageStatus} from '../store/message-store.js'
import type {Timers} from '../common/timers.js'

interface Waiter {
  /** Commitlog offset a slave must have acknowledged (wroteOffset + wroteBytes). */
  end: number
  deadline: number
  resolve(status: PutMessageStatus): void
}

/** The waiting puts of one master. */
export class GroupTransferService {
  private waiters: Waiter[] = []
  private acked = 0
  private timer: unknown
  private timerAt = Infinity

  constructor(
    /** slaveTimeout in ms, read per put so a run-time config change applies to the next put. */
    private readonly timeoutMs: () => number,
    private readonly timers: Timers,
  ) {}

  /**
   * Highest offset any slave has acknowledged since start (RocketMQ's push2SlaveMaxOffset): an ack
   * from any slave proves the bytes below it reached a slave.
   */
  get ackedOffset(): number {
    return this.acked
  }

  /** Puts still waiting. */
  get size(): number {
    return this.waiters.length
  }

  /** Resolves PUT_OK once a slave acknowledged `end`, FLUSH_SLAVE_TIMEOUT at the deadline. */
  waitFor(end: number): Promise<PutMessageStatus> {
    if (this.acked >= end) return Promise.resolve('PUT_OK')
    return new Promise((resolve) => {
      const w: Waiter = {end, deadline: this.timers.now() + this.timeoutMs(), resolve}
      const last = this.waiters[this.waiters.length - 1]
      // Puts arrive in commitlog order, so this is nearly always an append.
      if (!last || last.end <= end) this.waiters.push(w)
      else this.waiters.splice(this.insertionIndex(end), 0, w)
      if (w.deadline < this.timerAt) this.arm(w.deadline)
    })
  }

  /** A slave acknowledged `offset`: resolves every put it covers (HAService.notifyTransferSome). */
  notifyTransferSome(offset: number): void {
    if (offset <= this.acked) return
    this.acked = offset
    const n = this.insertionIndex(offset + 1)
    if (n === 0) return
    const done = this.waiters.splice(0, n)
    for (const w of done) w.resolve('PUT_OK')
    if (this.waiters.length === 0) this.disarm()
  }

  /** Answers every waiting put FLUSH_SLAVE_TIMEOUT (the store is shutting down). */
  shutdown(): void {
    this.disarm()
    const rest = this.waiters
    this.waiters = []
    for (const w of rest) w.resolve('FLUSH_SLAVE_TIMEOUT')
  }

  /** First index whose end is >= end (binary search). */
  private insertionIndex(end: number): number {
    let lo = 0
    let hi = this.waiters.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.waiters[mid]!.end < end) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private arm(at: number): void {
    this.disarm()
    this.timerAt = at
    this.timer = this.timers.setTimeout(() => this.expire(), Math.max(0, at - this.timers.now()))
  }

  private disarm(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer)
    this.timer = undefined
    this.timerAt = Infinity
  }

  /** Times out the overdue puts, then re-arms for the earliest deadline left. */
  private expire(): void {
    this.timer = undefined
    this.timerAt = Infinity
    const now = this.timers.now()
    const kept: Waiter[] = []
    let next = Infinity
    for (const w of this.waiters) {
      if (w.deadline <= now) {
        w.resolve('FLUSH_SLAVE_TIMEOUT')
      } else {
        kept.push(w)
        if (w.deadline < next) next = w.deadline
      }
    }
    this.waiters = kept
    if (next < Infinity) this.arm(next)
  }
}
