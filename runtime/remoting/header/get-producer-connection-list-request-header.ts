/**
 * GetProducerConnectionListRequestHeader (common/protocol/header/GetProducerConnectionListRequestHeader.java): extFields
 * of GET_PRODUCER_CONNECTION_LIST (204).
 *
 *   producerGroup*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** GetProducerConnectionListRequestHeader as an object. */
export interface GetProducerConnectionListRequestHeader {
  producerGroup: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetProducerConnectionListRequestHeader>({producerGroup: 'string'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeGetProducerConnectionListRequestHeader: (ext: ExtFields) => GetProducerConnectionListRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeGetProducerConnectionListRequestHeader: (h: GetProducerConnectionListRequestHeader) => Record<string, string> = codec.encode
