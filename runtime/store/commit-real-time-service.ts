/**
 * Writing appended records and acknowledging their puts (named after RocketMQ's CommitRealTimeService,
 * which moves a write buffer into the file channel). Appends made while a write runs join the next
 * one, so under load one writev carries many records. After each write the new records are
 * dispatched, then their puts are acknowledged (ASYNC_FLUSH) or handed to the group commit
 * (SYNC_FLUSH). A failed write rolls the uncommitted tail back: its puts fail, the queue offsets they
 * took are given back, and the bytes it may have left in the file are zeroed before the next write.
 */
import type {Logger} from '../common/logger.js'
import {getTransactionValue, MessageSysFlag} from '../message/message-sys-flag.js'
import {topicQueueKey} from './append-message-callback.js'
import type {GroupCommitService} from './group-commit-service.js'
import {MappedFileCreateError} from './mapped-file.js'
import type {MappedFileQueue} from './mapped-file-queue.js'
import {combineStoreAndReplica} from './flush-replica-combine.js'
import type {PutMessageResult, ReplicaService} from './message-store.js'
import type {ReputMessageService} from './reput-message-service.js'

interface CommitWaiter {
  end: number
  result: PutMessageResult
  resolve(result: PutMessageResult): void
  /** SYNC_FLUSH with WAIT=true: acknowledge only after fdatasync. */
  syncFlush: boolean
}

/** The parts of the commitlog the committer works on. */
export interface CommittedLog {
  readonly queue: MappedFileQueue
  readonly reput: ReputMessageService
  topicQueueTable: Map<string, number>
  /** Set by a simulated crash: nothing may touch the files any more. */
  readonly halted: boolean
  /** Replication (a master's HA service): SYNC_MASTER puts also wait for a slave. */
  readonly replicaService?: ReplicaService | undefined
  /** Hears the written end after each write that moved it (wakes HA transfers). */
  notifyCommitted?(committedEnd: number): void
}

/** Writes, dispatches and acknowledges, one write at a time. */
export class CommitRealTimeService {
  private waiters: CommitWaiter[] = []
  private commitScheduled = false
  private committing: Promise<void> | undefined
  private commitAgain = false
  private notifiedEnd = 0

  constructor(
    private readonly log: CommittedLog,
    private readonly groupCommit: GroupCommitService | undefined,
    private readonly logger: Logger,
  ) {}

  /** Resolves with result once the bytes up to end are written (and flushed, under SYNC_FLUSH with wait). */
  waitForStore(end: number, result: PutMessageResult, wait: boolean): Promise<PutMessageResult> {
    const stored = new Promise<PutMessageResult>((resolve) => {
      this.waiters.push({end, result, resolve, syncFlush: this.groupCommit !== undefined && wait})
      this.scheduleCommit()
    })
    // Replication runs alongside the write and flush, as RocketMQ submits both requests at once.
    const replica = wait ? this.log.replicaService?.submitReplicaRequest(end) : undefined
    return replica === undefined || replica === 'PUT_OK' ? stored : combineStoreAndReplica(stored, replica)
  }

  /** Writes everything appended so far (and waits for a write already running). */
  async commitNow(): Promise<void> {
    while (this.committing || this.log.queue.hasUncommitted()) {
      if (this.committing) await this.committing
      else await this.runCommit()
    }
  }

  private scheduleCommit(): void {
    if (this.committing) {
      this.commitAgain = true
      return
    }
    if (this.commitScheduled) return
    this.commitScheduled = true
    // setImmediate lets every put of this I/O phase (e.g. a socket read holding many requests) join one write.
    setImmediate(() => {
      this.commitScheduled = false
      void this.runCommit()
    })
  }

  private runCommit(): Promise<void> {
    if (this.committing) return this.committing
    this.committing = (async () => {
      try {
        do {
          this.commitAgain = false
          await this.commitOnce()
        } while (this.commitAgain || this.log.queue.hasUncommitted())
      } finally {
        this.committing = undefined
      }
    })()
    return this.committing
  }

  private async commitOnce(): Promise<void> {
    let failure: unknown
    try {
      await this.log.queue.commit()
    } catch (error) {
      failure = error
      this.rollback(error)
    }
    const committed = this.log.queue.getCommittedWhere()
    if (committed > this.notifiedEnd) {
      this.notifiedEnd = committed
      this.log.notifyCommitted?.(committed)
    }
    await this.log.reput.advance(committed)
    let n = 0
    while (n < this.waiters.length && this.waiters[n].end <= committed) n++
    for (const w of this.waiters.splice(0, n)) {
      if (w.syncFlush) this.groupCommit?.add(w)
      else w.resolve(w.result)
    }
    if (this.groupCommit && n > 0 && failure === undefined) this.groupCommit.requestFlush()
  }

  /** A write failed: forget everything after the committed end and fail the puts that were there. */
  private rollback(error: unknown): void {
    const committed = this.log.queue.getCommittedWhere()
    this.logger.error(`writing the commitlog failed at ${committed}; rolling back ${this.log.queue.getMaxWroteOffset() - committed} bytes`, error)
    for (const f of this.log.queue.rollbackTo(committed)) {
      // After a halt another store may already own these paths: leave the files alone.
      if (!this.log.halted) f.destroy().catch((e: unknown) => this.logger.warn(`cannot delete ${f.fileName}: ${String(e)}`))
    }
    const firstLost = new Map<string, number>()
    for (const item of this.log.reput.dropFrom(committed)) {
      if ('blank' in item) continue
      const t = getTransactionValue(item.sysFlag)
      if (t !== MessageSysFlag.TRANSACTION_NOT_TYPE && t !== MessageSysFlag.TRANSACTION_COMMIT_TYPE) continue
      const key = topicQueueKey(item.topic, item.queueId)
      const prev = firstLost.get(key)
      if (prev === undefined || item.consumeQueueOffset < prev) firstLost.set(key, item.consumeQueueOffset)
    }
    for (const [key, offset] of firstLost) this.log.topicQueueTable.set(key, offset)
    const status = error instanceof MappedFileCreateError ? 'CREATE_MAPEDFILE_FAILED' : 'UNKNOWN_ERROR'
    const remark = `writing the commitlog failed: ${(error as Error)?.message ?? String(error)}`
    const kept: CommitWaiter[] = []
    for (const w of this.waiters) {
      if (w.end > committed) w.resolve({status, remark})
      else kept.push(w)
    }
    this.waiters = kept
  }
}
