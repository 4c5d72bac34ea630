/**
 * QueryConsumerOffsetResponseHeader (common/protocol/header/QueryConsumerOffsetResponseHeader.java):
 * extFields of a QUERY_CONSUMER_OFFSET response: the committed offset (next to consume).
 *
 *   offset*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** QueryConsumerOffsetResponseHeader as an object. */
export interface QueryConsumerOffsetResponseHeader {
  offset: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<QueryConsumerOffsetResponseHeader>({offset: 'long'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeQueryConsumerOffsetResponseHeader: (ext: ExtFields) => QueryConsumerOffsetResponseHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeQueryConsumerOffsetResponseHeader: (h: QueryConsumerOffsetResponseHeader) => Record<string, string> = codec.encode
