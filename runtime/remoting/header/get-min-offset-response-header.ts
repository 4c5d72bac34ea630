/**
 * GetMinOffsetResponseHeader (common/protocol/header/GetMinOffsetResponseHeader.java): extFields of a
 * GET_MIN_OFFSET response.
 *
 *   offset*      (* = required)
 */
import {requiredLong, toExtFields, type ExtFields} from './header-fields.js'

/** GetMinOffsetResponseHeader as an object. */
export interface GetMinOffsetResponseHeader {
  offset: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetMinOffsetResponseHeader(ext: ExtFields): GetMinOffsetResponseHeader {
  return {
    offset: requiredLong(ext, 'offset'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetMinOffsetResponseHeader(h: GetMinOffsetResponseHeader): Record<string, string> {
  return toExtFields({offset: h.offset})
}
