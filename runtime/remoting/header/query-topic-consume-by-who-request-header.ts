/**
 * QueryTopicConsumeByWhoRequestHeader (common/protocol/header/QueryTopicConsumeByWhoRequestHeader.java): extFields of
 * QUERY_TOPIC_CONSUME_BY_WHO (300).
 *
 *   topic*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** QueryTopicConsumeByWhoRequestHeader as an object. */
export interface QueryTopicConsumeByWhoRequestHeader {
  topic: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<QueryTopicConsumeByWhoRequestHeader>({topic: 'string'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeQueryTopicConsumeByWhoRequestHeader: (ext: ExtFields) => QueryTopicConsumeByWhoRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeQueryTopicConsumeByWhoRequestHeader: (h: QueryTopicConsumeByWhoRequestHeader) => Record<string, string> = codec.encode
