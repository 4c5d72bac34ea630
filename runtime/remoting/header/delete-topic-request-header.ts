/**
 * DeleteTopicRequestHeader (common/protocol/header/DeleteTopicRequestHeader.java): extFields of
 * DELETE_TOPIC_IN_BROKER (215).
 *
 *   topic*      (* = required)
 */
import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** DeleteTopicRequestHeader as an object. */
export interface DeleteTopicRequestHeader {
  topic: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeDeleteTopicRequestHeader(ext: ExtFields): DeleteTopicRequestHeader {
  return {
    topic: requiredString(ext, 'topic'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeDeleteTopicRequestHeader(h: DeleteTopicRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic})
}
