/**
 * The store facade (RocketMQ DefaultMessageStore): lock and abort files, recovery, the commitlog, the
 * consume queues fed by the dispatcher, flush and retention services, and the read paths the broker
 * and replication use. See message-store.ts for the contract.
 */
import type {Logger} from '../common/logger.js'
import {silentLogger} from '../common/logger.js'
import {realTimers, type Timers} from '../common/timers.js'
import type {MessageExtBrokerInner} from '../message/message-ext-broker-inner.js'
import {CleanCommitLogService} from './clean-commit-log-service.js'
import {CommitLog} from './commit-log.js'
import {ConsumeQueueReads, type QueueIndexedLog} from './consume-queue-reads.js'
import {ConsumeQueueDispatcher} from './consume-queue-dispatcher.js'
import {storeConsumeQueues, type ConsumeQueueTable} from './consume-queue-table.js'
import {computeDeliverTimestamp, parseMessageDelayLevel} from './message-delay-level.js'
import type {GetMessageResult, MessageArrivingListener, MessageFilter, MessageStore, PutMessageResult, ReplicaService} from './message-store.js'
import type {PeriodicTask} from './periodic-task.js'
import {startStoreServices} from './store-services.js'
import {StoreCheckpoint} from './store-checkpoint.js'
import {StoreStatsService} from './store-stats-service.js'
import {recoverStore, type StoreRecoveryReport} from './store-recovery.js'
import {nodeStoreFs, type StoreFs} from './store-fs.js'
import {acquireStoreLock, type StoreLock} from './store-lock.js'
import {SYSTEM_TOPICS, type DefaultMessageStoreConfig, type DefaultMessageStoreOptions} from './default-message-store-options.js'
import {getAbortFile, getLockFile, getStoreCheckpoint} from './store-path-config-helper.js'
import {createIndexService, type IndexService} from './index/index-service.js'
import {queryMessage} from './index/query-message.js'

export type {DefaultMessageStoreConfig, DefaultMessageStoreOptions} from './default-message-store-options.js'

type State = 'new' | 'starting' | 'running' | 'stopping' | 'stopped'

/** A RocketMQ-compatible message store on plain files. */
export class DefaultMessageStore extends ConsumeQueueReads implements MessageStore {
  readonly commitLog: CommitLog
  readonly consumeQueues: ConsumeQueueTable
  private readonly config: DefaultMessageStoreConfig
  private readonly fs: StoreFs
  private readonly clock: () => number
  private readonly timers: Timers
  private readonly logger: Logger
  private readonly clean: CleanCommitLogService
  private readonly tasks: PeriodicTask[] = []
  private readonly dispatcher: ConsumeQueueDispatcher
  private state: State = 'new'
  private lock: StoreLock | undefined
  private checkpoint: StoreCheckpoint | undefined
  private readonly stats = new StoreStatsService()
  private readonly cleanInterval: number
  /** Undefined when messageIndexEnable=false. */
  readonly index: IndexService | undefined

  protected indexedLog(): QueueIndexedLog {
    return this.commitLog
  }

  constructor(config: DefaultMessageStoreConfig, options: DefaultMessageStoreOptions = {}) {
    super()
    this.config = config
    this.fs = options.fs ?? nodeStoreFs
    this.clock = options.clock ?? Date.now
    this.timers = options.timers ?? realTimers
    this.logger = options.logger ?? silentLogger
    this.cleanInterval = options.cleanResourceInterval ?? 10_000
    const levels = config.messageDelayLevel ? parseMessageDelayLevel(config.messageDelayLevel) : undefined
    this.commitLog = new CommitLog({
      config,
      mappedFile: {fs: this.fs, initialChunkSize: 1024 * 1024, maxChunkSize: 4 * 1024 * 1024, retainBytes: 8 * 1024 * 1024},
      clock: this.clock,
      timers: this.timers,
      logger: this.logger.child('commitlog'),
      dispatch: (req) => this.dispatcher.dispatch(req),
      deliverTimestamp: levels ? (level, ts) => computeDeliverTimestamp(levels, level, ts) : undefined,
      needsDispatch: (topic, queueId, offset, size) => {
        const cq = this.consumeQueues.find(topic, queueId)
        return !cq || offset + size > cq.maxPhysicOffset || offset >= (this.index?.indexedUpTo() ?? Infinity)
      },
    })
    this.consumeQueues = storeConsumeQueues(config, this.fs, this.logger.child('consumequeue'))
    this.dispatcher = new ConsumeQueueDispatcher(this.consumeQueues, this.clock, this.logger, () => this.state === 'running')
    this.index = createIndexService(config, {
      fs: this.fs,
      clock: this.clock,
      logger: this.logger.child('index'),
      checkpoint: () => this.checkpoint,
      dispatcher: this.dispatcher,
    })
    this.clean = new CleanCommitLogService({
      config,
      clock: this.clock,
      commitLog: this.commitLog,
      consumeQueues: () => this.consumeQueues.all(),
      deleteExpiredIndexFiles: (min) => this.index?.deleteExpiredFile(min),
      diskUsedRatio: () => this.fs.diskUsedRatio(config.storePathCommitLog),
      logger: this.logger.child('clean'),
    })
  }

  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`message store cannot start: it is ${this.state}`)
    this.state = 'starting'
    const root = this.config.storePathRootDir
    await this.fs.mkdir(root)
    this.lock = await acquireStoreLock(this.fs, getLockFile(root))
    try {
      const lastExitOK = (await this.fs.stat(getAbortFile(root))) === undefined
      this.logger.info(`last shutdown ${lastExitOK ? 'normally' : 'abnormally'}`)
      this.checkpoint = await StoreCheckpoint.open(this.fs, getStoreCheckpoint(root))
      await this.commitLog.load()
      await this.consumeQueues.load()
      await this.index?.load(lastExitOK, this.checkpoint.indexMsgTimestamp)
      this.lastRecovery = await recoverStore(
        {
          commitLog: this.commitLog,
          consumeQueues: this.consumeQueues,
          checkpoint: this.checkpoint,
          checkCRC: this.config.checkCRCOnRecover,
          logger: this.logger.child('recovery'),
        },
        lastExitOK,
      )
      const abort = await this.fs.open(getAbortFile(root), 'w+')
      await abort.close()
      await this.fs.syncDir(root)
    } catch (error) {
      await this.closeFiles()
      await this.lock.release()
      this.state = 'stopped'
      throw error
    }
    const work = {flushCommitLog: () => this.commitLog.flushCommitted(), flushConsumeQueues: () => this.flushConsumeQueues(), clean: () => this.clean.run()}
    this.tasks.push(...startStoreServices(this.config, this.cleanInterval, work, this.logger, this.timers))
    this.stats.startedAt = this.clock()
    this.state = 'running'
    this.logger.info(`message store started: commitlog [${this.getMinPhyOffset()}, ${this.getMaxPhyOffset()})`)
  }

  async shutdown(): Promise<void> {
    if (this.state !== 'running') return
    this.state = 'stopping'
    for (const t of this.tasks.splice(0)) await t.stop()
    await this.commitLog.flush()
    this.commitLog.shutdownServices()
    const behind = this.dispatchBehindBytes()
    await this.flushConsumeQueues()
    await this.index?.close(true)
    await this.checkpoint?.shutdown()
    await this.closeFiles()
    if (behind === 0) await this.fs.unlink(getAbortFile(this.config.storePathRootDir))
    else this.logger.warn(`${behind} bytes were not dispatched; keeping the abort file so the next start recovers`)
    await this.lock?.release()
    this.state = 'stopped'
  }

  /**
   * Stops as a crash would (tests, fault experiments): nothing is flushed, the abort file stays, and
   * the lock is let go as the OS lets go of a dead process's lock. Only written data survives.
   */
  async halt(): Promise<void> {
    this.state = 'stopped'
    this.commitLog.halted = true
    for (const t of this.tasks.splice(0)) await t.stop().catch(() => undefined)
    this.commitLog.shutdownServices()
    await this.checkpoint?.close().catch(() => undefined)
    await this.closeFiles().catch(() => undefined)
    this.lock?.abandon()
  }

  async putMessage(msg: MessageExtBrokerInner): Promise<PutMessageResult> {
    const refused = this.checkStoreStatus()
    if (refused) return refused
    const started = performance.now()
    const r = await this.commitLog.putMessage(msg)
    this.stats.countPut(r, this.clock(), performance.now() - started)
    return r
  }

  async putMessages(msgs: MessageExtBrokerInner[]): Promise<PutMessageResult> {
    const refused = this.checkStoreStatus()
    if (refused) return refused
    const started = performance.now()
    const r = await this.commitLog.putMessages(msgs)
    this.stats.countPut(r, this.clock(), performance.now() - started)
    return r
  }

  async getMessage(group: string, topic: string, queueId: number, offset: number, maxMsgNums: number, filter?: MessageFilter): Promise<GetMessageResult> {
    if (this.state !== 'running') throw new Error(`message store is ${this.state}; getMessage is refused`)
    const r = await this.readMessages(this.config, topic, queueId, offset, maxMsgNums, filter)
    this.stats.countGet(r)
    return r
  }

  async cleanUnusedTopics(keep: Set<string>): Promise<void> {
    for (const topic of this.consumeQueues.topics()) {
      if (keep.has(topic) || SYSTEM_TOPICS.has(topic)) continue
      this.logger.info(`deleting the consume queues of unused topic ${topic}`)
      for (const key of [...this.commitLog.topicQueueTable.keys()]) if (key.startsWith(`${topic}-`)) this.commitLog.topicQueueTable.delete(key)
      await this.consumeQueues.destroyTopic(topic)
    }
  }

  /** Records of a topic indexed under a key, stored in [begin, end] (QUERY_MESSAGE). */
  queryMessage(topic: string, key: string, maxNum: number, begin: number, end: number) {
    return queryMessage(this.index, this.commitLog, topic, key, maxNum, begin, end)
  }

  onMessageArrived(listener: MessageArrivingListener): void {
    this.dispatcher.onMessageArrived(listener)
  }

  getRuntimeInfo(): Record<string, string> {
    return {
      commitLogMinOffset: String(this.getMinPhyOffset()),
      commitLogMaxOffset: String(this.getMaxPhyOffset()),
      commitLogFlushedOffset: String(this.commitLog.queue.getFlushedWhere()),
      // Until the first retention pass has measured it, the broker measures it per request (as RocketMQ always does).
      ...(this.clean.diskRatio >= 0 ? {commitLogDiskRatio: String(this.clean.diskRatio)} : {}),
      dispatchBehindBytes: String(this.dispatchBehindBytes()),
      ...this.stats.toRuntimeInfo(this.clock()),
    }
  }

  getCommitLogData(offset: number, maxBytes: number): Promise<Buffer | undefined> {
    return this.commitLog.getData(offset, maxBytes)
  }

  async appendToCommitLog(startOffset: number, data: Buffer): Promise<void> {
    if (this.state !== 'running') throw new Error(`message store is ${this.state}; cannot append replicated data`)
    await this.commitLog.appendData(startOffset, data)
  }

  onCommitted(listener: (maxPhyOffset: number) => void): void {
    this.commitLog.committedListeners.push(listener)
  }

  setReplicaService(service: ReplicaService | undefined): void {
    this.commitLog.replicaService = service
  }

  getRecentPutStatusCounts(): Record<string, number> {
    return this.stats.recent.counts(this.clock())
  }

  /** Committed commitlog bytes not yet dispatched to consume queues. */
  dispatchBehindBytes(): number {
    return this.commitLog.reput.behind(this.commitLog.getMaxOffset())
  }

  /** Runs one retention pass now (RocketMQ does every 10 s); resolves to commitlog segments deleted. */
  runCleanOnce(): Promise<number> {
    return this.clean.run()
  }

  /** Deletes expired files on the next runs whatever the hour (mqadmin deleteExpiredCommitLog). */
  executeDeleteFilesManually(): void {
    this.clean.executeDeleteFilesManually()
  }

  /** Writes and fsyncs everything now (commitlog, consume queues, checkpoint). */
  async flush(): Promise<void> {
    await this.commitLog.flush()
    await this.flushConsumeQueues()
  }

  private checkStoreStatus(): PutMessageResult | undefined {
    if (this.state !== 'running') return {status: 'SERVICE_NOT_AVAILABLE', remark: `message store is ${this.state}`}
    if (this.config.brokerRole === 'SLAVE') return {status: 'SERVICE_NOT_AVAILABLE', remark: 'message store is a slave and does not accept messages'}
    if (this.clean.diskFull) return {status: 'SERVICE_NOT_AVAILABLE', remark: 'the disk is full'}
    return undefined
  }

  /** What the last start's recovery did (for logs, tests and the recovery benchmark). */
  lastRecovery: StoreRecoveryReport | undefined

  private async flushConsumeQueues(): Promise<void> {
    const logics = this.dispatcher.lastDispatchedStoreTimestamp
    for (const cq of this.consumeQueues.all()) await cq.flush()
    await this.index?.flush()
    const cp = this.checkpoint
    if (!cp) return
    if (logics > cp.logicsMsgTimestamp) cp.logicsMsgTimestamp = logics
    if (!this.index) cp.indexMsgTimestamp = cp.logicsMsgTimestamp // else moved when a file is sealed
    if (this.commitLog.flushedStoreTimestamp > cp.physicMsgTimestamp) cp.physicMsgTimestamp = this.commitLog.flushedStoreTimestamp
    await cp.flush()
  }

  private async closeFiles(): Promise<void> {
    await this.commitLog.queue.close()
    await this.consumeQueues.close()
    await this.index?.close(false)
  }
}
