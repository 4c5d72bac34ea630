/**
 * QueryConsumerOffsetRequestHeader (common/protocol/header/QueryConsumerOffsetRequestHeader.java):
 * extFields of QUERY_CONSUMER_OFFSET (14).
 *
 *   consumerGroup* topic* queueId*      (* = required)
 */
import {requiredInt, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** QueryConsumerOffsetRequestHeader as an object. */
export interface QueryConsumerOffsetRequestHeader {
  consumerGroup: string
  topic: string
  queueId: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeQueryConsumerOffsetRequestHeader(ext: ExtFields): QueryConsumerOffsetRequestHeader {
  return {
    consumerGroup: requiredString(ext, 'consumerGroup'),
    topic: requiredString(ext, 'topic'),
    queueId: requiredInt(ext, 'queueId'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeQueryConsumerOffsetRequestHeader(h: QueryConsumerOffsetRequestHeader): Record<string, string> {
  return toExtFields({consumerGroup: h.consumerGroup, topic: h.topic, queueId: h.queueId})
}
