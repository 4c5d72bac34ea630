/**
 * GetBrokerConfigResponseHeader (common/protocol/header/GetBrokerConfigResponseHeader.java): extFields of
 * a GET_BROKER_CONFIG response: `version` is the DataVersion as JSON text.
 *
 *   version*      (* = required)
 */
import {headerCodec} from './header-fields.js'

/** GetBrokerConfigResponseHeader as an object. */
export interface GetBrokerConfigResponseHeader {
  version: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetBrokerConfigResponseHeader>({version: 'string'})

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeGetBrokerConfigResponseHeader: (h: GetBrokerConfigResponseHeader) => Record<string, string> = codec.encode
