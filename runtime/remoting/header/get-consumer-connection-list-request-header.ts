/**
 * GetConsumerConnectionListRequestHeader (common/protocol/header/GetConsumerConnectionListRequestHeader.java): extFields
 * of GET_CONSUMER_CONNECTION_LIST (203).
 *
 *   consumerGroup*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** GetConsumerConnectionListRequestHeader as an object. */
export interface GetConsumerConnectionListRequestHeader {
  consumerGroup: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetConsumerConnectionListRequestHeader>({consumerGroup: 'string'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeGetConsumerConnectionListRequestHeader: (ext: ExtFields) => GetConsumerConnectionListRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeGetConsumerConnectionListRequestHeader: (h: GetConsumerConnectionListRequestHeader) => Record<string, string> = codec.encode
