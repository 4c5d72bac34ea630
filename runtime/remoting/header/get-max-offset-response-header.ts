/**
 * GetMaxOffsetResponseHeader (common/protocol/header/GetMaxOffsetResponseHeader.java): extFields of a
 * GET_MAX_OFFSET response: the next queue offset to be written.
 *
 *   offset*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** GetMaxOffsetResponseHeader as an object. */
export interface GetMaxOffsetResponseHeader {
  offset: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetMaxOffsetResponseHeader>({offset: 'long'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeGetMaxOffsetResponseHeader: (ext: ExtFields) => GetMaxOffsetResponseHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeGetMaxOffsetResponseHeader: (h: GetMaxOffsetResponseHeader) => Record<string, string> = codec.encode
