/**
 * The reput of a broker in DLedger mode (DLedgerCommitLog + ReputMessageService): committed entries — and
 * nothing else — go to the consume queues, in log order, on every member. The dispatcher keeps the index of
 * the last entry dispatched and the end of its bytes, and moves the commitlog view's committed position.
 */
import type {Logger} from '../../common/logger.js'
import type {Timers} from '../../common/timers.js'
import {getTransactionValue, MessageSysFlag} from '../../message/message-sys-flag.js'
import {checkMessageAndReturnSize} from '../../store/check-message-and-return-size.js'
import type {ConsumeQueueTable} from '../../store/consume-queue-table.js'
import type {DispatchRequest} from '../../store/dispatch-request.js'
import type {MessageArrivingListener} from '../../store/message-store.js'
import type {DLedgerServer} from '../dledger-server.js'
import {ENTRY_BODY_OFFSET, type DLedgerCommitLogView} from './dledger-commit-log-view.js'

/** Dispatches a DLedger log's committed entries to the consume queues. */
export class DLedgerDispatcher {
  /** Index of the last entry dispatched to the consume queues, and the end of its bytes. */
  dispatchedIndex = -1
  dispatchedPos = 0
  private dispatching = false

  constructor(
    private readonly dledger: DLedgerServer,
    private readonly view: DLedgerCommitLogView,
    private readonly consumeQueues: ConsumeQueueTable,
    private readonly listeners: readonly MessageArrivingListener[],
    private readonly deliverTimestamp: ((level: number, ts: number) => number) | undefined,
    private readonly timers: Timers,
    private readonly logger: Logger,
  ) {}

  /**
   * Sets where dispatch resumes after a restart. Consume queues are flushed once a second, each on its own:
   * after a kill -9 one may hold entries another lost. Dispatch resumes after the last entry known flushed to
   * every queue (re-dispatching an entry a queue already holds is a no-op), never before the log begins.
   */
  recover(flushedIndex: number): void {
    this.dispatchedIndex = Math.max(Math.min(flushedIndex, this.lastDispatchedIndex()), this.dledger.store.beginIndex() - 1)
    this.dispatchedPos = this.endPosOf(this.dispatchedIndex)
  }

  /** Bytes committed but not yet in the consume queues. */
  behindBytes(): number {
    return Math.max(0, this.view.committedPos - this.dispatchedPos)
  }

  private endPosOf(index: number): number {
    const ps = index >= 0 ? this.dledger.store.posAndSize(index) : undefined
    return ps ? ps.pos + ps.size : this.dledger.store.data.minOffset()
  }

  /** The last entry every consume queue already holds (binary search by position over the index file). */
  private lastDispatchedIndex(): number {
    let maxPhysic = -1
    for (const cq of this.consumeQueues.all()) maxPhysic = Math.max(maxPhysic, cq.maxPhysicOffset)
    const store = this.dledger.store
    let lo = store.beginIndex()
    let hi = store.endIndex()
    if (lo < 0 || maxPhysic < 0) return lo < 0 ? -1 : lo - 1
    let found = lo - 1
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2)
      const ps = store.posAndSize(mid)!
      if (ps.pos + ps.size <= maxPhysic) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }

  /** Dispatches committed entries in order (reput); concurrent calls join the running one. */
  async dispatch(): Promise<void> {
    if (this.dispatching) return
    this.dispatching = true
    try {
      for (;;) {
        const committed = this.dledger.committedIndex()
        this.view.committedPos = Math.max(this.view.committedPos, this.endPosOf(committed))
        if (this.dispatchedIndex >= committed) return
        const stop = Math.min(committed, this.dispatchedIndex + 1000)
        for (let i = this.dispatchedIndex + 1; i <= stop; i++) this.dispatchEntry(i)
        // Let sends and pulls in between large catch-ups.
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    } finally {
      this.dispatching = false
    }
  }

  private dispatchEntry(index: number): void {
    const e = this.dledger.store.get(index)
    if (!e) throw new Error(`committed entry ${index} is missing from the DLedger log`)
    const body = Buffer.from(e.body.buffer, e.body.byteOffset, e.body.byteLength)
    const offset = e.pos + ENTRY_BODY_OFFSET
    const check = checkMessageAndReturnSize(body, 0, {
      checkCRC: false,
      readProperties: true,
      bufferOffset: offset,
      bytesToSegmentEnd: body.length,
      deliverTimestamp: this.deliverTimestamp,
    })
    this.dispatchedIndex = index
    this.dispatchedPos = offset + body.length
    if (check.kind !== 'message') {
      this.logger.warn(`DLedger entry ${index} does not hold a RocketMQ message (${check.kind}); not dispatched`)
      return
    }
    this.doDispatch(check.request)
  }

  private doDispatch(req: DispatchRequest): void {
    const t = getTransactionValue(req.sysFlag)
    if (t !== MessageSysFlag.TRANSACTION_NOT_TYPE && t !== MessageSysFlag.TRANSACTION_COMMIT_TYPE) return
    const cq = this.consumeQueues.findOrCreate(req.topic, req.queueId)
    if (!cq.putMessagePositionInfo(req, this.timers.now())) return
    for (const listener of this.listeners) {
      try {
        listener(req.topic, req.queueId, req.consumeQueueOffset + 1, req.tagsCode)
      } catch (error) {
        this.logger.error('a message arriving listener failed', error)
      }
    }
  }
}
