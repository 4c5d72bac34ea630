/**
 * GetMinOffsetRequestHeader (common/protocol/header/GetMinOffsetRequestHeader.java): extFields of
 * GET_MIN_OFFSET (31).
 *
 *   topic* queueId*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** GetMinOffsetRequestHeader as an object. */
export interface GetMinOffsetRequestHeader {
  topic: string
  queueId: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetMinOffsetRequestHeader>({topic: 'string', queueId: 'int'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeGetMinOffsetRequestHeader: (ext: ExtFields) => GetMinOffsetRequestHeader = codec.decode
