/**
 * ViewMessageRequestHeader (common/protocol/header/ViewMessageRequestHeader.java): extFields of
 * VIEW_MESSAGE_BY_ID (33): the commitlog offset decoded from an offset msg id.
 *
 *   offset*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** ViewMessageRequestHeader as an object. */
export interface ViewMessageRequestHeader {
  offset: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<ViewMessageRequestHeader>({offset: 'long'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeViewMessageRequestHeader: (ext: ExtFields) => ViewMessageRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeViewMessageRequestHeader: (h: ViewMessageRequestHeader) => Record<string, string> = codec.encode
