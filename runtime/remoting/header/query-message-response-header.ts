/**
 * QueryMessageResponseHeader (common/protocol/header/QueryMessageResponseHeader.java): extFields of a
 * QUERY_MESSAGE response: the end of the newest index file, so a client can tell how far indexing got.
 *
 *   indexLastUpdateTimestamp* indexLastUpdatePhyoffset*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** QueryMessageResponseHeader as an object. */
export interface QueryMessageResponseHeader {
  indexLastUpdateTimestamp: number
  indexLastUpdatePhyoffset: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<QueryMessageResponseHeader>({indexLastUpdateTimestamp: 'long', indexLastUpdatePhyoffset: 'long'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeQueryMessageResponseHeader: (ext: ExtFields) => QueryMessageResponseHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeQueryMessageResponseHeader: (h: QueryMessageResponseHeader) => Record<string, string> = codec.encode
