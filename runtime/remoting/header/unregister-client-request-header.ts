/**
 * UnregisterClientRequestHeader (common/protocol/header/UnregisterClientRequestHeader.java): extFields of
 * UNREGISTER_CLIENT (35): the client and the group(s) it leaves.
 *
 *   clientID* producerGroup consumerGroup      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** UnregisterClientRequestHeader as an object. */
export interface UnregisterClientRequestHeader {
  clientID: string
  producerGroup?: string
  consumerGroup?: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<UnregisterClientRequestHeader>({clientID: 'string', producerGroup: 'string?', consumerGroup: 'string?'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeUnregisterClientRequestHeader: (ext: ExtFields) => UnregisterClientRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeUnregisterClientRequestHeader: (h: UnregisterClientRequestHeader) => Record<string, string> = codec.encode
