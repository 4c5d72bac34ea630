/**
 * UnregisterClientRequestHeader (common/protocol/header/UnregisterClientRequestHeader.java): extFields of
 * UNREGISTER_CLIENT (35): the client and the group(s) it leaves.
 *
 *   clientID* producerGroup consumerGroup      (* = required)
 */
import {optionalString, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** UnregisterClientRequestHeader as an object. */
export interface UnregisterClientRequestHeader {
  clientID: string
  producerGroup?: string
  consumerGroup?: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeUnregisterClientRequestHeader(ext: ExtFields): UnregisterClientRequestHeader {
  return {
    clientID: requiredString(ext, 'clientID'),
    producerGroup: optionalString(ext, 'producerGroup'),
    consumerGroup: optionalString(ext, 'consumerGroup'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeUnregisterClientRequestHeader(h: UnregisterClientRequestHeader): Record<string, string> {
  return toExtFields({clientID: h.clientID, producerGroup: h.producerGroup, consumerGroup: h.consumerGroup})
}
