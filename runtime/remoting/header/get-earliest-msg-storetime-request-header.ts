/**
 * GetEarliestMsgStoretimeRequestHeader (common/protocol/header/GetEarliestMsgStoretimeRequestHeader.java):
 * extFields of GET_EARLIEST_MSG_STORETIME (32).
 *
 *   topic* queueId*      (* = required)
 */
import {requiredInt, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** GetEarliestMsgStoretimeRequestHeader as an object. */
export interface GetEarliestMsgStoretimeRequestHeader {
  topic: string
  queueId: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetEarliestMsgStoretimeRequestHeader(ext: ExtFields): GetEarliestMsgStoretimeRequestHeader {
  return {
    topic: requiredString(ext, 'topic'),
    queueId: requiredInt(ext, 'queueId'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetEarliestMsgStoretimeRequestHeader(h: GetEarliestMsgStoretimeRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic, queueId: h.queueId})
}
