/**
 * GetMaxOffsetRequestHeader (common/protocol/header/GetMaxOffsetRequestHeader.java): extFields of
 * GET_MAX_OFFSET (30).
 *
 *   topic* queueId*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** GetMaxOffsetRequestHeader as an object. */
export interface GetMaxOffsetRequestHeader {
  topic: string
  queueId: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetMaxOffsetRequestHeader>({topic: 'string', queueId: 'int'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeGetMaxOffsetRequestHeader: (ext: ExtFields) => GetMaxOffsetRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeGetMaxOffsetRequestHeader: (h: GetMaxOffsetRequestHeader) => Record<string, string> = codec.encode
