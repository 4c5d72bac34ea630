import {ResponseCode} from '../../remoting/response-code.js'
import type {GetMessageStatus} from '../../store/message-store.js'

/**
 * GetMessageStatus → PULL_MESSAGE response code (RocketMQ PullMessageProcessor, docs/rocketmq-facts.md §2.5).
 * `requestOffset` matters for an empty or missing queue: asking for 0 there is "nothing yet" (19), any
 * other offset is a moved offset (21).
 */
export function getMessageStatusToResponseCode(status: GetMessageStatus, requestOffset: number): number {
  switch (status) {
    case 'FOUND':
      return ResponseCode.SUCCESS
    case 'MESSAGE_WAS_REMOVING':
    case 'NO_MATCHED_MESSAGE':
      return ResponseCode.PULL_RETRY_IMMEDIATELY
    case 'NO_MATCHED_LOGIC_QUEUE':
    case 'NO_MESSAGE_IN_QUEUE':
      return requestOffset !== 0 ? ResponseCode.PULL_OFFSET_MOVED : ResponseCode.PULL_NOT_FOUND
    case 'OFFSET_FOUND_NULL':
    case 'OFFSET_OVERFLOW_ONE':
      return ResponseCode.PULL_NOT_FOUND
    case 'OFFSET_OVERFLOW_BADLY':
    case 'OFFSET_TOO_SMALL':
      return ResponseCode.PULL_OFFSET_MOVED
    default:
      return ResponseCode.PULL_NOT_FOUND
  }
}
