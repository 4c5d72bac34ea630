/**
 * UpdateConsumerOffsetRequestHeader (common/protocol/header/UpdateConsumerOffsetRequestHeader.java):
 * extFields of UPDATE_CONSUMER_OFFSET (15); Java sends it oneway, ali-ons without the oneway bit.
 *
 *   consumerGroup* topic* queueId* commitOffset*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** UpdateConsumerOffsetRequestHeader as an object. */
export interface UpdateConsumerOffsetRequestHeader {
  consumerGroup: string
  topic: string
  queueId: number
  commitOffset: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<UpdateConsumerOffsetRequestHeader>({consumerGroup: 'string', topic: 'string', queueId: 'int', commitOffset: 'long'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeUpdateConsumerOffsetRequestHeader: (ext: ExtFields) => UpdateConsumerOffsetRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeUpdateConsumerOffsetRequestHeader: (h: UpdateConsumerOffsetRequestHeader) => Record<string, string> = codec.encode
