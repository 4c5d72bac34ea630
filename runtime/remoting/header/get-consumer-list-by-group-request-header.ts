/**
 * GetConsumerListByGroupRequestHeader (common/protocol/header/GetConsumerListByGroupRequestHeader.java):
 * extFields of GET_CONSUMER_LIST_BY_GROUP (38).
 *
 *   consumerGroup*      (* = required)
 */
import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** GetConsumerListByGroupRequestHeader as an object. */
export interface GetConsumerListByGroupRequestHeader {
  consumerGroup: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetConsumerListByGroupRequestHeader(ext: ExtFields): GetConsumerListByGroupRequestHeader {
  return {
    consumerGroup: requiredString(ext, 'consumerGroup'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetConsumerListByGroupRequestHeader(h: GetConsumerListByGroupRequestHeader): Record<string, string> {
  return toExtFields({consumerGroup: h.consumerGroup})
}
