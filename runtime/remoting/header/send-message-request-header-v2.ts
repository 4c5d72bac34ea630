/**
 * SendMessageRequestHeaderV2 (common/protocol/header/SendMessageRequestHeaderV2.java): extFields of
 * SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320), one letter per field to save bytes:
 *
 *   a producerGroup*  b topic*  c defaultTopic*  d defaultTopicQueueNums*  e queueId*  f sysFlag*
 *   g bornTimestamp*  h flag*  i properties  j reconsumeTimes  k unitMode  l maxReconsumeTimes
 *   m batch  n brokerName                                                      (* = required)
 *
 * Decoding yields the V1 shape (SendMessageRequestHeaderV2.createSendMessageRequestHeaderV1).
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
import type {SendMessageRequestHeader} from './send-message-request-header.js'

/** Decodes SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE extFields into the V1 shape. */
export function decodeSendMessageRequestHeaderV2(ext: ExtFields): SendMessageRequestHeader {
  return {
    producerGroup: requiredString(ext, 'a'),
    topic: requiredString(ext, 'b'),
    defaultTopic: requiredString(ext, 'c'),
    defaultTopicQueueNums: requiredInt(ext, 'd'),
    queueId: requiredInt(ext, 'e'),
    sysFlag: requiredInt(ext, 'f'),
    bornTimestamp: requiredLong(ext, 'g'),
    flag: requiredInt(ext, 'h'),
    properties: optionalString(ext, 'i'),
    reconsumeTimes: optionalInt(ext, 'j'),
    unitMode: optionalBool(ext, 'k'),
    maxReconsumeTimes: optionalInt(ext, 'l'),
    batch: optionalBool(ext, 'm'),
    brokerName: optionalString(ext, 'n'),
  }
}

/** Encodes a send header with the V2 one-letter names. */
export function encodeSendMessageRequestHeaderV2(h: SendMessageRequestHeader): Record<string, string> {
  return toExtFields({
    a: h.producerGroup,
    b: h.topic,
    c: h.defaultTopic,
    d: h.defaultTopicQueueNums,
    e: h.queueId,
    f: h.sysFlag,
    g: h.bornTimestamp,
    h: h.flag,
    i: h.properties,
    j: h.reconsumeTimes,
    k: h.unitMode,
    l: h.maxReconsumeTimes,
    m: h.batch,
    n: h.brokerName,
  })
}
