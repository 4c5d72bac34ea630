/**
 * SendMessageRequestHeader (common/protocol/header/SendMessageRequestHeader.java): extFields of
 * SEND_MESSAGE (10), long field names. SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE carry the same fields
 * under one-letter names (send-message-request-header-v2.ts).
 *
 *   producerGroup* topic* defaultTopic* defaultTopicQueueNums* queueId* sysFlag* bornTimestamp* flag*
 *   properties reconsumeTimes unitMode batch maxReconsumeTimes brokerName          (* = required)
 */
import {
  optionalBool,
  optionalInt,
  optionalString,
  requiredInt,
  requiredLong,
  requiredString,
  toExtFields,
  type ExtFields,
} from './header-fields.js'

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

/** Decodes SEND_MESSAGE extFields; throws HeaderFieldError on a missing or bad field. */
export function decodeSendMessageRequestHeader(ext: ExtFields): SendMessageRequestHeader {
  return {
    producerGroup: requiredString(ext, 'producerGroup'),
    topic: requiredString(ext, 'topic'),
    defaultTopic: requiredString(ext, 'defaultTopic'),
    defaultTopicQueueNums: requiredInt(ext, 'defaultTopicQueueNums'),
    queueId: requiredInt(ext, 'queueId'),
    sysFlag: requiredInt(ext, 'sysFlag'),
    bornTimestamp: requiredLong(ext, 'bornTimestamp'),
    flag: requiredInt(ext, 'flag'),
    properties: optionalString(ext, 'properties'),
    reconsumeTimes: optionalInt(ext, 'reconsumeTimes'),
    unitMode: optionalBool(ext, 'unitMode'),
    batch: optionalBool(ext, 'batch'),
    maxReconsumeTimes: optionalInt(ext, 'maxReconsumeTimes'),
    brokerName: optionalString(ext, 'brokerName'),
  }
}

/** Encodes SEND_MESSAGE extFields. */
export function encodeSendMessageRequestHeader(h: SendMessageRequestHeader): Record<string, string> {
  return toExtFields({
    producerGroup: h.producerGroup,
    topic: h.topic,
    defaultTopic: h.defaultTopic,
    defaultTopicQueueNums: h.defaultTopicQueueNums,
    queueId: h.queueId,
    sysFlag: h.sysFlag,
    bornTimestamp: h.bornTimestamp,
    flag: h.flag,
    properties: h.properties,
    reconsumeTimes: h.reconsumeTimes,
    unitMode: h.unitMode,
    batch: h.batch,
    maxReconsumeTimes: h.maxReconsumeTimes,
    brokerName: h.brokerName,
  })
}
