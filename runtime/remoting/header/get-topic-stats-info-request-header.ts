/**
 * GetTopicStatsInfoRequestHeader (common/protocol/header/GetTopicStatsInfoRequestHeader.java): extFields of
 * GET_TOPIC_STATS_INFO (202).
 *
 *   topic*      (* = required)
 */
import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** GetTopicStatsInfoRequestHeader as an object. */
export interface GetTopicStatsInfoRequestHeader {
  topic: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetTopicStatsInfoRequestHeader(ext: ExtFields): GetTopicStatsInfoRequestHeader {
  const h: GetTopicStatsInfoRequestHeader = {
    topic: requiredString(ext, 'topic'),
  }
  return h
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetTopicStatsInfoRequestHeader(h: GetTopicStatsInfoRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic})
}
