/**
 * SearchOffsetRequestHeader (common/protocol/header/SearchOffsetRequestHeader.java): extFields of
 * SEARCH_OFFSET_BY_TIMESTAMP (29).
 *
 *   topic* queueId* timestamp*      (* = required)
 */
import {requiredInt, requiredLong, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** SearchOffsetRequestHeader as an object. */
export interface SearchOffsetRequestHeader {
  topic: string
  queueId: number
  timestamp: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeSearchOffsetRequestHeader(ext: ExtFields): SearchOffsetRequestHeader {
  return {
    topic: requiredString(ext, 'topic'),
    queueId: requiredInt(ext, 'queueId'),
    timestamp: requiredLong(ext, 'timestamp'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeSearchOffsetRequestHeader(h: SearchOffsetRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic, queueId: h.queueId, timestamp: h.timestamp})
}
