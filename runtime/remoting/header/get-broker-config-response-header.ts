/**
 * GetBrokerConfigResponseHeader (common/protocol/header/GetBrokerConfigResponseHeader.java): extFields of
 * a GET_BROKER_CONFIG response: `version` is the DataVersion as JSON text.
 *
 *   version*      (* = required)
 */
import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** GetBrokerConfigResponseHeader as an object. */
export interface GetBrokerConfigResponseHeader {
  version: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetBrokerConfigResponseHeader(ext: ExtFields): GetBrokerConfigResponseHeader {
  return {
    version: requiredString(ext, 'version'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetBrokerConfigResponseHeader(h: GetBrokerConfigResponseHeader): Record<string, string> {
  return toExtFields({version: h.version})
}
