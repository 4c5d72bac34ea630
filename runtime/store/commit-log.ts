/**
 * The commitlog (RocketMQ CommitLog): every message of every topic, appended to fixed-size segments in
 * the stored-record layout (docs/rocketmq-facts.md §3.2), a blank end marker where a record does not fit (docs/rocketmq-facts.md §3.4).
 *
 * A put is synchronous up to its place in memory (offset, queue offset and store time are assigned at
 * once, in call order); the commit loop then writes all appends made meanwhile with one writev per
 * segment, dispatches them to the consume queues, and acknowledges: ASYNC_FLUSH once written (which a
 * process kill cannot undo), SYNC_FLUSH once a group fdatasync covers the record. A failed write rolls
 * the uncommitted tail back and fails exactly the puts in it, so nothing is half-stored.
 */
import type {Logger} from '../common/logger.js'
import type {Timers} from '../common/timers.js'
import {createOffsetMessageId} from '../message/message-id.js'
import type {MessageExtBrokerInner} from '../message/message-ext-broker-inner.js'
import {prepareStoredRecord, writeStoredRecord, type PreparedRecord} from '../message/message-encoder.js'
import {getTransactionValue, MessageSysFlag} from '../message/message-sys-flag.js'
import {BLANK_MAGIC_CODE, END_FILE_MIN_BLANK_LENGTH} from '../message/stored-record-layout.js'
import type {DispatchRequest} from './dispatch-request.js'
import {checkBatch, checkRecord, isWaitStoreMsgOK, topicQueueKey, writeBlankEnd} from './append-message-callback.js'
import {CommitRealTimeService} from './commit-real-time-service.js'
import {GroupCommitService} from './group-commit-service.js'
import type {MappedFileOptions} from './mapped-file.js'
import {MappedFileQueue} from './mapped-file-queue.js'
import type {MessageStoreConfig} from './message-store-config.js'
import type {PutMessageResult, ReplicaService} from './message-store.js'
import {ReputMessageService} from './reput-message-service.js'

/** What the commitlog needs from its store. */
export interface CommitLogDeps {
  config: MessageStoreConfig
  mappedFile: MappedFileOptions
  clock: () => number
  /** Timeouts of SYNC_FLUSH puts (default the real timers). */
  timers?: Timers
  logger: Logger
  /** Indexes one record (consume queue, listeners). */
  dispatch: (req: DispatchRequest) => void
  deliverTimestamp?: (delayLevel: number, storeTimestamp: number) => number
  /** Whether a record found in the bytes still needs indexing (recovery re-dispatch skips the rest cheaply). */
  needsDispatch?: (topic: string, queueId: number, commitLogOffset: number, msgSize: number) => boolean
}

/** The commitlog of one store. */
export class CommitLog {
  readonly queue: MappedFileQueue
  readonly reput: ReputMessageService
  /** Next queue offset per "topic-queueId". */
  topicQueueTable = new Map<string, number>()
  /** Store time of the last dispatched record: what a flush makes durable (checkpoint physicMsgTimestamp). */
  dispatchedStoreTimestamp = 0
  /** A master's replication (runtime/ha): SYNC_MASTER puts also wait for a slave. */
  replicaService: ReplicaService | undefined
  /** Hear the written end after each write. */
  readonly committedListeners: Array<(committedEnd: number) => void> = []
  private readonly groupCommit: GroupCommitService | undefined
  private readonly committer: CommitRealTimeService
  private readonly config: MessageStoreConfig
  private readonly clock: () => number
  private readonly logger: Logger

  constructor(private readonly deps: CommitLogDeps) {
    this.config = deps.config
    this.clock = deps.clock
    this.logger = deps.logger
    this.queue = new MappedFileQueue(deps.config.storePathCommitLog, deps.config.mappedFileSizeCommitLog, deps.mappedFile, deps.logger)
    const reader = {read: (offset: number, len: number) => this.getData(offset, len, true), segmentSize: deps.config.mappedFileSizeCommitLog}
    this.reput = new ReputMessageService(reader, (req) => this.dispatchParsed(req), deps.logger, deps.deliverTimestamp, deps.needsDispatch)
    if (deps.config.flushDiskType === 'SYNC_FLUSH') {
      this.groupCommit = new GroupCommitService(() => this.flushCommitted(), deps.config.syncFlushTimeout, deps.logger, deps.timers)
    }
    this.committer = new CommitRealTimeService(this, this.groupCommit, deps.logger)
  }

  /**
   * Indexes a record read from the bytes (replication, recovery): consume queue and listeners, its store
   * time, and the queue's next offset, so a slave that becomes master continues the numbering.
   */
  dispatchParsed(req: DispatchRequest): void {
    this.dispatchedStoreTimestamp = req.storeTimestamp
    const t = getTransactionValue(req.sysFlag)
    if (t === MessageSysFlag.TRANSACTION_NOT_TYPE || t === MessageSysFlag.TRANSACTION_COMMIT_TYPE) {
      const key = topicQueueKey(req.topic, req.queueId)
      if ((this.topicQueueTable.get(key) ?? 0) <= req.consumeQueueOffset) this.topicQueueTable.set(key, req.consumeQueueOffset + 1)
    }
    this.deps.dispatch(req)
  }

  /** Called by the committer once per write. */
  notifyCommitted(committedEnd: number): void {
    for (const listener of this.committedListeners) listener(committedEnd)
  }

  /** Whether a record found in the bytes still needs indexing. */
  needsDispatch(topic: string, queueId: number, commitLogOffset: number, msgSize: number): boolean {
    return this.deps.needsDispatch ? this.deps.needsDispatch(topic, queueId, commitLogOffset, msgSize) : true
  }

  /** Opens the segments found on disk. */
  async load(): Promise<void> {
    await this.queue.load()
  }

  /** Appends one message; resolves when it is written (and flushed, under SYNC_FLUSH). */
  putMessage(msg: MessageExtBrokerInner): Promise<PutMessageResult> {
    const rec = prepareStoredRecord(msg)
    const illegal = checkRecord(rec, msg.body.length, this.config)
    return illegal ? Promise.resolve(illegal) : this.appendRecords([msg], [rec])
  }

  /** Appends a batch of one topic and queue contiguously in one segment (CommitLog.asyncPutMessages). */
  putMessages(msgs: MessageExtBrokerInner[]): Promise<PutMessageResult> {
    const recs = msgs.map((m) => prepareStoredRecord(m))
    const illegal = checkBatch(msgs, recs, this.config)
    return illegal ? Promise.resolve(illegal) : this.appendRecords(msgs, recs)
  }

  /**
   * The one append path of single and batch puts: the records go contiguously into one segment (a
   * fresh one when they do not fit the current one), take consecutive queue offsets, and are answered
   * together. Prepared and rolled-back transaction records (never batched) get queue offset 0 and no
   * consume-queue entry.
   */
  private appendRecords(msgs: MessageExtBrokerInner[], recs: PreparedRecord[]): Promise<PutMessageResult> {
    const first = msgs[0]!
    const total = recs.reduce((sum, rec) => sum + rec.size, 0)
    const now = this.clock()
    let file = this.queue.getLastMappedFile(0, now)
    if (total + END_FILE_MIN_BLANK_LENGTH > file.remaining) file = this.rollWithBlank(now)
    const tranType = getTransactionValue(first.sysFlag)
    const indexed = tranType === MessageSysFlag.TRANSACTION_NOT_TYPE || tranType === MessageSysFlag.TRANSACTION_COMMIT_TYPE
    const key = topicQueueKey(first.topic, first.queueId)
    const firstQueueOffset = indexed ? (this.topicQueueTable.get(key) ?? 0) : 0
    const ids: string[] = []
    let wroteOffset = -1
    for (const [i, rec] of recs.entries()) {
      const msg = msgs[i]!
      const queueOffset = indexed ? firstQueueOffset + i : 0
      const r = file.reserve(rec.size, now)
      const physicalOffset = file.fileFromOffset + r.position
      if (wroteOffset < 0) wroteOffset = physicalOffset
      writeStoredRecord(r.buf, r.offset, rec, {queueOffset, physicalOffset, storeTimestamp: now})
      this.reput.enqueue(this.dispatchRequest(msg, rec, physicalOffset, queueOffset, now))
      ids.push(createOffsetMessageId(msg.storeHost, physicalOffset))
    }
    if (indexed) this.topicQueueTable.set(key, firstQueueOffset + msgs.length)
    const result: PutMessageResult = {
      status: 'PUT_OK',
      appendResult: {wroteOffset, wroteBytes: total, msgId: ids.join(','), storeTimestamp: now, logicsOffset: firstQueueOffset, msgNum: msgs.length},
    }
    return this.committer.waitForStore(
      wroteOffset + total,
      result,
      msgs.every((m) => isWaitStoreMsgOK(m.propertiesString)),
    )
  }

  /**
   * Replication (slave side): appends raw commitlog bytes that start exactly at the current end and lie
   * within one segment, writes them, and dispatches the whole records among them.
   */
  async appendData(startOffset: number, data: Buffer): Promise<void> {
    const end = this.queue.getMaxWroteOffset()
    if (this.queue.files.length > 0 && startOffset !== end) {
      throw new Error(`replicated data starts at ${startOffset}, but the commitlog ends at ${end}`)
    }
    const size = this.config.mappedFileSizeCommitLog
    if (this.queue.files.length === 0 && startOffset % size !== 0) {
      throw new Error(`replicated data for an empty commitlog must start at a segment boundary, not ${startOffset}`)
    }
    if (data.length === 0) return
    const now = this.clock()
    const file = this.queue.getLastMappedFile(startOffset, now)
    if (data.length > file.remaining) throw new Error(`replicated data of ${data.length} bytes at ${startOffset} crosses the segment end`)
    if (this.reput.reputFromOffset < file.fileFromOffset && this.queue.files.length === 1) this.reput.reputFromOffset = file.fileFromOffset
    file.appendBytes(data, now)
    await this.commitNow()
    const committed = this.queue.getCommittedWhere()
    if (committed < startOffset + data.length) throw new Error(`writing replicated data at ${startOffset} failed`)
  }

  /** The whole record bytes at offset (size known from a consume-queue entry); undefined when deleted. */
  async getMessage(offset: number, size: number): Promise<Buffer | undefined> {
    return this.getData(offset, size, true)
  }

  /**
   * Committed bytes from offset: at most maxBytes and never past the segment end (or exactly len bytes
   * when exact); undefined when the offset is not readable.
   */
  async getData(offset: number, maxBytes: number, exact = false): Promise<Buffer | undefined> {
    const f = this.queue.findMappedFileByOffset(offset)
    if (!f || !f.available) return undefined
    const pos = offset - f.fileFromOffset
    const len = Math.min(maxBytes, f.committedPosition - pos)
    if (len <= 0 || (exact && len < maxBytes)) return undefined
    return f.read(pos, len)
  }

  /** The record at offset, reading its size first (VIEW_MESSAGE_BY_ID); undefined when none is there. */
  async lookMessageByOffset(offset: number): Promise<Buffer | undefined> {
    const head = await this.getData(offset, 8, true)
    if (!head) return undefined
    const size = head.readInt32BE(0)
    if (size <= 8 || head.readInt32BE(4) === BLANK_MAGIC_CODE) return undefined
    return this.getData(offset, size, true)
  }

  /** First readable offset, or -1 without segments (CommitLog.getMinOffset). */
  getMinOffset(): number {
    return this.queue.getMinOffset()
  }

  /** End of what is written to the files. */
  getMaxOffset(): number {
    return this.queue.getCommittedWhere()
  }

  /** Start of the segment after the one holding offset (CommitLog.rollNextFile). */
  rollNextFile(offset: number): number {
    const size = this.config.mappedFileSizeCommitLog
    return offset + size - (offset % size)
  }

  /** Writes everything appended so far (and waits for a commit already running). */
  commitNow(): Promise<void> {
    return this.committer.commitNow()
  }

  /** Commits and fdatasyncs everything appended so far; resolves to the flushed end offset. */
  async flush(): Promise<number> {
    await this.commitNow()
    return this.flushCommitted()
  }

  /**
   * fdatasyncs what is already written, without waiting for writes in progress (which, under a steady
   * stream of puts, may never pause); resolves to the flushed end offset.
   */
  async flushCommitted(): Promise<number> {
    const timestamp = this.dispatchedStoreTimestamp
    await this.queue.flush()
    if (timestamp > this.flushedStoreTimestamp) this.flushedStoreTimestamp = timestamp
    return this.queue.getFlushedWhere()
  }

  /** Store time of the last record known flushed (checkpoint physicMsgTimestamp). */
  flushedStoreTimestamp = 0

  /** Deletes segments last written before now − reservedMs (all but the newest; at most maxCount). */
  async deleteExpiredFile(reservedMs: number, now: number, cleanImmediately: boolean, maxCount = 10): Promise<number> {
    let n = 0
    while (n < maxCount && this.queue.files.length > 1) {
      const f = this.queue.files[0]
      const end = f.fileFromOffset + f.fileSize
      // Never a segment still being written or not yet dispatched.
      if (f.committedPosition < f.wrotePosition || end > this.reput.reputFromOffset) break
      if (!(now >= f.lastModified + reservedMs || cleanImmediately)) break
      this.logger.info(`retention: deleting commitlog segment ${f.fileName} (last written ${new Date(f.lastModified).toISOString()})`)
      await this.queue.deleteFirst(1)
      n++
    }
    return n
  }

  /** Stops flush waiting (pending SYNC_FLUSH puts are answered FLUSH_DISK_TIMEOUT). */
  shutdownServices(): void {
    this.groupCommit?.shutdown()
  }

  /** Set by a simulated crash (DefaultMessageStore.halt): files are no longer ours to change. */
  halted = false

  /** Ends the last segment with the blank marker and returns a fresh segment. */
  private rollWithBlank(now: number) {
    this.reput.enqueue(writeBlankEnd(this.queue.getLastMappedFile(0, now), now))
    return this.queue.getLastMappedFile(0, now)
  }

  private dispatchRequest(msg: MessageExtBrokerInner, rec: PreparedRecord, commitLogOffset: number, queueOffset: number, now: number): DispatchRequest {
    return {
      topic: msg.topic,
      queueId: msg.queueId,
      commitLogOffset,
      msgSize: rec.size,
      tagsCode: msg.tagsCode,
      storeTimestamp: now,
      consumeQueueOffset: queueOffset,
      sysFlag: rec.sysFlag,
      preparedTransactionOffset: msg.preparedTransactionOffset,
      propertiesString: msg.propertiesString,
    }
  }
}
