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
