/**
 * Decodes stored records (docs/rocketmq-facts.md §3.2): one record, or a pull body of concatenated records. Pure. Throws
 * MessageDecodeError on bytes that are not a record (wrong magic, a size running past the end).
 */
import {MessageDecodeError} from './message-decode-error.js'
import type {MessageExt} from './message-ext.js'
import {createOffsetMessageId} from './message-id.js'
import {parseMessageProperties} from './message-properties.js'
import {MessageSysFlag} from './message-sys-flag.js'
import {readHostAddress} from './host-address.js'
import {readInt64BE} from './int64.js'
import {MESSAGE_MAGIC_CODE} from './stored-record-layout.js'

export type {MessageExt} from './message-ext.js'

/** Decodes one record; its body is a view into `record`, not a copy. */
export function decodeMessage(record: Buffer): MessageExt {
  if (record.length < 4 + 4) throw new MessageDecodeError(`record of ${record.length} bytes is too short`)
  const storeSize = record.readInt32BE(0)
  if (storeSize > record.length || storeSize < 91) {
    throw new MessageDecodeError(`record size ${storeSize} does not fit the ${record.length} bytes given`)
  }
  const magic = record.readInt32BE(4)
  if (magic !== MESSAGE_MAGIC_CODE) throw new MessageDecodeError(`bad magic code ${magic} (expected ${MESSAGE_MAGIC_CODE})`)
  let pos = 8
  const need = (n: number) => {
    if (pos + n > storeSize) throw new MessageDecodeError(`record truncated at byte ${pos} (size ${storeSize})`)
  }
  const bodyCRC = record.readInt32BE(pos)
  pos += 4
  const queueId = record.readInt32BE(pos)
  pos += 4
  const flag = record.readInt32BE(pos)
  pos += 4
  const queueOffset = readInt64BE(record, pos)
  pos += 8
  const commitLogOffset = readInt64BE(record, pos)
  pos += 8
  const sysFlag = record.readInt32BE(pos)
  pos += 4
  const bornTimestamp = readInt64BE(record, pos)
  pos += 8
  const bornV6 = (sysFlag & MessageSysFlag.BORNHOST_V6_FLAG) !== 0
  need(bornV6 ? 20 : 8)
  const bornHost = readHostAddress(record, pos, bornV6)
  pos += bornV6 ? 20 : 8
  need(8)
  const storeTimestamp = readInt64BE(record, pos)
  pos += 8
  const storeV6 = (sysFlag & MessageSysFlag.STOREHOSTADDRESS_V6_FLAG) !== 0
  need(storeV6 ? 20 : 8)
  const storeHost = readHostAddress(record, pos, storeV6)
  pos += storeV6 ? 20 : 8
  need(4 + 8 + 4)
  const reconsumeTimes = record.readInt32BE(pos)
  pos += 4
  const preparedTransactionOffset = readInt64BE(record, pos)
  pos += 8
  const bodyLen = record.readInt32BE(pos)
  pos += 4
  if (bodyLen < 0) throw new MessageDecodeError(`negative body length ${bodyLen}`)
  need(bodyLen + 1)
  const body = record.subarray(pos, pos + bodyLen)
  pos += bodyLen
  const topicLen = record.readInt8(pos)
  pos += 1
  if (topicLen < 0) throw new MessageDecodeError(`negative topic length ${topicLen}`)
  need(topicLen + 2)
  const topic = record.toString('utf8', pos, pos + topicLen)
  pos += topicLen
  const propsLen = record.readInt16BE(pos)
  pos += 2
  if (propsLen < 0) throw new MessageDecodeError(`negative properties length ${propsLen}`)
  need(propsLen)
  const properties = propsLen > 0 ? parseMessageProperties(record.toString('utf8', pos, pos + propsLen)) : {}
  return {
    topic,
    queueId,
    flag,
    body,
    properties,
    sysFlag,
    bornTimestamp,
    bornHost,
    storeTimestamp,
    storeHost,
    queueOffset,
    commitLogOffset,
    storeSize,
    bodyCRC,
    reconsumeTimes,
    preparedTransactionOffset,
    msgId: createOffsetMessageId(storeHost, commitLogOffset),
  }
}

/** Decodes a pull body: records back to back until the end. */
export function decodeMessages(body: Buffer): MessageExt[] {
  const out: MessageExt[] = []
  let pos = 0
  while (pos < body.length) {
    if (body.length - pos < 4) throw new MessageDecodeError(`${body.length - pos} stray bytes at the end of a pull body`)
    const size = body.readInt32BE(pos)
    if (size <= 0 || pos + size > body.length) {
      throw new MessageDecodeError(`record at byte ${pos} claims ${size} bytes, ${body.length - pos} remain`)
    }
    out.push(decodeMessage(body.subarray(pos, pos + size)))
    pos += size
  }
  return out
}
