/**
 * The store's background services, started once recovery is done: the commitlog flush of ASYNC_FLUSH
 * (RocketMQ FlushRealTimeService, every flushIntervalCommitLog ms), the consume-queue flush
 * (FlushConsumeQueueService, every flushIntervalConsumeQueue ms) and retention (CleanCommitLogService,
 * every cleanResourceInterval ms; 0 disables it).
 */
import type {Logger} from '../common/logger.js'
import type {Timers} from '../common/timers.js'
import type {MessageStoreConfig} from './message-store-config.js'
import {PeriodicTask} from './periodic-task.js'

/** What the services run. */
export interface StoreServiceWork {
  flushCommitLog(): Promise<unknown>
  flushConsumeQueues(): Promise<void>
  clean(): Promise<unknown>
}

/** Creates and starts the services; stop each with its stop(). */
export function startStoreServices(
  config: MessageStoreConfig,
  cleanIntervalMs: number,
  work: StoreServiceWork,
  logger: Logger,
  timers: Timers,
): PeriodicTask[] {
  const tasks: PeriodicTask[] = []
  const every = (name: string, ms: number, task: () => Promise<unknown>) =>
    tasks.push(new PeriodicTask(name, async () => void (await task()), ms, logger, timers))
  if (config.flushDiskType === 'ASYNC_FLUSH') every('commitlog flush', config.flushIntervalCommitLog, work.flushCommitLog)
  every('consume queue flush', config.flushIntervalConsumeQueue, work.flushConsumeQueues)
  if (cleanIntervalMs > 0) every('retention', cleanIntervalMs, work.clean)
  for (const t of tasks) t.start()
  return tasks
}
