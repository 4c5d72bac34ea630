/**
 * SYNC_FLUSH acknowledgement (RocketMQ CommitLog.GroupCommitService): a put waits until an fdatasync
 * covers its record. Puts that arrive while one fdatasync runs all wait for the next, so N concurrent
 * puts cost far fewer than N fsyncs (group commit). A put not covered within syncFlushTimeout is
 * answered FLUSH_DISK_TIMEOUT (its record is written, only its durability is unconfirmed).
 */
import type {Logger} from '../common/logger.js'
import {realTimers, type Timers} from '../common/timers.js'
import type {PutMessageResult} from './message-store.js'

/** A put waiting for its flush. */
export interface FlushWaiter {
  /** Commitlog offset just after the put's last record. */
  end: number
  result: PutMessageResult
  resolve(result: PutMessageResult): void
}

interface Pending extends FlushWaiter {
  deadline: number
}

/** Runs fdatasyncs back to back while puts wait, and times out the ones not covered in time. */
export class GroupCommitService {
  private waiting: Pending[] = []
  private running = false
  private flushRequested = false
  private timer: unknown

  constructor(
    /** Flushes everything committed; resolves to the flushed end offset. */
    private readonly flush: () => Promise<number>,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Queues a put until a flush covers waiter.end. */
  add(waiter: FlushWaiter): void {
    this.waiting.push({...waiter, deadline: this.timers.now() + this.timeoutMs})
    this.armTimer()
    void this.run()
  }

  /** Asks for a flush without waiting on it (a SYNC_FLUSH put with WAIT=false). */
  requestFlush(): void {
    this.flushRequested = true
    void this.run()
  }

  /** Puts still waiting. */
  get size(): number {
    return this.waiting.length
  }

  /** Stops the timeout timer; waiting puts are answered FLUSH_DISK_TIMEOUT. */
  shutdown(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer)
    this.timer = undefined
    const rest = this.waiting
    this.waiting = []
    for (const w of rest) w.resolve({...w.result, status: 'FLUSH_DISK_TIMEOUT'})
  }

  private async run(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      while (this.waiting.length > 0 || this.flushRequested) {
        this.flushRequested = false
        const covered = this.waiting.length
        try {
          const flushed = await this.flush()
          let n = 0
          while (n < this.waiting.length && this.waiting[n].end <= flushed) n++
          for (const w of this.waiting.splice(0, n)) w.resolve(w.result)
        } catch (error) {
          this.logger.error('commitlog fdatasync failed', error)
          for (const w of this.waiting.splice(0, covered))
            w.resolve({...w.result, status: 'FLUSH_DISK_TIMEOUT', remark: `flush failed: ${(error as Error).message}`})
        }
      }
    } finally {
      this.running = false
      this.armTimer()
    }
  }

  private armTimer(): void {
    if (this.timer !== undefined || this.waiting.length === 0) return
    const delay = Math.max(0, this.waiting[0].deadline - this.timers.now())
    this.timer = this.timers.setTimeout(
      () => {
        this.timer = undefined
        const now = this.timers.now()
        let n = 0
        while (n < this.waiting.length && this.waiting[n].deadline <= now) n++
        for (const w of this.waiting.splice(0, n)) {
          w.resolve({...w.result, status: 'FLUSH_DISK_TIMEOUT', remark: `not flushed within syncFlushTimeout ${this.timeoutMs} ms`})
        }
        this.armTimer()
      },
      delay + 1,
      true,
    ) // a put waiting for its flush is work in progress
  }
}
