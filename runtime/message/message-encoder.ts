/**
 * Encodes a message as the stored commitlog record (docs/rocketmq-facts.md §3.2; CommitLog.DefaultAppendMessageCallback).
 * Pure. The commitlog prepares a record once (sizes, UTF-8 bytes), then writes it straight into its
 * write buffer with writeStoredRecord, so appending costs one copy of the body.
 */
import {crc32} from '../common/crc32.js'
import type {MessageExtBrokerInner} from './message-ext-broker-inner.js'
import {hostAddressLength, writeHostAddress} from './host-address.js'
import {writeInt64BE} from './int64.js'
import {MessageSysFlag} from './message-sys-flag.js'
import {MAX_PROPERTIES_LENGTH, MAX_TOPIC_LENGTH, MESSAGE_MAGIC_CODE, calMsgLength} from './stored-record-layout.js'

/** What the store assigns to a record when it appends it. */
export interface StoredRecordFields {
  queueOffset: number
  physicalOffset: number
  storeTimestamp: number
}

/** A message measured and converted to bytes, ready to be written at any offset. */
export interface PreparedRecord {
  msg: MessageExtBrokerInner
  topicBytes: Buffer
  propertiesBytes: Buffer
  /** sysFlag with the IPv6 host bits matching the hosts as written. */
  sysFlag: number
  bodyCRC: number
  /** Whole record length. */
  size: number
}

/** Measures a message; check topicBytes/propertiesBytes lengths against the record limits before writing. */
export function prepareStoredRecord(msg: MessageExtBrokerInner): PreparedRecord {
  const topicBytes = topicBytesOf(msg.topic)
  const propertiesBytes = Buffer.from(msg.propertiesString, 'utf8')
  const bornLen = hostAddressLength(msg.bornHost)
  const storeLen = hostAddressLength(msg.storeHost)
  let sysFlag = msg.sysFlag & ~(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG)
  if (bornLen === 20) sysFlag |= MessageSysFlag.BORNHOST_V6_FLAG
  if (storeLen === 20) sysFlag |= MessageSysFlag.STOREHOSTADDRESS_V6_FLAG
  return {
    msg,
    topicBytes,
    propertiesBytes,
    sysFlag,
    bodyCRC: crc32(msg.body),
    size: calMsgLength(bornLen, storeLen, msg.body.length, topicBytes.length, propertiesBytes.length),
  }
}

// Topics repeat endlessly on the put path: keep their UTF-8 bytes (bounded, reset when it grows large).
const topicCache = new Map<string, Buffer>()

function topicBytesOf(topic: string): Buffer {
  let b = topicCache.get(topic)
  if (!b) {
    if (topicCache.size >= 4096) topicCache.clear()
    b = Buffer.from(topic, 'utf8')
    topicCache.set(topic, b)
  }
  return b
}

/** Writes a prepared record at target[pos]; returns the position after it. */
export function writeStoredRecord(target: Buffer, pos: number, rec: PreparedRecord, fields: StoredRecordFields): number {
  if (rec.topicBytes.length > MAX_TOPIC_LENGTH) throw new RangeError(`topic is ${rec.topicBytes.length} bytes; a record holds at most ${MAX_TOPIC_LENGTH}`)
  if (rec.propertiesBytes.length > MAX_PROPERTIES_LENGTH) {
    throw new RangeError(`properties are ${rec.propertiesBytes.length} bytes; a record holds at most ${MAX_PROPERTIES_LENGTH}`)
  }
  const m = rec.msg
  let p = pos
  p = target.writeInt32BE(rec.size, p)
  p = target.writeInt32BE(MESSAGE_MAGIC_CODE, p)
  p = target.writeInt32BE(rec.bodyCRC, p)
  p = target.writeInt32BE(m.queueId, p)
  p = target.writeInt32BE(m.flag | 0, p)
  p = writeInt64BE(target, fields.queueOffset, p)
  p = writeInt64BE(target, fields.physicalOffset, p)
  p = target.writeInt32BE(rec.sysFlag, p)
  p = writeInt64BE(target, m.bornTimestamp, p)
  p = writeHostAddress(target, p, m.bornHost)
  p = writeInt64BE(target, fields.storeTimestamp, p)
  p = writeHostAddress(target, p, m.storeHost)
  p = target.writeInt32BE(m.reconsumeTimes | 0, p)
  p = writeInt64BE(target, m.preparedTransactionOffset, p)
  p = target.writeInt32BE(m.body.length, p)
  p += m.body.copy(target, p)
  p = target.writeInt8(rec.topicBytes.length, p)
  p += rec.topicBytes.copy(target, p)
  p = target.writeInt16BE(rec.propertiesBytes.length, p)
  p += rec.propertiesBytes.copy(target, p)
  if (p - pos !== rec.size) throw new Error(`record length mismatch: wrote ${p - pos}, computed ${rec.size}`)
  return p
}

/** Encodes one message as a stored record. */
export function encodeStoredRecord(msg: MessageExtBrokerInner, fields: StoredRecordFields): Buffer {
  const rec = prepareStoredRecord(msg)
  const out = Buffer.allocUnsafe(rec.size)
  writeStoredRecord(out, 0, rec, fields)
  return out
}
