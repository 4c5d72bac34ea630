/**
 * A background service on a fixed interval that never overlaps itself: the commitlog flush of ASYNC_FLUSH
 * (RocketMQ FlushRealTimeService, every flushIntervalCommitLog ms), the consume-queue flush
 * (FlushConsumeQueueService) and file retention (CleanCommitLogService, every 10 s).
 */
import type {Logger} from '../common/logger.js'
import {realTimers, scheduleWithFixedDelay, type Timers} from '../common/timers.js'

/** A periodic background task that never overlaps itself: each run starts intervalMs after the last one ended. */
export class PeriodicTask {
  private cancel: (() => void) | undefined
  private running: Promise<void> | undefined

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Starts the timer. */
  start(): void {
    if (this.cancel) return
    const every = Math.max(1, this.intervalMs)
    this.cancel = scheduleWithFixedDelay(this.timers, () => this.runOnce(), every, every)
  }

  /** Runs the task now (or joins the run in progress). */
  runOnce(): Promise<void> {
    this.running ??= this.task()
      .catch((error: unknown) => this.logger.error(`${this.name} failed`, error))
      .finally(() => {
        this.running = undefined
      })
    return this.running
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    this.cancel?.()
    this.cancel = undefined
    await this.running
  }
}
