/**
 * Send response code → SendStatus (MQClientAPIImpl.processSendResponse, docs/rocketmq-facts.md §4 "Client view"): 0, 10, 12
 * and 11 mean the master stored the message and are results; any other code is an error.
 */
import {ResponseCode} from '../../../runtime/remoting/response-code.js'

/** RocketMQ's SendStatus. */
export type SendStatus = 'SEND_OK' | 'FLUSH_DISK_TIMEOUT' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE'

/** The SendStatus of a send response code, or undefined when the code is an error. */
export function sendStatusOf(code: number): SendStatus | undefined {
  switch (code) {
    case ResponseCode.SUCCESS:
      return 'SEND_OK'
    case ResponseCode.FLUSH_DISK_TIMEOUT:
      return 'FLUSH_DISK_TIMEOUT'
    case ResponseCode.FLUSH_SLAVE_TIMEOUT:
      return 'FLUSH_SLAVE_TIMEOUT'
    case ResponseCode.SLAVE_NOT_AVAILABLE:
      return 'SLAVE_NOT_AVAILABLE'
    default:
      return undefined
  }
}
