/**
 * GetConsumerListByGroupRequestHeader (common/protocol/header/GetConsumerListByGroupRequestHeader.java):
 * extFields of GET_CONSUMER_LIST_BY_GROUP (38).
 *
 *   consumerGroup*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** GetConsumerListByGroupRequestHeader as an object. */
export interface GetConsumerListByGroupRequestHeader {
  consumerGroup: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetConsumerListByGroupRequestHeader>({consumerGroup: 'string'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeGetConsumerListByGroupRequestHeader: (ext: ExtFields) => GetConsumerListByGroupRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeGetConsumerListByGroupRequestHeader: (h: GetConsumerListByGroupRequestHeader) => Record<string, string> = codec.encode
