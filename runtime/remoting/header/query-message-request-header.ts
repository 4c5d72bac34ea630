/**
 * QueryMessageRequestHeader (common/protocol/header/QueryMessageRequestHeader.java): extFields of
 * QUERY_MESSAGE (12): messages of a topic whose key (KEYS or the unique key) matches, stored in
 * [beginTimestamp, endTimestamp]. A query by unique key also sends `_UNIQUE_KEY_QUERY=true`
 * (UNIQUE_MSG_QUERY_FLAG), outside this header.
 *
 *   topic* key* maxNum* beginTimestamp* endTimestamp*      (* = required)
 */
import {requiredInt, requiredLong, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** QueryMessageRequestHeader as an object. */
export interface QueryMessageRequestHeader {
  topic: string
  key: string
  maxNum: number
  beginTimestamp: number
  endTimestamp: number
}

/**
 * A time bound: mqadmin sends Long.MAX_VALUE as "no end", beyond what a JS number holds exactly, so
 * decimal values past the safe-integer range are clamped to it instead of refused.
 */
function timeBound(ext: ExtFields, field: string): number {
  const raw = ext?.[field]
  if (typeof raw === 'string' && /^\d{16,19}$/.test(raw) && Number(raw) > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER
  return requiredLong(ext, field)
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeQueryMessageRequestHeader(ext: ExtFields): QueryMessageRequestHeader {
  const h: QueryMessageRequestHeader = {
    topic: requiredString(ext, 'topic'),
    key: requiredString(ext, 'key'),
    maxNum: requiredInt(ext, 'maxNum'),
    beginTimestamp: timeBound(ext, 'beginTimestamp'),
    endTimestamp: timeBound(ext, 'endTimestamp'),
  }
  return h
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeQueryMessageRequestHeader(h: QueryMessageRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic, key: h.key, maxNum: h.maxNum, beginTimestamp: h.beginTimestamp, endTimestamp: h.endTimestamp})
}
