/**
 * The pure parts of appending (RocketMQ CommitLog.DefaultAppendMessageCallback and MessageExtEncoder):
 * size checks that turn into PutMessageStatus values, the blank end marker, the queue-offset key and
 * the WAIT property.
 */
import {BLANK_MAGIC_CODE, MAX_PROPERTIES_LENGTH, MAX_TOPIC_LENGTH, END_FILE_MIN_BLANK_LENGTH} from '../message/stored-record-layout.js'
import type {PreparedRecord} from '../message/message-encoder.js'
import {getTransactionValue, MessageSysFlag} from '../message/message-sys-flag.js'
import type {BlankDispatch} from './dispatch-request.js'
import type {MappedFile} from './mapped-file.js'
import type {MessageStoreConfig} from './message-store-config.js'
import type {PutMessageResult} from './message-store.js'

/** Room kept for everything but the body (CommitLog.MessageExtEncoder: maxMessageSize + 64 KiB). */
const RECORD_OVERHEAD_ALLOWANCE = 64 * 1024

/** Queue-offset key of a topic's queue (CommitLog.topicQueueTable). */
export function topicQueueKey(topic: string, queueId: number): string {
  return `${topic}-${queueId}`
}

/** Whether a properties string asks to wait for the store (WAIT absent or not "false"). */
export function isWaitStoreMsgOK(propertiesString: string): boolean {
  const i = propertiesString.startsWith('WAIT\u0001') ? 0 : propertiesString.indexOf('\u0002WAIT\u0001')
  if (i < 0) return true
  const start = propertiesString.indexOf('\u0001', i + (i === 0 ? 0 : 1)) + 1
  const end = propertiesString.indexOf('\u0002', start)
  return propertiesString.slice(start, end < 0 ? undefined : end) !== 'false'
}

/** Why a record cannot be stored (size limits, CommitLog.MessageExtEncoder.encode), or undefined. */
export function checkRecord(
  rec: PreparedRecord,
  bodyLength: number,
  config: Pick<MessageStoreConfig, 'maxMessageSize' | 'mappedFileSizeCommitLog'>,
): PutMessageResult | undefined {
  if (rec.propertiesBytes.length > MAX_PROPERTIES_LENGTH) {
    return {status: 'PROPERTIES_SIZE_EXCEEDED', remark: `message properties of ${rec.propertiesBytes.length} bytes exceed ${MAX_PROPERTIES_LENGTH}`}
  }
  if (rec.topicBytes.length > MAX_TOPIC_LENGTH) {
    return {status: 'MESSAGE_ILLEGAL', remark: `topic of ${rec.topicBytes.length} bytes exceeds ${MAX_TOPIC_LENGTH}`}
  }
  const max = config.maxMessageSize
  if (bodyLength > max) return {status: 'MESSAGE_ILLEGAL', remark: `message body size ${bodyLength} exceeds maxMessageSize ${max}`}
  if (rec.size > max + RECORD_OVERHEAD_ALLOWANCE) {
    return {status: 'MESSAGE_ILLEGAL', remark: `message of ${rec.size} bytes exceeds maxMessageSize ${max} + 64 KiB`}
  }
  if (rec.size + END_FILE_MIN_BLANK_LENGTH > config.mappedFileSizeCommitLog) {
    return {
      status: 'MESSAGE_ILLEGAL',
      remark: `message of ${rec.size} bytes does not fit a commitlog segment of ${config.mappedFileSizeCommitLog} bytes (mappedFileSizeCommitLog)`,
    }
  }
  return undefined
}

/** Why a batch cannot be stored (one topic and queue, no transactions, sizes), or undefined. */
export function checkBatch(
  msgs: ReadonlyArray<{topic: string; queueId: number; sysFlag: number; body: Buffer}>,
  recs: readonly PreparedRecord[],
  config: Pick<MessageStoreConfig, 'maxMessageSize' | 'mappedFileSizeCommitLog'>,
): PutMessageResult | undefined {
  const first = msgs[0]
  if (!first) return {status: 'MESSAGE_ILLEGAL', remark: 'empty batch'}
  if (msgs.some((m) => m.topic !== first.topic || m.queueId !== first.queueId)) {
    return {status: 'MESSAGE_ILLEGAL', remark: 'a batch must go to one topic and queue'}
  }
  if (msgs.some((m) => getTransactionValue(m.sysFlag) !== MessageSysFlag.TRANSACTION_NOT_TYPE)) {
    return {status: 'MESSAGE_ILLEGAL', remark: 'transactional messages cannot be batched'}
  }
  let total = 0
  let bodyTotal = 0
  for (const [i, rec] of recs.entries()) {
    const illegal = checkRecord(rec, msgs[i]!.body.length, config)
    if (illegal) return illegal
    total += rec.size
    bodyTotal += msgs[i]!.body.length
  }
  if (bodyTotal > config.maxMessageSize) {
    return {status: 'MESSAGE_ILLEGAL', remark: `batch body size ${bodyTotal} exceeds maxMessageSize ${config.maxMessageSize}`}
  }
  if (total + END_FILE_MIN_BLANK_LENGTH > config.mappedFileSizeCommitLog) {
    return {
      status: 'MESSAGE_ILLEGAL',
      remark: `batch of ${total} bytes does not fit a commitlog segment of ${config.mappedFileSizeCommitLog} bytes (mappedFileSizeCommitLog)`,
    }
  }
  return undefined
}

/**
 * Fills the rest of a segment: int32 remaining size + BLANK_MAGIC_CODE, then zeros (docs/rocketmq-facts.md §3.4). Returns
 * what the dispatcher must skip.
 */
export function writeBlankEnd(file: MappedFile, now: number): BlankDispatch {
  const remaining = file.remaining
  const r = file.reserve(remaining, now)
  r.buf.fill(0, r.offset, r.offset + remaining)
  r.buf.writeInt32BE(remaining, r.offset)
  r.buf.writeInt32BE(BLANK_MAGIC_CODE, r.offset + 4)
  return {blank: true, commitLogOffset: file.fileFromOffset + r.position, msgSize: remaining}
}
