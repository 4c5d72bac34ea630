/**
 * When a failed send is tried again (DefaultMQProducerImpl.sendDefaultImpl, RocketMQ 4.9.8): up to
 * 1 + retryTimesWhenSendFailed attempts (default 2 retries) within one overall timeout (default
 * 3000 ms), each retry preferring another broker. Retried: transport failures (connect, timeout,
 * closed), a missing broker address, and broker answers whose code is in DefaultMQProducer's
 * retryResponseCodes {17, 14, 1, 16, 204, 205}. Any other broker answer ends the send at once.
 * Pure: the producer asks it what to do.
 */
import {RemotingError} from '../../../runtime/remoting/remoting-errors.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MQBrokerError, MQClientError} from '../client-errors.js'

/** DefaultMQProducer.retryResponseCodes. */
export const RETRY_RESPONSE_CODES: ReadonlySet<number> = new Set([
  ResponseCode.TOPIC_NOT_EXIST,
  ResponseCode.SERVICE_NOT_AVAILABLE,
  ResponseCode.SYSTEM_ERROR,
  ResponseCode.NO_PERMISSION,
  ResponseCode.NO_BUYER_ID,
  ResponseCode.NOT_IN_CURRENT_UNIT,
])

/** Producer retry settings (DefaultMQProducer's names and defaults). */
export interface SendRetryOptions {
  /** Retries after the first attempt (default 2). */
  retryTimesWhenSendFailed: number
  /** Overall budget for all attempts of one message, ms (default 3000). */
  sendMsgTimeout: number
}

/** DefaultMQProducer's defaults. */
export const DEFAULT_SEND_RETRY_OPTIONS: SendRetryOptions = {retryTimesWhenSendFailed: 2, sendMsgTimeout: 3000}

/** Whether an attempt that failed with `err` may be retried on another broker. */
export function isRetryableSendError(err: unknown): boolean {
  if (err instanceof MQBrokerError) return RETRY_RESPONSE_CODES.has(err.responseCode)
  if (err instanceof MQClientError) return err.code === 'BROKER_NOT_FOUND'
  return err instanceof RemotingError
}

/** Whether a failure is a transport failure, after which mqlab refreshes the topic route at once. */
export function isConnectionFailure(err: unknown): boolean {
  return err instanceof RemotingError
}

/** What to do after attempt number `attempt` (0-based) failed with `err`, `elapsedMs` after the first began. */
export function nextSendStep(attempt: number, err: unknown, elapsedMs: number, options: SendRetryOptions): 'retry' | 'give-up' | 'timeout' {
  if (!isRetryableSendError(err)) return 'give-up'
  if (attempt + 1 >= 1 + options.retryTimesWhenSendFailed) return 'give-up'
  if (elapsedMs > options.sendMsgTimeout) return 'timeout'
  return 'retry'
}
