/**
 * SendMessageRequestHeader (common/protocol/header/SendMessageRequestHeader.java): extFields of
 * SEND_MESSAGE (10), long field names. SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE carry the same fields
 * under one-letter names (send-message-request-header-v2.ts).
 *
 *   producerGroup* topic* defaultTopic* defaultTopicQueueNums* queueId* sysFlag* bornTimestamp* flag*
 *   properties reconsumeTimes unitMode batch maxReconsumeTimes brokerName          (* = required)
 */
import {headerCodec, type ExtFields, type HeaderFields} from './header-fields.js'

/** A send request's header, whichever code carried it. */
export interface SendMessageRequestHeader {
  producerGroup: string
  topic: string
  /** Template for auto-creation, normally "TBW102". */
  defaultTopic: string
  defaultTopicQueueNums: number
  /** Negative: let the broker pick a queue. */
  queueId: number
  sysFlag: number
  bornTimestamp: number
  flag: number
  properties?: string
  reconsumeTimes?: number
  unitMode?: boolean
  batch?: boolean
  maxReconsumeTimes?: number
  /** 4.9.x "bname": the broker the client meant (static topics); ignored by a plain broker. */
  brokerName?: string
}

/** The header's one field description, in V2's letter order (a…n); V2 renames the same fields. */
export const SEND_MESSAGE_HEADER_FIELDS: HeaderFields<SendMessageRequestHeader> = {
  producerGroup: 'string',
  topic: 'string',
  defaultTopic: 'string',
  defaultTopicQueueNums: 'int',
  queueId: 'int',
  sysFlag: 'int',
  bornTimestamp: 'long',
  flag: 'int',
  properties: 'string?',
  reconsumeTimes: 'int?',
  unitMode: 'bool?',
  maxReconsumeTimes: 'int?',
  batch: 'bool?',
  brokerName: 'string?',
}

const codec = headerCodec(SEND_MESSAGE_HEADER_FIELDS)

/** Decodes SEND_MESSAGE extFields; throws HeaderFieldError on a missing or bad field. */
export const decodeSendMessageRequestHeader: (ext: ExtFields) => SendMessageRequestHeader = codec.decode

/** Encodes SEND_MESSAGE extFields. */
export const encodeSendMessageRequestHeader: (h: SendMessageRequestHeader) => Record<string, string> = codec.encode
