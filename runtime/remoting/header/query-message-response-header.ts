/**
 * QueryMessageResponseHeader (common/protocol/header/QueryMessageResponseHeader.java): extFields of a
 * QUERY_MESSAGE response: the end of the newest index file, so a client can tell how far indexing got.
 *
 *   indexLastUpdateTimestamp* indexLastUpdatePhyoffset*      (* = required)
 */
import {requiredLong, toExtFields, type ExtFields} from './header-fields.js'

/** QueryMessageResponseHeader as an object. */
export interface QueryMessageResponseHeader {
  indexLastUpdateTimestamp: number
  indexLastUpdatePhyoffset: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeQueryMessageResponseHeader(ext: ExtFields): QueryMessageResponseHeader {
  const h: QueryMessageResponseHeader = {
    indexLastUpdateTimestamp: requiredLong(ext, 'indexLastUpdateTimestamp'),
    indexLastUpdatePhyoffset: requiredLong(ext, 'indexLastUpdatePhyoffset'),
  }
  return h
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeQueryMessageResponseHeader(h: QueryMessageResponseHeader): Record<string, string> {
  return toExtFields({indexLastUpdateTimestamp: h.indexLastUpdateTimestamp, indexLastUpdatePhyoffset: h.indexLastUpdatePhyoffset})
}
