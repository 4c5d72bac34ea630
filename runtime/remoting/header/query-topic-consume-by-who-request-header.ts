/**
 * QueryTopicConsumeByWhoRequestHeader (common/protocol/header/QueryTopicConsumeByWhoRequestHeader.java): extFields of
 * QUERY_TOPIC_CONSUME_BY_WHO (300).
 *
 *   topic*      (* = required)
 */
import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** QueryTopicConsumeByWhoRequestHeader as an object. */
export interface QueryTopicConsumeByWhoRequestHeader {
  topic: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeQueryTopicConsumeByWhoRequestHeader(ext: ExtFields): QueryTopicConsumeByWhoRequestHeader {
  const h: QueryTopicConsumeByWhoRequestHeader = {
    topic: requiredString(ext, 'topic'),
  }
  return h
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeQueryTopicConsumeByWhoRequestHeader(h: QueryTopicConsumeByWhoRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic})
}
