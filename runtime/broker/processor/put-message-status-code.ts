import {ResponseCode} from '../../remoting/response-code.js'
import type {PutMessageStatus} from '../../store/message-store.js'

/** The response a send gets for a store outcome. */
export interface SendResponseStatus {
  code: number
  remark: string | undefined
  /** Whether the message was written, so the response carries msgId/queueId/queueOffset. */
  stored: boolean
}

/** Limits named in MESSAGE_ILLEGAL remarks. */
export interface MessageLimits {
  maxMessageSize: number
}

/**
 * PutMessageStatus → response code (RocketMQ SendMessageProcessor.handlePutMessageResult,
 * docs/rocketmq-facts.md §2.4). The three "stored but not fully safe" statuses answer with their own codes and still carry the
 * message id, because the message is in the commitlog.
 */
export function putMessageStatusToResponse(status: PutMessageStatus, limits: MessageLimits, storeRemark?: string): SendResponseStatus {
  switch (status) {
    case 'PUT_OK':
      return {code: ResponseCode.SUCCESS, remark: undefined, stored: true}
    case 'FLUSH_DISK_TIMEOUT':
      return {code: ResponseCode.FLUSH_DISK_TIMEOUT, remark: undefined, stored: true}
    case 'FLUSH_SLAVE_TIMEOUT':
      return {code: ResponseCode.FLUSH_SLAVE_TIMEOUT, remark: undefined, stored: true}
    case 'SLAVE_NOT_AVAILABLE':
      return {code: ResponseCode.SLAVE_NOT_AVAILABLE, remark: undefined, stored: true}
    case 'CREATE_MAPEDFILE_FAILED':
      return {code: ResponseCode.SYSTEM_ERROR, remark: 'create mapped file failed, server is busy or broken.', stored: false}
    case 'MESSAGE_ILLEGAL':
    case 'PROPERTIES_SIZE_EXCEEDED':
      // RocketMQ's remark, naming the configured limit; the store's detail (which limit was hit) follows.
      return {
        code: ResponseCode.MESSAGE_ILLEGAL,
        remark:
          `the message is illegal, maybe msg body or properties length not matched. msg body length limit ${limits.maxMessageSize}B, msg properties length limit 32KB.` +
          (storeRemark ? ` (${storeRemark})` : ''),
        stored: false,
      }
    case 'SERVICE_NOT_AVAILABLE':
      return {
        code: ResponseCode.SERVICE_NOT_AVAILABLE,
        remark:
          storeRemark ??
          "service not available now. It may be caused by one of the following reasons: the broker's disk is full, messages are put to the slave, message store has been shut down, etc.",
        stored: false,
      }
    case 'OS_PAGECACHE_BUSY':
      return {code: ResponseCode.SYSTEM_ERROR, remark: '[PC_SYNCHRONIZED]broker busy, start flow control for a while', stored: false}
    case 'UNKNOWN_ERROR':
      return {code: ResponseCode.SYSTEM_ERROR, remark: storeRemark ?? 'UNKNOWN_ERROR', stored: false}
    default:
      return {code: ResponseCode.SYSTEM_ERROR, remark: 'UNKNOWN_ERROR DEFAULT', stored: false}
  }
}
