/**
 * How a put's two waits end in one status (RocketMQ CommitLog.asyncPutMessage, flushResultFuture
 * thenCombine replicaResultFuture): the replication failure if any, else the flush failure, else
 * PUT_OK. A put whose write failed was never stored: it is answered at once with that failure, without
 * waiting for a replication that cannot come.
 */
import type {PutMessageResult, PutMessageStatus} from './message-store.js'

/** Whether a put's record is in the commitlog (the statuses that carry a message id). */
export function isStored(status: PutMessageStatus): boolean {
  return status === 'PUT_OK' || status === 'FLUSH_DISK_TIMEOUT' || status === 'FLUSH_SLAVE_TIMEOUT' || status === 'SLAVE_NOT_AVAILABLE'
}

/** The combined status of a stored put's flush outcome and its replication outcome. */
export function combineStatus(stored: PutMessageResult, replica: PutMessageStatus): PutMessageResult {
  if (!isStored(stored.status) || replica === 'PUT_OK') return stored
  return {...stored, status: replica}
}

/** Waits for both, answering early when the write failed. */
export function combineStoreAndReplica(stored: Promise<PutMessageResult>, replica: PutMessageStatus | Promise<PutMessageStatus>): Promise<PutMessageResult> {
  if (typeof replica === 'string') return stored.then((r) => combineStatus(r, replica))
  return new Promise((resolve, reject) => {
    let storeResult: PutMessageResult | undefined
    let replicaStatus: PutMessageStatus | undefined
    stored.then((r) => {
      if (!isStored(r.status)) return resolve(r)
      storeResult = r
      if (replicaStatus !== undefined) resolve(combineStatus(r, replicaStatus))
    }, reject)
    replica.then((s) => {
      replicaStatus = s
      if (storeResult !== undefined) resolve(combineStatus(storeResult, s))
    }, reject)
  })
}
