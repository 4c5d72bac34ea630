/**
 * SearchOffsetResponseHeader (common/protocol/header/SearchOffsetResponseHeader.java): extFields of a
 * SEARCH_OFFSET_BY_TIMESTAMP response.
 *
 *   offset*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** SearchOffsetResponseHeader as an object. */
export interface SearchOffsetResponseHeader {
  offset: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<SearchOffsetResponseHeader>({offset: 'long'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeSearchOffsetResponseHeader: (ext: ExtFields) => SearchOffsetResponseHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeSearchOffsetResponseHeader: (h: SearchOffsetResponseHeader) => Record<string, string> = codec.encode
