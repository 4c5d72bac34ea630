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
import {headerCodec, type ExtFields} from './header-fields.js'
import {SEND_MESSAGE_HEADER_FIELDS, type SendMessageRequestHeader} from './send-message-request-header.js'

/** V1's fields under their one-letter names. */
const codec = headerCodec(SEND_MESSAGE_HEADER_FIELDS, {
  producerGroup: 'a',
  topic: 'b',
  defaultTopic: 'c',
  defaultTopicQueueNums: 'd',
  queueId: 'e',
  sysFlag: 'f',
  bornTimestamp: 'g',
  flag: 'h',
  properties: 'i',
  reconsumeTimes: 'j',
  unitMode: 'k',
  maxReconsumeTimes: 'l',
  batch: 'm',
  brokerName: 'n',
})

/** Decodes SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE extFields into the V1 shape. */
export const decodeSendMessageRequestHeaderV2: (ext: ExtFields) => SendMessageRequestHeader = codec.decode

/** Encodes a send header with the V2 one-letter names. */
export const encodeSendMessageRequestHeaderV2: (h: SendMessageRequestHeader) => Record<string, string> = codec.encode
