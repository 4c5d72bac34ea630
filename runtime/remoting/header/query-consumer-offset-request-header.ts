/**
 * QueryConsumerOffsetRequestHeader (common/protocol/header/QueryConsumerOffsetRequestHeader.java):
 * extFields of QUERY_CONSUMER_OFFSET (14).
 *
 *   consumerGroup* topic* queueId*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** QueryConsumerOffsetRequestHeader as an object. */
export interface QueryConsumerOffsetRequestHeader {
  consumerGroup: string
  topic: string
  queueId: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<QueryConsumerOffsetRequestHeader>({consumerGroup: 'string', topic: 'string', queueId: 'int'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeQueryConsumerOffsetRequestHeader: (ext: ExtFields) => QueryConsumerOffsetRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeQueryConsumerOffsetRequestHeader: (h: QueryConsumerOffsetRequestHeader) => Record<string, string> = codec.encode
