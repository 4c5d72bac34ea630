/**
 * Pure validation of one commitlog record in a byte buffer (RocketMQ CommitLog.checkMessageAndReturnSize),
 * the single step of recovery's "scan until the first invalid record". A record is valid when its magic
 * is MESSAGE_MAGIC_CODE, its fields add up to its TOTALSIZE (CommitLog.calMsgLength), it lies inside its
 * segment, its PHYSICALOFFSET is where it lies, and (optionally) its body CRC matches. BLANK_MAGIC_CODE
 * marks the end of a segment's data.
 */
import {crc32} from '../common/crc32.js'
import {readInt64BE} from '../message/int64.js'
import {MessageConst} from '../message/message-const.js'
import {parseMessageProperties} from '../message/message-properties.js'
import {MessageSysFlag} from '../message/message-sys-flag.js'
import {BLANK_MAGIC_CODE, MESSAGE_MAGIC_CODE, calMsgLength} from '../message/stored-record-layout.js'
import {tagsString2tagsCode} from '../message/tags-code.js'
import type {DispatchRequest} from './dispatch-request.js'

/** The outcome of checking the bytes at one position. */
export type RecordCheck =
  | {kind: 'message'; size: number; request: DispatchRequest}
  | {kind: 'blank'; size: number}
  | {kind: 'incomplete'; need: number}
  | {kind: 'invalid'; reason: string}

/** How strictly to check and how much to parse. */
export interface CheckOptions {
  checkCRC: boolean
  /**
   * Parse properties for tagsCode/keys (dispatch needs them; finding the end of the log does not), or
   * decide per record (recovery re-dispatch skips records its consume queue already holds).
   */
  readProperties: boolean | ((topic: string, queueId: number, commitLogOffset: number, msgSize: number) => boolean)
  /** Only validate: the returned request carries no topic (finding the end of the log needs none). */
  validateOnly?: boolean
  /** Commitlog offset of buf[0]. */
  bufferOffset: number
  /** Bytes from buf[0] to the end of its segment: a record may not run past it. */
  bytesToSegmentEnd: number
  /** Delivery time of a delayed message (SCHEDULE_TOPIC_XXXX tagsCode), when delay levels are known. */
  deliverTimestamp?: (delayLevel: number, storeTimestamp: number) => number
}

const SCHEDULE_TOPIC = 'SCHEDULE_TOPIC_XXXX'
const MIN_RECORD = calMsgLength(8, 8, 0, 0, 0)

/** Checks the record at buf[pos]. */
export function checkMessageAndReturnSize(buf: Buffer, pos: number, o: CheckOptions): RecordCheck {
  const left = o.bytesToSegmentEnd - pos
  if (left < 8)
    return left <= 0
      ? {kind: 'invalid', reason: 'at the segment end without a blank marker'}
      : {kind: 'invalid', reason: `${left} stray bytes before the segment end`}
  if (buf.length - pos < 8) return {kind: 'incomplete', need: 8}
  const totalSize = buf.readInt32BE(pos)
  const magic = buf.readInt32BE(pos + 4)
  if (magic === BLANK_MAGIC_CODE) return {kind: 'blank', size: left}
  if (magic !== MESSAGE_MAGIC_CODE) {
    return {kind: 'invalid', reason: totalSize === 0 && magic === 0 ? 'end of data (zeros)' : `illegal magic code 0x${(magic >>> 0).toString(16)}`}
  }
  if (totalSize < MIN_RECORD || totalSize > left) return {kind: 'invalid', reason: `record size ${totalSize} out of range (${left} bytes to the segment end)`}
  if (buf.length - pos < totalSize) return {kind: 'incomplete', need: totalSize}
  const sysFlag = buf.readInt32BE(pos + 36)
  const bornLen = (sysFlag & MessageSysFlag.BORNHOST_V6_FLAG) === 0 ? 8 : 20
  const storeLen = (sysFlag & MessageSysFlag.STOREHOSTADDRESS_V6_FLAG) === 0 ? 8 : 20
  // Up to and including BODYLEN: 48 + born host + 8 + store host + 4 + 8 + 4.
  if (48 + bornLen + storeLen + 24 + 1 + 2 > totalSize) return {kind: 'invalid', reason: `record size ${totalSize} too small for its host fields`}
  const bodyCRC = buf.readInt32BE(pos + 8)
  const queueId = buf.readInt32BE(pos + 12)
  const queueOffset = readInt64BE(buf, pos + 20)
  const physicOffset = readInt64BE(buf, pos + 28)
  let p = pos + 48 + bornLen
  const storeTimestamp = readInt64BE(buf, p)
  p += 8 + storeLen
  const preparedTransactionOffset = readInt64BE(buf, p + 4)
  p += 12
  const end = pos + totalSize
  const bodyLen = buf.readInt32BE(p)
  p += 4
  if (bodyLen < 0 || p + bodyLen + 1 > end) return {kind: 'invalid', reason: `body length ${bodyLen} does not fit record size ${totalSize}`}
  const bodyStart = p
  p += bodyLen
  const topicLen = buf.readInt8(p)
  p += 1
  if (topicLen < 0 || p + topicLen + 2 > end) return {kind: 'invalid', reason: `topic length ${topicLen} does not fit record size ${totalSize}`}
  const topicStart = p
  p += topicLen
  const propsLen = buf.readInt16BE(p)
  p += 2
  if (propsLen < 0) return {kind: 'invalid', reason: `negative properties length ${propsLen}`}
  const expected = calMsgLength(bornLen, storeLen, bodyLen, topicLen, propsLen)
  if (expected !== totalSize) return {kind: 'invalid', reason: `fields add up to ${expected} bytes, record says ${totalSize}`}
  const at = o.bufferOffset + pos
  if (physicOffset !== at) return {kind: 'invalid', reason: `record says it is at offset ${physicOffset}, found at ${at}`}
  if (o.checkCRC && bodyLen > 0) {
    const crc = crc32(buf.subarray(bodyStart, bodyStart + bodyLen))
    if (crc !== bodyCRC) return {kind: 'invalid', reason: `body CRC ${crc} does not match the stored ${bodyCRC}`}
  }
  const topic = o.validateOnly ? '' : buf.toString('utf8', topicStart, topicStart + topicLen)
  const request: DispatchRequest = {
    topic,
    queueId,
    commitLogOffset: at,
    msgSize: totalSize,
    tagsCode: 0,
    storeTimestamp,
    consumeQueueOffset: queueOffset,
    sysFlag,
    preparedTransactionOffset,
  }
  const wantProps = typeof o.readProperties === 'function' ? o.readProperties(topic, queueId, at, totalSize) : o.readProperties
  if (wantProps && propsLen > 0 && !o.validateOnly) {
    const props = parseMessageProperties(buf.toString('utf8', p, p + propsLen))
    request.tagsCode = tagsString2tagsCode(props[MessageConst.TAGS])
    request.keys = props[MessageConst.KEYS]
    request.uniqKey = props[MessageConst.UNIQ_KEY]
    const delay = props[MessageConst.DELAY]
    if (topic === SCHEDULE_TOPIC && delay !== undefined && o.deliverTimestamp) {
      const level = Number.parseInt(delay, 10)
      if (level > 0) request.tagsCode = o.deliverTimestamp(level, storeTimestamp)
    }
  }
  return {kind: 'message', size: totalSize, request}
}

/** Where a scan over a buffer stopped. */
export interface ScanResult {
  /** Buffer position after the last valid record (or at the blank). */
  position: number
  stop: 'blank' | 'invalid' | 'incomplete'
  reason?: string
  records: number
}

/**
 * Scans records from buf[start] until the first thing that is not a whole valid record: a blank
 * marker, an invalid record, or the end of the buffer (incomplete). Calls onRecord for each record.
 */
export function scanRecords(buf: Buffer, start: number, o: CheckOptions, onRecord?: (r: DispatchRequest) => void): ScanResult {
  let pos = start
  let records = 0
  for (;;) {
    if (pos >= buf.length && pos < o.bytesToSegmentEnd) return {position: pos, stop: 'incomplete', records}
    const r = checkMessageAndReturnSize(buf, pos, o)
    switch (r.kind) {
      case 'message':
        onRecord?.(r.request)
        records++
        pos += r.size
        break
      case 'blank':
        return {position: pos, stop: 'blank', records}
      case 'incomplete':
        return {position: pos, stop: 'incomplete', records}
      case 'invalid':
        return {position: pos, stop: 'invalid', reason: r.reason, records}
    }
  }
}
