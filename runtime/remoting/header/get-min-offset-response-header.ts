/**
 * GetMinOffsetResponseHeader (common/protocol/header/GetMinOffsetResponseHeader.java): extFields of a
 * GET_MIN_OFFSET response.
 *
 *   offset*      (* = required)
 */
import {headerCodec} from './header-fields.js'

/** GetMinOffsetResponseHeader as an object. */
export interface GetMinOffsetResponseHeader {
  offset: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetMinOffsetResponseHeader>({offset: 'long'})

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeGetMinOffsetResponseHeader: (h: GetMinOffsetResponseHeader) => Record<string, string> = codec.encode
