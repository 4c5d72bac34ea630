/**
 * A background service on a fixed interval that never overlaps itself: the commitlog flush of ASYNC_FLUSH
 * (RocketMQ FlushRealTimeService, every flushIntervalCommitLog ms), the consume-queue flush
 * (FlushConsumeQueueService) and file retention (CleanCommitLogService, every 10 s).
 */
import type {Logger} from '../common/logger.js'

/** A periodic background task that never overlaps itself. */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** Starts the timer. */
  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.runOnce(), Math.max(1, this.intervalMs))
    this.timer.unref()
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
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    await this.running
  }
}
