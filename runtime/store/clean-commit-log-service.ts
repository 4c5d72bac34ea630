/**
 * Retention (RocketMQ DefaultMessageStore.CleanCommitLogService and CleanConsumeQueueService): at the
 * deleteWhen hours, or when the disk is fuller than diskMaxUsedSpaceRatio, delete commitlog segments
 * last written more than fileReservedTime hours ago — oldest first, at most 10 per run, never the
 * segment being written — then the consume-queue files and entries that point below the new minimum.
 * Above 85 % disk use segments go regardless of age; above 90 % the store refuses new messages.
 */
import type {Logger} from '../common/logger.js'
import type {CommitLog} from './commit-log.js'
import type {ConsumeQueue} from './consume-queue.js'
import {isItTimeToDo} from './delete-when.js'
import type {MessageStoreConfig} from './message-store-config.js'

// RocketMQ's system-property defaults rocketmq.broker.diskSpaceWarningLevelRatio / diskSpaceCleanForciblyRatio.
const DISK_SPACE_WARNING_LEVEL_RATIO = 0.9
const DISK_SPACE_CLEAN_FORCIBLY_RATIO = 0.85
/** MessageStoreConfig.deleteFileBatchMax. */
const DELETE_FILE_BATCH_MAX = 10

/** What the cleaner needs. */
export interface CleanContext {
  config: MessageStoreConfig
  clock: () => number
  commitLog: CommitLog
  consumeQueues: () => Iterable<ConsumeQueue>
  /** Index files below the commitlog's minimum go with it (CleanConsumeQueueService → IndexService.deleteExpiredFile). */
  deleteExpiredIndexFiles?: (minPhyOffset: number) => Promise<number> | undefined
  /** Used fraction of the disk holding the commitlog, or -1. */
  diskUsedRatio: () => Promise<number>
  logger: Logger
}

/** One retention pass at a time. */
export class CleanCommitLogService {
  /** Last measured disk use of the commitlog's partition (runtime info). */
  diskRatio = -1
  /** Set above the warning level: puts are refused (RunningFlags disk full). */
  diskFull = false
  private manualDeleteTimes = 0
  private lastPhysicalMinOffset = 0

  constructor(private readonly ctx: CleanContext) {}

  /** Asks the next 20 runs to delete expired files whatever the hour (executeDeleteFilesManually). */
  executeDeleteFilesManually(): void {
    this.manualDeleteTimes = 20
  }

  /** One pass: resolves to the number of commitlog segments deleted. */
  async run(): Promise<number> {
    const {config, clock, commitLog, logger} = this.ctx
    const now = clock()
    const ratio = await this.ctx.diskUsedRatio()
    this.diskRatio = ratio
    const wasFull = this.diskFull
    this.diskFull = ratio > DISK_SPACE_WARNING_LEVEL_RATIO
    if (this.diskFull && !wasFull) logger.error(`disk of the commitlog is ${(ratio * 100).toFixed(1)} % used: refusing new messages until space is freed`)
    if (!this.diskFull && wasFull) logger.info(`disk of the commitlog is ${(ratio * 100).toFixed(1)} % used: accepting messages again`)
    const cleanImmediately = ratio > DISK_SPACE_CLEAN_FORCIBLY_RATIO
    const timeUp = isItTimeToDo(config.deleteWhen, now)
    const spaceFull = ratio > config.diskMaxUsedSpaceRatio / 100
    const manual = this.manualDeleteTimes > 0
    let deleted = 0
    if (timeUp || spaceFull || manual) {
      if (manual) this.manualDeleteTimes--
      deleted = await commitLog.deleteExpiredFile(config.fileReservedTime * 3600_000, now, cleanImmediately, DELETE_FILE_BATCH_MAX)
      if (deleted === 0 && spaceFull) logger.warn('disk space will be full soon, but no commitlog segment could be deleted')
    }
    await this.cleanConsumeQueues()
    return deleted
  }

  /** Drops consume-queue files and entries below the commitlog's minimum offset. */
  async cleanConsumeQueues(): Promise<void> {
    const min = this.ctx.commitLog.getMinOffset()
    if (min <= this.lastPhysicalMinOffset) return
    this.lastPhysicalMinOffset = min
    for (const cq of this.ctx.consumeQueues()) await cq.deleteExpiredFile(min)
    await this.ctx.deleteExpiredIndexFiles?.(min)
  }
}
