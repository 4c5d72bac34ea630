/**
 * SendMessageResponseHeader (common/protocol/header/SendMessageResponseHeader.java): extFields of a send
 * response: msgId* (offset msg id; comma-joined for a batch), queueId*, queueOffset*, transactionId.
 * The broker adds MSG_REGION and TRACE_ON next to them (SendMessageProcessor.preSend); Java clients
 * read MSG_REGION, so extFields must be present even on errors.
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** A send response's header. */
export interface SendMessageResponseHeader {
  msgId: string
  queueId: number
  queueOffset: number
  transactionId?: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<SendMessageResponseHeader>({msgId: 'string', queueId: 'int', queueOffset: 'long', transactionId: 'string?'})

/** Decodes a send response's extFields. */
export const decodeSendMessageResponseHeader: (ext: ExtFields) => SendMessageResponseHeader = codec.decode

/** Encodes a send response's extFields. */
export const encodeSendMessageResponseHeader: (h: SendMessageResponseHeader) => Record<string, string> = codec.encode
