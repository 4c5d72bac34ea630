/**
 * Retention of DLedger entry files (DLedgerCommitLog passes fileReservedTime + 1 h, deleteWhen and the
 * disk ratio to DLedger's cleaner): at the deleteWhen hour, or when the disk is fuller than
 * diskMaxUsedSpaceRatio, whole data files older than the reserved time are deleted — never past what the
 * consume queues hold — then consume-queue files below the new first offset.
 */
import type {Logger} from '../../common/logger.js'
import type {BrokerConfig} from '../../config/broker-config.js'
import {isItTimeToDo} from '../../store/delete-when.js'
import type {ConsumeQueue} from '../../store/consume-queue.js'
import {nodeStoreFs} from '../../store/store-fs.js'
import type {DLedgerMmapFileStore} from '../store/dledger-mmap-file-store.js'

/** The periodic cleaner of one DLedger broker. */
export class DLedgerRetention {
  diskRatio = 0

  constructor(
    private readonly config: BrokerConfig,
    private readonly store: DLedgerMmapFileStore,
    private readonly consumeQueues: () => Iterable<ConsumeQueue>,
    private readonly dispatchedPos: () => number,
    private readonly logger: Logger,
  ) {}

  /** One pass; returns the number of data files deleted. */
  async run(now: number): Promise<number> {
    this.diskRatio = await nodeStoreFs.diskUsedRatio(this.store.data.dir).catch(() => 0)
    const diskFull = this.diskRatio * 100 > this.config.diskMaxUsedSpaceRatio
    if (!diskFull && !isItTimeToDo(this.config.deleteWhen, now)) return 0
    // DLedgerCommitLog hands DLedger fileReservedTime + 1 hour.
    const olderThan = diskFull ? undefined : now - (this.config.fileReservedTime + 1) * 3600_000
    const deleted = this.store.deleteExpiredFiles(this.dispatchedPos(), olderThan)
    if (deleted > 0) {
      const min = this.store.data.minOffset()
      for (const cq of this.consumeQueues()) await cq.deleteExpiredFile(min)
      this.logger.info(`retention deleted ${deleted} DLedger data file(s); the log now begins at index ${this.store.beginIndex()}`)
    }
    return deleted
  }
}
