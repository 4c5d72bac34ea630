/**
 * ResetOffsetRequestHeader (common/protocol/header/ResetOffsetRequestHeader.java): extFields of
 * INVOKE_BROKER_TO_RESET_OFFSET (222) and RESET_CONSUMER_CLIENT_OFFSET (220). timestamp -1 means the
 * queues' max offsets. Java's field is the primitive `isForce`, so the key is "isForce".
 *
 *   topic* group* timestamp* isForce*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** ResetOffsetRequestHeader as an object. */
export interface ResetOffsetRequestHeader {
  topic: string
  group: string
  timestamp: number
  isForce: boolean
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<ResetOffsetRequestHeader>({topic: 'string', group: 'string', timestamp: 'long', isForce: 'bool'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeResetOffsetRequestHeader: (ext: ExtFields) => ResetOffsetRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeResetOffsetRequestHeader: (h: ResetOffsetRequestHeader) => Record<string, string> = codec.encode
