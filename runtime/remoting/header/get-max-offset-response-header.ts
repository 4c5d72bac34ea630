/**
 * GetMaxOffsetResponseHeader (common/protocol/header/GetMaxOffsetResponseHeader.java): extFields of a
 * GET_MAX_OFFSET response: the next queue offset to be written.
 *
 *   offset*      (* = required)
 */
import {requiredLong, toExtFields, type ExtFields} from './header-fields.js'

/** GetMaxOffsetResponseHeader as an object. */
export interface GetMaxOffsetResponseHeader {
  offset: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetMaxOffsetResponseHeader(ext: ExtFields): GetMaxOffsetResponseHeader {
  return {
    offset: requiredLong(ext, 'offset'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetMaxOffsetResponseHeader(h: GetMaxOffsetResponseHeader): Record<string, string> {
  return toExtFields({offset: h.offset})
}
