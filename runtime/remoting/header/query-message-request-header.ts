/**
 * QueryMessageRequestHeader (common/protocol/header/QueryMessageRequestHeader.java): extFields of
 * QUERY_MESSAGE (12): messages of a topic whose key (KEYS or the unique key) matches, stored in
 * [beginTimestamp, endTimestamp]. A query by unique key also sends `_UNIQUE_KEY_QUERY=true`
 * (UNIQUE_MSG_QUERY_FLAG), outside this header.
 *
 *   topic* key* maxNum* beginTimestamp* endTimestamp*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** QueryMessageRequestHeader as an object. */
export interface QueryMessageRequestHeader {
  topic: string
  key: string
  maxNum: number
  beginTimestamp: number
  endTimestamp: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<QueryMessageRequestHeader>({topic: 'string', key: 'string', maxNum: 'int', beginTimestamp: 'long', endTimestamp: 'long'})

/**
 * Decodes the extFields; throws HeaderFieldError on a missing or malformed field. mqadmin sends
 * Long.MAX_VALUE as "no end", beyond what a JS number holds exactly, so decimal time bounds past the
 * safe-integer range are clamped to it instead of refused.
 */
export function decodeQueryMessageRequestHeader(ext: ExtFields): QueryMessageRequestHeader {
  if (ext === undefined) return codec.decode(ext)
  const clamped: Record<string, unknown> = {...ext}
  for (const k of ['beginTimestamp', 'endTimestamp']) {
    const v = clamped[k]
    if (typeof v === 'string' && /^\d{16,19}$/.test(v) && Number(v) > Number.MAX_SAFE_INTEGER) clamped[k] = String(Number.MAX_SAFE_INTEGER)
  }
  return codec.decode(clamped)
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeQueryMessageRequestHeader: (h: QueryMessageRequestHeader) => Record<string, string> = codec.encode
