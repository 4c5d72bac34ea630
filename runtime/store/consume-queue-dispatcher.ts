/**
 * What happens to each record once it is in the commitlog (RocketMQ's CommitLogDispatcher list and
 * ReputMessageService's arriving-message notification): its consume-queue entry, any further
 * dispatchers (indexes), then the listeners that wake held pulls.
 */
import type {Logger} from '../common/logger.js'
import {getTransactionValue, MessageSysFlag} from '../message/message-sys-flag.js'
import type {ConsumeQueueTable} from './consume-queue-table.js'
import type {DispatchRequest} from './dispatch-request.js'
import type {MessageArrivingListener} from './message-store.js'

/** One more consumer of dispatched records (RocketMQ CommitLogDispatcher). */
export type CommitLogDispatcher = (req: DispatchRequest) => void

/** Feeds the consume queues and everything else that follows the commitlog. */
export class ConsumeQueueDispatcher {
  /** Store time of the last record that got a consume-queue entry (checkpoint logicsMsgTimestamp). */
  lastDispatchedStoreTimestamp = 0
  private readonly listeners: MessageArrivingListener[] = []
  private readonly dispatchers: CommitLogDispatcher[] = []

  constructor(
    private readonly consumeQueues: ConsumeQueueTable,
    private readonly clock: () => number,
    private readonly logger: Logger,
    /** Listeners hear only records dispatched while the store runs (not recovery's re-dispatch). */
    private readonly running: () => boolean,
  ) {}

  onMessageArrived(listener: MessageArrivingListener): void {
    this.listeners.push(listener)
  }

  addDispatcher(dispatcher: CommitLogDispatcher): void {
    this.dispatchers.push(dispatcher)
  }

  /** Indexes one record: consume queue entry, further dispatchers, then the arriving-message listeners. */
  dispatch(req: DispatchRequest): void {
    const t = getTransactionValue(req.sysFlag)
    const normal = t === MessageSysFlag.TRANSACTION_NOT_TYPE || t === MessageSysFlag.TRANSACTION_COMMIT_TYPE
    const added = normal && this.consumeQueues.findOrCreate(req.topic, req.queueId).putMessagePositionInfo(req, this.clock())
    if (added) this.lastDispatchedStoreTimestamp = req.storeTimestamp
    // Further dispatchers see every record, as RocketMQ's do: one the consume queue already holds may be
    // missing from the index after a crash, and the index keeps its own position (and skips rollbacks).
    for (const dispatcher of this.dispatchers) dispatcher(req)
    if (!added || !this.running()) return
    for (const listener of this.listeners) {
      try {
        // As RocketMQ's ReputMessageService: the queue's max offset after this message.
        listener(req.topic, req.queueId, req.consumeQueueOffset + 1, req.tagsCode)
      } catch (error) {
        this.logger.error('a message arriving listener failed', error)
      }
    }
  }
}
