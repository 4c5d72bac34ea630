/**
 * GetEarliestMsgStoretimeRequestHeader (common/protocol/header/GetEarliestMsgStoretimeRequestHeader.java):
 * extFields of GET_EARLIEST_MSG_STORETIME (32).
 *
 *   topic* queueId*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** GetEarliestMsgStoretimeRequestHeader as an object. */
export interface GetEarliestMsgStoretimeRequestHeader {
  topic: string
  queueId: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetEarliestMsgStoretimeRequestHeader>({topic: 'string', queueId: 'int'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeGetEarliestMsgStoretimeRequestHeader: (ext: ExtFields) => GetEarliestMsgStoretimeRequestHeader = codec.decode
