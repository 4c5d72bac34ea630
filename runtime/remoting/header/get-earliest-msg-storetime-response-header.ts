/**
 * GetEarliestMsgStoretimeResponseHeader
 * (common/protocol/header/GetEarliestMsgStoretimeResponseHeader.java): extFields of a
 * GET_EARLIEST_MSG_STORETIME response (ms).
 *
 *   timestamp*      (* = required)
 */
import {requiredLong, toExtFields, type ExtFields} from './header-fields.js'

/** GetEarliestMsgStoretimeResponseHeader as an object. */
export interface GetEarliestMsgStoretimeResponseHeader {
  timestamp: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetEarliestMsgStoretimeResponseHeader(ext: ExtFields): GetEarliestMsgStoretimeResponseHeader {
  return {
    timestamp: requiredLong(ext, 'timestamp'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetEarliestMsgStoretimeResponseHeader(h: GetEarliestMsgStoretimeResponseHeader): Record<string, string> {
  return toExtFields({timestamp: h.timestamp})
}
