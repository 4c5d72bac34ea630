/**
 * GetMinOffsetRequestHeader (common/protocol/header/GetMinOffsetRequestHeader.java): extFields of
 * GET_MIN_OFFSET (31).
 *
 *   topic* queueId*      (* = required)
 */
import {requiredInt, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** GetMinOffsetRequestHeader as an object. */
export interface GetMinOffsetRequestHeader {
  topic: string
  queueId: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetMinOffsetRequestHeader(ext: ExtFields): GetMinOffsetRequestHeader {
  return {
    topic: requiredString(ext, 'topic'),
    queueId: requiredInt(ext, 'queueId'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetMinOffsetRequestHeader(h: GetMinOffsetRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic, queueId: h.queueId})
}
