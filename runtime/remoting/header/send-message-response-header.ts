/**
 * SendMessageResponseHeader (common/protocol/header/SendMessageResponseHeader.java): extFields of a send
 * response: msgId* (offset msg id; comma-joined for a batch), queueId*, queueOffset*, transactionId.
 * The broker adds MSG_REGION and TRACE_ON next to them (SendMessageProcessor.preSend); Java clients
 * read MSG_REGION, so extFields must be present even on errors.
 */
import {optionalString, requiredInt, requiredLong, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** A send response's header. */
export interface SendMessageResponseHeader {
  msgId: string
  queueId: number
  queueOffset: number
  transactionId?: string
}

/** Decodes a send response's extFields. */
export function decodeSendMessageResponseHeader(ext: ExtFields): SendMessageResponseHeader {
  return {
    msgId: requiredString(ext, 'msgId'),
    queueId: requiredInt(ext, 'queueId'),
    queueOffset: requiredLong(ext, 'queueOffset'),
    transactionId: optionalString(ext, 'transactionId'),
  }
}

/** Encodes a send response's extFields. */
export function encodeSendMessageResponseHeader(h: SendMessageResponseHeader): Record<string, string> {
  return toExtFields({
    msgId: h.msgId,
    queueId: h.queueId,
    queueOffset: h.queueOffset,
    transactionId: h.transactionId,
  })
}
