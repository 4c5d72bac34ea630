/**
 * SearchOffsetResponseHeader (common/protocol/header/SearchOffsetResponseHeader.java): extFields of a
 * SEARCH_OFFSET_BY_TIMESTAMP response.
 *
 *   offset*      (* = required)
 */
import {requiredLong, toExtFields, type ExtFields} from './header-fields.js'

/** SearchOffsetResponseHeader as an object. */
export interface SearchOffsetResponseHeader {
  offset: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeSearchOffsetResponseHeader(ext: ExtFields): SearchOffsetResponseHeader {
  return {
    offset: requiredLong(ext, 'offset'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeSearchOffsetResponseHeader(h: SearchOffsetResponseHeader): Record<string, string> {
  return toExtFields({offset: h.offset})
}
