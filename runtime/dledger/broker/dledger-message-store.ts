/**
 * The message store of a broker in DLedger mode (RocketMQ's DefaultMessageStore over DLedgerCommitLog):
 * each RocketMQ record is the body of one DLedger entry, stored through the raft log on the leader only;
 * every member dispatches committed entries — and nothing else — to its consume queues.
 *
 * The leader writes QUEUEOFFSET from its topic-queue table before the append and the append hook writes
 * PHYSICALOFFSET = entry position + 48 into the record, so offsets and offset msgIds are what RocketMQ
 * reports. There is no classic HA (getCommitLogData/appendToCommitLog refuse) and flushDiskType has no
 * effect: an append is acknowledged when a quorum holds it.
 */
import type {Logger} from '../../common/logger.js'
import type {Timers} from '../../common/timers.js'
import type {BrokerConfig} from '../../config/broker-config.js'
import type {MessageExtBrokerInner} from '../../message/message-ext-broker-inner.js'
import {encodeStoredRecord, prepareStoredRecord} from '../../message/message-encoder.js'
import {createOffsetMessageId} from '../../message/message-id.js'
import {getTransactionValue, MessageSysFlag} from '../../message/message-sys-flag.js'
import {checkRecord, topicQueueKey} from '../../store/append-message-callback.js'
import {CQ_STORE_UNIT_SIZE} from '../../store/consume-queue.js'
import {ConsumeQueueReads, type QueueIndexedLog} from '../../store/consume-queue-reads.js'
import {ConsumeQueueTable} from '../../store/consume-queue-table.js'
import {computeDeliverTimestamp, parseMessageDelayLevel} from '../../store/message-delay-level.js'
import type {GetMessageResult, MessageArrivingListener, MessageFilter, MessageStore, PutMessageResult} from '../../store/message-store.js'
import {nodeStoreFs} from '../../store/store-fs.js'
import {acquireStoreLock, type StoreLock} from '../../store/store-lock.js'
import {getLockFile, getStorePathConsumeQueue} from '../../store/store-path-config-helper.js'
import {Code} from '../../raft/raft-types.js'
import {dledgerSettings} from '../dledger-config.js'
import {DLedgerServer} from '../dledger-server.js'
import {DLedgerCommitLogView, ENTRY_BODY_OFFSET} from './dledger-commit-log-view.js'
import {DLedgerDispatcher} from './dledger-dispatcher.js'
import {DLedgerRetention} from './dledger-retention.js'
import {loadDispatchCheckpoint, saveDispatchCheckpoint} from './dispatch-checkpoint.js'

/** Offset of PHYSICALOFFSET in a RocketMQ record (TOTALSIZE, MAGICCODE, BODYCRC, QUEUEID, FLAG, QUEUEOFFSET). */
const PHYSICAL_OFFSET_AT = 28

/** A MessageStore whose commitlog is a DLedger group's replicated log. */
export class DLedgerMessageStore extends ConsumeQueueReads implements MessageStore {
  readonly dledger: DLedgerServer
  readonly consumeQueues: ConsumeQueueTable
  private readonly view: DLedgerCommitLogView
  private readonly topicQueueTable = new Map<string, number>()
  private readonly listeners: MessageArrivingListener[] = []
  private readonly retention: DLedgerRetention
  private readonly dispatcher: DLedgerDispatcher
  private readonly stops: Array<() => void> = []
  private lock: StoreLock | undefined
  private state: 'new' | 'running' | 'stopped' = 'new'

  protected indexedLog(): QueueIndexedLog {
    return this.view
  }

  constructor(
    private readonly config: BrokerConfig,
    private readonly timers: Timers,
    private readonly logger: Logger,
  ) {
    super()
    const settings = dledgerSettings(config)
    // DLedgerCommitLog's append hook: PHYSICALOFFSET = entry position + 48.
    this.dledger = new DLedgerServer(settings, timers, logger.child('dledger'), (pos, bytes) =>
      bytes.writeBigInt64BE(BigInt(pos + ENTRY_BODY_OFFSET), ENTRY_BODY_OFFSET + PHYSICAL_OFFSET_AT),
    )
    this.view = new DLedgerCommitLogView(this.dledger.store)
    this.consumeQueues = new ConsumeQueueTable(
      getStorePathConsumeQueue(config.storePathRootDir),
      Math.ceil(config.mappedFileSizeConsumeQueue / CQ_STORE_UNIT_SIZE) * CQ_STORE_UNIT_SIZE,
      {fs: nodeStoreFs, initialChunkSize: 2048, maxChunkSize: 64 * 1024, retainBytes: 4096},
      nodeStoreFs,
      logger.child('consumequeue'),
    )
    const levels = config.messageDelayLevel ? parseMessageDelayLevel(config.messageDelayLevel) : undefined
    const deliverTimestamp = levels ? (level: number, ts: number) => computeDeliverTimestamp(levels, level, ts) : undefined
    this.dispatcher = new DLedgerDispatcher(this.dledger, this.view, this.consumeQueues, this.listeners, deliverTimestamp, timers, logger)
    this.retention = new DLedgerRetention(
      config,
      this.dledger.store,
      () => this.consumeQueues.all(),
      () => this.dispatcher.dispatchedPos,
      logger.child('clean'),
    )
  }

  /** Recovers the log and the consume queues, dispatches what is committed, then joins the group. */
  async start(): Promise<void> {
    await nodeStoreFs.mkdir(this.config.storePathRootDir)
    this.lock = await acquireStoreLock(nodeStoreFs, getLockFile(this.config.storePathRootDir))
    this.dledger.open()
    await this.consumeQueues.load()
    for (const cq of this.consumeQueues.all()) await cq.recover()
    // Dispatch resumes after the last entry known flushed to every consume queue (see DLedgerDispatcher.recover).
    this.dispatcher.recover(loadDispatchCheckpoint(this.dledger.settings.baseDir))
    // DefaultMessageStore.start blocks until dispatch caught up with what is committed.
    await this.dispatcher.dispatch()
    this.recoverTopicQueueTable()
    this.dledger.onCommitted(() => void this.dispatcher.dispatch())
    await this.dledger.startup()
    this.state = 'running'
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const h = setInterval(() => void fn().catch((e: unknown) => this.logger.error('periodic store task failed', e)), ms)
      h.unref()
      this.stops.push(() => clearInterval(h))
    }
    every(this.config.flushIntervalConsumeQueue, () => this.flushConsumeQueues())
    every(10_000, () => this.retention.run(this.timers.now()))
    this.logger.info(
      `DLedger store started: log [${this.dledger.store.beginIndex()}, ${this.dledger.store.endIndex()}], dispatched up to ${this.dispatcher.dispatchedIndex}`,
    )
  }

  async shutdown(): Promise<void> {
    if (this.state !== 'running') return
    this.state = 'stopped'
    for (const stop of this.stops.splice(0)) stop()
    await this.dledger.shutdown()
    await this.flushConsumeQueues()
    await this.consumeQueues.close()
    await this.lock?.release()
  }

  /** The member's raft state (role, term, leader, indexes). */
  raftStatus() {
    return this.dledger.status()
  }

  // ---- write path (leader) ----------------------------------------------------------------------------

  async putMessage(msg: MessageExtBrokerInner): Promise<PutMessageResult> {
    const r = await this.putAll([msg])
    return r
  }

  async putMessages(msgs: MessageExtBrokerInner[]): Promise<PutMessageResult> {
    if (msgs.length === 0) return {status: 'MESSAGE_ILLEGAL', remark: 'empty batch'}
    return this.putAll(msgs)
  }

  /** Each message becomes its own entry; only the last entry's acknowledgement is awaited (DLedgerCommitLog). */
  private async putAll(msgs: MessageExtBrokerInner[]): Promise<PutMessageResult> {
    if (this.state !== 'running') return {status: 'SERVICE_NOT_AVAILABLE', remark: 'message store is not running'}
    if (this.config.brokerRole === 'SLAVE') return {status: 'SERVICE_NOT_AVAILABLE', remark: 'message store is a slave and does not accept messages'}
    const now = this.timers.now()
    const ids: string[] = []
    let first: {offset: number; queueOffset: number} | undefined
    let bytes = 0
    let last: Promise<{code: number}> | undefined
    for (const msg of msgs) {
      const rec = prepareStoredRecord(msg)
      const illegal = checkRecord(rec, msg.body.length, this.config)
      if (illegal) return illegal
      const t = getTransactionValue(msg.sysFlag)
      const indexed = t === MessageSysFlag.TRANSACTION_NOT_TYPE || t === MessageSysFlag.TRANSACTION_COMMIT_TYPE
      const key = topicQueueKey(msg.topic, msg.queueId)
      const queueOffset = indexed ? (this.topicQueueTable.get(key) ?? 0) : 0
      const record = encodeStoredRecord(msg, {queueOffset, physicalOffset: 0, storeTimestamp: now})
      const appended = this.dledger.append(record)
      // A refusal (not leader any more, a transfer running, too many pending) has pos −1 in DLedger, which
      // DLedgerCommitLog turns into OS_PAGECACHE_BUSY.
      if (!appended.ok) return {status: 'OS_PAGECACHE_BUSY', remark: `DLedger refused the append (code ${appended.code})`}
      if (indexed) this.topicQueueTable.set(key, queueOffset + 1)
      const offset = appended.pos + ENTRY_BODY_OFFSET
      first ??= {offset, queueOffset}
      bytes += record.length
      ids.push(createOffsetMessageId(msg.storeHost, offset))
      last = appended.done
    }
    const outcome = await last!
    if (outcome.code !== Code.SUCCESS) return {status: appendStatus(outcome.code), remark: `DLedger answered ${outcome.code}`}
    return {
      status: 'PUT_OK',
      appendResult: {
        wroteOffset: first!.offset,
        wroteBytes: bytes,
        msgId: ids.join(','),
        storeTimestamp: now,
        logicsOffset: first!.queueOffset,
        msgNum: msgs.length,
      },
    }
  }

  /** Next queue offsets from the consume queues (DLedgerRoleChangeHandler calls it before becoming master). */
  recoverTopicQueueTable(): void {
    this.topicQueueTable.clear()
    for (const [topic, ids] of this.consumeQueues.topicQueueIds()) {
      for (const id of ids) this.topicQueueTable.set(topicQueueKey(topic, id), this.consumeQueues.find(topic, id)!.getMaxOffsetInQueue())
    }
  }

  // ---- dispatch ---------------------------------------------------------------------------------------

  /** Bytes committed but not yet in the consume queues. */
  dispatchBehindBytes(): number {
    return this.dispatcher.behindBytes()
  }

  private async flushConsumeQueues(): Promise<void> {
    const upTo = this.dispatcher.dispatchedIndex
    for (const cq of this.consumeQueues.all()) await cq.flush()
    saveDispatchCheckpoint(this.dledger.settings.baseDir, upTo)
  }

  // ---- read side --------------------------------------------------------------------------------------

  async getMessage(group: string, topic: string, queueId: number, offset: number, maxMsgNums: number, filter?: MessageFilter): Promise<GetMessageResult> {
    return this.readMessages(this.config, topic, queueId, offset, maxMsgNums, filter)
  }

  async cleanUnusedTopics(keep: Set<string>): Promise<void> {
    for (const topic of this.consumeQueues.topics()) {
      if (keep.has(topic) || topic === 'SCHEDULE_TOPIC_XXXX' || topic.startsWith('RMQ_SYS_TRANS')) continue
      await this.consumeQueues.destroyTopic(topic)
      for (const key of [...this.topicQueueTable.keys()]) if (key.startsWith(`${topic}-`)) this.topicQueueTable.delete(key)
    }
  }

  onMessageArrived(listener: MessageArrivingListener): void {
    this.listeners.push(listener)
  }

  getRuntimeInfo(): Record<string, string> {
    const s = this.dledger.status()
    return {
      commitLogMinOffset: String(this.getMinPhyOffset()),
      commitLogMaxOffset: String(this.getMaxPhyOffset()),
      commitLogDiskRatio: String(this.retention.diskRatio),
      dLedgerRole: s.role,
      dLedgerTerm: String(s.term),
      dLedgerLeaderId: s.leaderId ?? '',
      dLedgerSelfId: s.selfId,
      dLedgerBeginIndex: String(s.beginIndex),
      dLedgerEndIndex: String(s.endIndex),
      dLedgerCommittedIndex: String(s.committedIndex),
      dLedgerWatermarks: JSON.stringify(s.watermarks),
      dispatchBehindBytes: String(this.dispatchBehindBytes()),
    }
  }

  getCommitLogData(): Promise<Buffer | undefined> {
    return Promise.reject(new Error('classic HA is disabled in DLedger mode'))
  }

  appendToCommitLog(): Promise<void> {
    return Promise.reject(new Error('classic HA is disabled in DLedger mode'))
  }
}

/** DLedgerCommitLog's asynchronous switch from an append's outcome to a put status. */
function appendStatus(code: number): PutMessageResult['status'] {
  switch (code) {
    case Code.WAIT_QUORUM_ACK_TIMEOUT:
      return 'OS_PAGECACHE_BUSY'
    case Code.NOT_LEADER:
    case Code.INCONSISTENT_LEADER:
    case Code.DISK_FULL:
      return 'SERVICE_NOT_AVAILABLE'
    default:
      return 'UNKNOWN_ERROR'
  }
}
