/**
 * LockBatchRequestBody / UnlockBatchRequestBody (common/protocol/body/LockBatchRequestBody.java,
 * UnlockBatchRequestBody.java): bodies of LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42), sent by Java
 * orderly consumers to own queues exclusively:
 *
 *   {"clientId":"10.0.0.1@1234","consumerGroup":"G","mqSet":[{"brokerName":"broker-a","queueId":0,"topic":"T"}]}
 *
 * (UnlockBatchRequestBody also has `oneway`.) The LOCK response body is `{"lockOKMQSet":[…]}`.
 */

/** A message queue as clients name it (common/message/MessageQueue.java). */
export interface MessageQueue {
  topic: string
  brokerName: string
  queueId: number
}

/** A lock or unlock request body. */
export interface LockBatchRequestBody {
  consumerGroup: string
  clientId: string
  mqSet: MessageQueue[]
  oneway?: boolean
}

/** Decodes a LOCK/UNLOCK_BATCH_MQ body; throws on missing fields. */
export function decodeLockBatchRequestBody(body: Buffer | undefined): LockBatchRequestBody {
  if (!body || body.length === 0) throw new Error('lock request without body')
  const v = JSON.parse(body.toString('utf8')) as Record<string, unknown>
  if (typeof v?.consumerGroup !== 'string' || typeof v.clientId !== 'string') throw new Error('lock request without consumerGroup or clientId')
  const set = Array.isArray(v.mqSet) ? v.mqSet : []
  return {
    consumerGroup: v.consumerGroup,
    clientId: v.clientId,
    mqSet: set.map(messageQueueFromJson),
    oneway: v.oneway === true,
  }
}

/** Encodes a LOCK/UNLOCK_BATCH_MQ body. */
export function encodeLockBatchRequestBody(b: LockBatchRequestBody): Buffer {
  return Buffer.from(JSON.stringify({clientId: b.clientId, consumerGroup: b.consumerGroup, mqSet: b.mqSet, oneway: b.oneway}))
}

/** Encodes the LOCK_BATCH_MQ response body (LockBatchResponseBody). */
export function encodeLockBatchResponseBody(lockOKMQSet: MessageQueue[]): Buffer {
  return Buffer.from(JSON.stringify({lockOKMQSet}))
}

/** Decodes the LOCK_BATCH_MQ response body. */
export function decodeLockBatchResponseBody(body: Buffer): MessageQueue[] {
  const v = JSON.parse(body.toString('utf8')) as {lockOKMQSet?: unknown}
  return Array.isArray(v?.lockOKMQSet) ? v.lockOKMQSet.map(messageQueueFromJson) : []
}

function messageQueueFromJson(x: unknown): MessageQueue {
  const o = x as Record<string, unknown> | null
  if (typeof o?.topic !== 'string' || typeof o.brokerName !== 'string') throw new Error('message queue without topic or brokerName')
  const queueId = Number(o.queueId)
  if (!Number.isInteger(queueId)) throw new Error('message queue without an integer queueId')
  return {topic: o.topic, brokerName: o.brokerName, queueId}
}
