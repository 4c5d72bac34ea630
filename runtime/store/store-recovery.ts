/**
 * Bringing a store's files back to a consistent state at start (RocketMQ DefaultMessageStore.recover and
 * the reput catch-up in start): each consume queue finds its own valid end; the commitlog is scanned
 * (normal or abnormal, see commit-log-recovery.ts) and cut after its last valid record; consume-queue
 * entries pointing past that cut are removed; records not yet indexed are dispatched again; and the
 * next queue offset of every queue is taken from its consume queue.
 */
import type {Logger} from '../common/logger.js'
import {topicQueueKey} from './append-message-callback.js'
import type {CommitLog} from './commit-log.js'
import {recoverAbnormally, recoverNormally, type RecoveryOutcome, type VouchedRecord} from './commit-log-recovery.js'
import type {ConsumeQueueTable} from './consume-queue-table.js'
import type {StoreCheckpoint} from './store-checkpoint.js'

/** What recovery works on. */
export interface StoreRecoveryContext {
  commitLog: CommitLog
  consumeQueues: ConsumeQueueTable
  checkpoint: StoreCheckpoint | undefined
  checkCRC: boolean
  logger: Logger
}

/** What a start's recovery did. */
export interface StoreRecoveryReport extends RecoveryOutcome {
  lastExitOK: boolean
  millis: number
}

/** Recovers after a clean (lastExitOK) or an abnormal shutdown. */
export async function recoverStore(ctx: StoreRecoveryContext, lastExitOK: boolean): Promise<StoreRecoveryReport> {
  const {commitLog, consumeQueues} = ctx
  let maxPhyOffsetOfCQ = -1
  let vouched: VouchedRecord | undefined
  for (const cq of consumeQueues.all()) {
    await cq.recover()
    maxPhyOffsetOfCQ = Math.max(maxPhyOffsetOfCQ, cq.maxPhysicOffset)
    const e = cq.lastRecoveredEntry
    if (e !== undefined && (vouched === undefined || e.offsetPy > vouched.offset)) vouched = {offset: e.offsetPy, size: e.sizePy}
  }
  const checkCRC = ctx.checkCRC
  const log = ctx.logger
  const started = performance.now()
  const outcome = lastExitOK
    ? await recoverNormally(commitLog.queue, checkCRC, log, vouched)
    : await recoverAbnormally(commitLog.queue, ctx.checkpoint?.getMinTimestamp() ?? 0, checkCRC, log, {
        onRecord: (req) => commitLog.dispatchParsed(req),
        needsDispatch: (topic, queueId, offset, size) => commitLog.needsDispatch(topic, queueId, offset, size),
      })
  await commitLog.queue.truncateDirtyFiles(outcome.processOffset)
  if (commitLog.queue.files.length === 0) {
    await consumeQueues.destroyAll()
  } else if (maxPhyOffsetOfCQ >= outcome.processOffset) {
    for (const cq of consumeQueues.all()) await cq.truncateDirtyLogicFiles(outcome.processOffset)
  }
  const minPhy = Math.max(0, commitLog.getMinOffset())
  // Abnormal recovery dispatched every record it scanned; normal recovery continues from the queues.
  let reputFrom = outcome.processOffset
  if (lastExitOK) {
    reputFrom = minPhy
    for (const cq of consumeQueues.all()) reputFrom = Math.max(reputFrom, cq.maxPhysicOffset)
  }
  commitLog.reput.reputFromOffset = Math.max(reputFrom, minPhy)
  await commitLog.reput.advance(commitLog.getMaxOffset())
  commitLog.topicQueueTable = new Map()
  for (const cq of consumeQueues.all()) {
    commitLog.topicQueueTable.set(topicQueueKey(cq.topic, cq.queueId), cq.getMaxOffsetInQueue())
    await cq.correctMinOffset(minPhy)
  }
  log.info(
    `recovered ${lastExitOK ? 'normally' : 'abnormally'} in ${(performance.now() - started).toFixed(0)} ms: ${outcome.records} records checked, ` +
      `commitlog ends at ${outcome.processOffset}${outcome.stopReason ? ` (cut: ${outcome.stopReason})` : ''}`,
  )
  return {...outcome, lastExitOK, millis: performance.now() - started}
}
