/**
 * A message to send and its preparation for the wire, as DefaultMQProducer does it: validation
 * (Validators.checkMessage), properties TAGS / KEYS / WAIT / DELAY, the client-generated UNIQ_KEY
 * (MessageClientIDSetter.setUniqID, which becomes SendResult.msgId) and zlib compression of bodies
 * of 4 KiB and more (compressMsgBodyOverHowmuch; 4.9.8 flags COMPRESSED plus the ZLIB type bits).
 * Pure apart from the injected id generator.
 */
import {deflateSync} from 'node:zlib'
import {MessageConst} from '../../../runtime/message/message-const.js'
import {encodeMessageProperties} from '../../../runtime/message/message-properties.js'
import {MessageSysFlag} from '../../../runtime/message/message-sys-flag.js'
import {MQClientError} from '../client-errors.js'

/** A message as callers give it to the producer. */
export interface OutgoingMessage {
  topic: string
  body: Buffer | string
  /** One tag (property TAGS). */
  tags?: string
  /** Keys for lookup by key (property KEYS, space-separated). */
  keys?: string | readonly string[]
  /** User flag (int). */
  flag?: number
  /** Delay level 1..18 (property DELAY). */
  delayTimeLevel?: number
  /** Extra user properties. */
  properties?: Readonly<Record<string, string>>
  /** WAIT: whether a SYNC_MASTER / SYNC_FLUSH broker waits before answering (default true). */
  waitStoreMsgOK?: boolean
}

/** A message ready to be sent: encoded once, then re-sent unchanged on retries. */
export interface PreparedMessage {
  topic: string
  body: Buffer
  sysFlag: number
  flag: number
  properties: Record<string, string>
  propertiesString: string
  /** The UNIQ_KEY (SendResult.msgId). */
  uniqKey: string
  tags: string | undefined
  keys: string[]
}

/** Producer settings that shape the message (DefaultMQProducer's names and defaults). */
export interface MessagePreparationOptions {
  /** Bodies at least this long are zlib-compressed (default 4096). */
  compressMsgBodyOverHowmuch: number
  /** Largest body accepted (default 4 MiB). */
  maxMessageSize: number
  /** Generates UNIQ_KEYs. */
  createUniqId: () => string
}

// Validators.VALID_PATTERN_STR and TopicValidator's length limit.
const TOPIC_PATTERN = /^[%|a-zA-Z0-9_-]+$/
const TOPIC_MAX_LENGTH = 127

/** Checks a topic name as Validators.checkTopic does; returns the problem or undefined. */
export function checkTopic(topic: string): string | undefined {
  if (topic.trim().length === 0) return 'the specified topic is blank'
  if (!TOPIC_PATTERN.test(topic)) return `the specified topic [${topic}] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$`
  if (topic.length > TOPIC_MAX_LENGTH) return `the specified topic is longer than topic max length ${TOPIC_MAX_LENGTH}`
  return undefined
}

/** Validates and encodes a message; throws MQClientError MESSAGE_ILLEGAL on a bad one (Validators.checkMessage). */
export function prepareMessage(msg: OutgoingMessage, options: MessagePreparationOptions): PreparedMessage {
  const topicProblem = checkTopic(msg.topic)
  if (topicProblem !== undefined) throw new MQClientError('MESSAGE_ILLEGAL', topicProblem)
  let body = typeof msg.body === 'string' ? Buffer.from(msg.body, 'utf8') : msg.body
  if (body.length === 0) throw new MQClientError('MESSAGE_ILLEGAL', 'the message body length is zero')
  if (body.length > options.maxMessageSize) {
    throw new MQClientError('MESSAGE_ILLEGAL', `the message body size over max value, MAX: ${options.maxMessageSize}`)
  }
  const properties: Record<string, string> = {...msg.properties}
  const keys = msg.keys === undefined ? [] : typeof msg.keys === 'string' ? [msg.keys] : [...msg.keys]
  if (msg.tags !== undefined && msg.tags.length > 0) properties[MessageConst.TAGS] = msg.tags
  if (keys.length > 0) properties[MessageConst.KEYS] = keys.join(' ')
  if (msg.delayTimeLevel !== undefined && msg.delayTimeLevel > 0) properties[MessageConst.DELAY] = String(msg.delayTimeLevel)
  properties[MessageConst.WAIT] = String(msg.waitStoreMsgOK ?? true)
  const uniqKey = properties[MessageConst.UNIQ_KEY] ?? options.createUniqId()
  properties[MessageConst.UNIQ_KEY] = uniqKey
  let sysFlag = 0
  if (body.length >= options.compressMsgBodyOverHowmuch) {
    const compressed = deflateSync(body, {level: 5})
    body = compressed
    sysFlag |= MessageSysFlag.COMPRESSED_FLAG | ZLIB_COMPRESSION_TYPE
  }
  return {
    topic: msg.topic,
    body,
    sysFlag,
    flag: msg.flag ?? 0,
    properties,
    propertiesString: encodeMessageProperties(properties),
    uniqKey,
    tags: properties[MessageConst.TAGS],
    keys,
  }
}

/** CompressionType.ZLIB's sysFlag bits (3 << 8), set with COMPRESSED by 4.9.8 producers. */
export const ZLIB_COMPRESSION_TYPE = 3 << 8
