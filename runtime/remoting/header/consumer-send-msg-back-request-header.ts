/**
 * ConsumerSendMsgBackRequestHeader (common/protocol/header/ConsumerSendMsgBackRequestHeader.java):
 * extFields of CONSUMER_SEND_MSG_BACK (36): `offset` is the commitlog offset of the failed message;
 * delayLevel 0 lets the broker pick 3 + reconsumeTimes, a negative one sends it straight to the DLQ.
 *
 *   offset* group* delayLevel* originMsgId originTopic unitMode maxReconsumeTimes      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** ConsumerSendMsgBackRequestHeader as an object. */
export interface ConsumerSendMsgBackRequestHeader {
  offset: number
  group: string
  delayLevel: number
  originMsgId?: string
  originTopic?: string
  unitMode?: boolean
  maxReconsumeTimes?: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<ConsumerSendMsgBackRequestHeader>({
  offset: 'long',
  group: 'string',
  delayLevel: 'int',
  originMsgId: 'string?',
  originTopic: 'string?',
  unitMode: 'bool?',
  maxReconsumeTimes: 'int?',
})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeConsumerSendMsgBackRequestHeader: (ext: ExtFields) => ConsumerSendMsgBackRequestHeader = codec.decode
