/**
 * DeleteTopicRequestHeader (common/protocol/header/DeleteTopicRequestHeader.java): extFields of
 * DELETE_TOPIC_IN_BROKER (215).
 *
 *   topic*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** DeleteTopicRequestHeader as an object. */
export interface DeleteTopicRequestHeader {
  topic: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<DeleteTopicRequestHeader>({topic: 'string'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeDeleteTopicRequestHeader: (ext: ExtFields) => DeleteTopicRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted): `mqlab topic delete` sends it. */
export const encodeDeleteTopicRequestHeader: (h: DeleteTopicRequestHeader) => Record<string, string> = codec.encode
