/**
 * QueryConsumerOffsetResponseHeader (common/protocol/header/QueryConsumerOffsetResponseHeader.java):
 * extFields of a QUERY_CONSUMER_OFFSET response: the committed offset (next to consume).
 *
 *   offset*      (* = required)
 */
import {requiredLong, toExtFields, type ExtFields} from './header-fields.js'

/** QueryConsumerOffsetResponseHeader as an object. */
export interface QueryConsumerOffsetResponseHeader {
  offset: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeQueryConsumerOffsetResponseHeader(ext: ExtFields): QueryConsumerOffsetResponseHeader {
  return {
    offset: requiredLong(ext, 'offset'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeQueryConsumerOffsetResponseHeader(h: QueryConsumerOffsetResponseHeader): Record<string, string> {
  return toExtFields({offset: h.offset})
}
