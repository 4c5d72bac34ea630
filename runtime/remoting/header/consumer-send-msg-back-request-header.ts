/**
 * ConsumerSendMsgBackRequestHeader (common/protocol/header/ConsumerSendMsgBackRequestHeader.java):
 * extFields of CONSUMER_SEND_MSG_BACK (36): `offset` is the commitlog offset of the failed message;
 * delayLevel 0 lets the broker pick 3 + reconsumeTimes, a negative one sends it straight to the DLQ.
 *
 *   offset* group* delayLevel* originMsgId originTopic unitMode maxReconsumeTimes      (* = required)
 */
import {optionalBool, optionalInt, optionalString, requiredInt, requiredLong, requiredString, toExtFields, type ExtFields} from './header-fields.js'

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

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeConsumerSendMsgBackRequestHeader(ext: ExtFields): ConsumerSendMsgBackRequestHeader {
  return {
    offset: requiredLong(ext, 'offset'),
    group: requiredString(ext, 'group'),
    delayLevel: requiredInt(ext, 'delayLevel'),
    originMsgId: optionalString(ext, 'originMsgId'),
    originTopic: optionalString(ext, 'originTopic'),
    unitMode: optionalBool(ext, 'unitMode'),
    maxReconsumeTimes: optionalInt(ext, 'maxReconsumeTimes'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeConsumerSendMsgBackRequestHeader(h: ConsumerSendMsgBackRequestHeader): Record<string, string> {
  return toExtFields({
    offset: h.offset,
    group: h.group,
    delayLevel: h.delayLevel,
    originMsgId: h.originMsgId,
    originTopic: h.originTopic,
    unitMode: h.unitMode,
    maxReconsumeTimes: h.maxReconsumeTimes,
  })
}
