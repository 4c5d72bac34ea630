/**
 * GetProducerConnectionListRequestHeader (common/protocol/header/GetProducerConnectionListRequestHeader.java): extFields
 * of GET_PRODUCER_CONNECTION_LIST (204).
 *
 *   producerGroup*      (* = required)
 */
import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** GetProducerConnectionListRequestHeader as an object. */
export interface GetProducerConnectionListRequestHeader {
  producerGroup: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetProducerConnectionListRequestHeader(ext: ExtFields): GetProducerConnectionListRequestHeader {
  const h: GetProducerConnectionListRequestHeader = {
    producerGroup: requiredString(ext, 'producerGroup'),
  }
  return h
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetProducerConnectionListRequestHeader(h: GetProducerConnectionListRequestHeader): Record<string, string> {
  return toExtFields({producerGroup: h.producerGroup})
}
