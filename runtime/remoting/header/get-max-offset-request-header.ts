/**
 * GetMaxOffsetRequestHeader (common/protocol/header/GetMaxOffsetRequestHeader.java): extFields of
 * GET_MAX_OFFSET (30).
 *
 *   topic* queueId*      (* = required)
 */
import {requiredInt, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** GetMaxOffsetRequestHeader as an object. */
export interface GetMaxOffsetRequestHeader {
  topic: string
  queueId: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetMaxOffsetRequestHeader(ext: ExtFields): GetMaxOffsetRequestHeader {
  return {
    topic: requiredString(ext, 'topic'),
    queueId: requiredInt(ext, 'queueId'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetMaxOffsetRequestHeader(h: GetMaxOffsetRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic, queueId: h.queueId})
}
