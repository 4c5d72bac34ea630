/**
 * A pulled message as mqlab's consumer reports it: JSON-friendly (body as UTF-8 text), with the queue
 * it came from and which broker served the pull (brokerId 0 = master, > 0 = a slave). Pure.
 *
 * As RocketMQ's client does: msgId is the UNIQ_KEY when the producer set one (MessageClientExt.getMsgId),
 * else the offset msg id; a message from the retry topic is reported under its original topic
 * (RETRY_TOPIC property, resetRetryAndNamespace); compressed bodies are inflated (zlib, the only
 * type 4.x producers use; LZ4/ZSTD bodies are left as stored and flagged).
 */
import {inflateSync} from 'node:zlib'
import {formatHostAddress} from '../../../runtime/message/host-address.js'
import {MessageConst} from '../../../runtime/message/message-const.js'
import type {MessageExt} from '../../../runtime/message/message-ext.js'
import {MessageSysFlag} from '../../../runtime/message/message-sys-flag.js'
import {RETRY_GROUP_TOPIC_PREFIX} from './consume-from-where.js'

/** One consumed message. */
export interface ConsumedMessage {
  /** UNIQ_KEY when present, else the offset msg id. */
  msgId: string
  offsetMsgId: string
  topic: string
  tags: string | undefined
  keys: string[]
  /** The body decoded as UTF-8 (inflated first when it was compressed). */
  body: string
  bodySize: number
  /** True when the body stayed compressed (an LZ4/ZSTD body this client cannot inflate). */
  bodyCompressed: boolean
  queueId: number
  queueOffset: number
  brokerName: string
  /** brokerId of the broker that served the pull: 0 master, > 0 slave. */
  brokerId: number
  reconsumeTimes: number
  bornTimestamp: number
  storeTimestamp: number
  bornHost: string
  storeHost: string
  /** User properties (system ones such as UNIQ_KEY, TAGS, KEYS, WAIT are left out). */
  properties: Record<string, string>
}

const SYSTEM_PROPERTIES = new Set<string>([
  MessageConst.UNIQ_KEY,
  MessageConst.TAGS,
  MessageConst.KEYS,
  MessageConst.WAIT,
  MessageConst.CLUSTER,
  MessageConst.MIN_OFFSET,
  MessageConst.MAX_OFFSET,
  MessageConst.RETRY_TOPIC,
  MessageConst.REAL_TOPIC,
  MessageConst.REAL_QID,
  MessageConst.DELAY,
  MessageConst.ORIGIN_MESSAGE_ID,
  MessageConst.RECONSUME_TIME,
  MessageConst.MAX_RECONSUME_TIMES,
  MessageConst.MSG_REGION,
  MessageConst.TRACE_ON,
  MessageConst.CONSUME_START_TIME,
])

/** The body as the producer sent it, and whether it could be inflated. */
export function uncompressedBody(msg: Pick<MessageExt, 'body' | 'sysFlag'>): {body: Buffer; compressed: boolean} {
  if ((msg.sysFlag & MessageSysFlag.COMPRESSED_FLAG) === 0) return {body: msg.body, compressed: false}
  const type = (msg.sysFlag & MessageSysFlag.COMPRESSION_TYPE_MASK) >> 8
  if (type !== 0 && type !== 3) return {body: msg.body, compressed: true} // LZ4 (1) / ZSTD (2)
  try {
    return {body: inflateSync(msg.body), compressed: false}
  } catch {
    return {body: msg.body, compressed: true}
  }
}

/** Converts a pulled record into the report form. */
export function toConsumedMessage(msg: MessageExt, served: {brokerName: string; brokerId: number}): ConsumedMessage {
  const props = msg.properties
  const {body, compressed} = uncompressedBody(msg)
  const keys = props[MessageConst.KEYS]
  const userProps: Record<string, string> = {}
  for (const [k, v] of Object.entries(props)) if (!SYSTEM_PROPERTIES.has(k)) userProps[k] = v
  return {
    msgId: props[MessageConst.UNIQ_KEY] ?? msg.msgId,
    offsetMsgId: msg.msgId,
    topic: msg.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX) ? (props[MessageConst.RETRY_TOPIC] ?? msg.topic) : msg.topic,
    tags: props[MessageConst.TAGS],
    keys: keys === undefined || keys === '' ? [] : keys.split(' ').filter((k) => k !== ''),
    body: body.toString('utf8'),
    bodySize: body.length,
    bodyCompressed: compressed,
    queueId: msg.queueId,
    queueOffset: msg.queueOffset,
    brokerName: served.brokerName,
    brokerId: served.brokerId,
    reconsumeTimes: msg.reconsumeTimes,
    bornTimestamp: msg.bornTimestamp,
    storeTimestamp: msg.storeTimestamp,
    bornHost: formatHostAddress(msg.bornHost),
    storeHost: formatHostAddress(msg.storeHost),
    properties: userProps,
  }
}
