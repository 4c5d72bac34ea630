/**
 * UpdateConsumerOffsetRequestHeader (common/protocol/header/UpdateConsumerOffsetRequestHeader.java):
 * extFields of UPDATE_CONSUMER_OFFSET (15); Java sends it oneway, ali-ons without the oneway bit.
 *
 *   consumerGroup* topic* queueId* commitOffset*      (* = required)
 */
import {requiredInt, requiredLong, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** UpdateConsumerOffsetRequestHeader as an object. */
export interface UpdateConsumerOffsetRequestHeader {
  consumerGroup: string
  topic: string
  queueId: number
  commitOffset: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeUpdateConsumerOffsetRequestHeader(ext: ExtFields): UpdateConsumerOffsetRequestHeader {
  return {
    consumerGroup: requiredString(ext, 'consumerGroup'),
    topic: requiredString(ext, 'topic'),
    queueId: requiredInt(ext, 'queueId'),
    commitOffset: requiredLong(ext, 'commitOffset'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeUpdateConsumerOffsetRequestHeader(h: UpdateConsumerOffsetRequestHeader): Record<string, string> {
  return toExtFields({
    consumerGroup: h.consumerGroup,
    topic: h.topic,
    queueId: h.queueId,
    commitOffset: h.commitOffset,
  })
}
