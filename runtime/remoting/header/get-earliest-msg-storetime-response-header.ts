/**
 * GetEarliestMsgStoretimeResponseHeader
 * (common/protocol/header/GetEarliestMsgStoretimeResponseHeader.java): extFields of a
 * GET_EARLIEST_MSG_STORETIME response (ms).
 *
 *   timestamp*      (* = required)
 */
import {headerCodec} from './header-fields.js'

/** GetEarliestMsgStoretimeResponseHeader as an object. */
export interface GetEarliestMsgStoretimeResponseHeader {
  timestamp: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetEarliestMsgStoretimeResponseHeader>({timestamp: 'long'})

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeGetEarliestMsgStoretimeResponseHeader: (h: GetEarliestMsgStoretimeResponseHeader) => Record<string, string> = codec.encode
