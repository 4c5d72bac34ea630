/**
 * GetConsumerConnectionListRequestHeader (common/protocol/header/GetConsumerConnectionListRequestHeader.java): extFields
 * of GET_CONSUMER_CONNECTION_LIST (203).
 *
 *   consumerGroup*      (* = required)
 */
import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** GetConsumerConnectionListRequestHeader as an object. */
export interface GetConsumerConnectionListRequestHeader {
  consumerGroup: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetConsumerConnectionListRequestHeader(ext: ExtFields): GetConsumerConnectionListRequestHeader {
  const h: GetConsumerConnectionListRequestHeader = {
    consumerGroup: requiredString(ext, 'consumerGroup'),
  }
  return h
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetConsumerConnectionListRequestHeader(h: GetConsumerConnectionListRequestHeader): Record<string, string> {
  return toExtFields({consumerGroup: h.consumerGroup})
}
