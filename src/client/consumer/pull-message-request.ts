/**
 * PULL_MESSAGE (11) as a push consumer's pull loop sends and reads it (PullAPIWrapper.pullKernelImpl /
 * processPullResult, MQClientAPIImpl.processPullResponse). Pure: request in, result out.
 *
 * Response code → status: 0 FOUND, 19 NO_NEW_MSG, 20 NO_MATCHED_MSG, 21 OFFSET_ILLEGAL; anything else
 * is an error. The four header offsets come with every status.
 *
 * mqlab's pulls always carry the subscription (SUBSCRIPTION bit, as ali-ons sends), so a broker that
 * has not yet processed this client's heartbeat still filters correctly, and never the COMMIT_OFFSET
 * bit: offsets are committed with UPDATE_CONSUMER_OFFSET only, so a long-held pull carrying an older
 * offset can never land after a newer commit.
 */
import {decodeMessages, type MessageExt} from '../../../runtime/message/message-decoder.js'
import {buildPullSysFlag} from '../../../runtime/message/pull-sys-flag.js'
import type {SubscriptionData} from '../../../runtime/remoting/body/subscription-data.js'
import {encodePullMessageRequestHeader} from '../../../runtime/remoting/header/pull-message-request-header.js'
import {decodePullMessageResponseHeader} from '../../../runtime/remoting/header/pull-message-response-header.js'
import {createRequest, type RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MQBrokerError} from '../client-errors.js'
import type {MessageQueue} from '../route/message-queue.js'

/** RocketMQ's PullStatus. */
export type PullStatus = 'FOUND' | 'NO_NEW_MSG' | 'NO_MATCHED_MSG' | 'OFFSET_ILLEGAL'

/** A decoded pull response. */
export interface PullResult {
  status: PullStatus
  nextBeginOffset: number
  minOffset: number
  maxOffset: number
  suggestWhichBrokerId: number
  /** The records of a FOUND response, before the client's tag re-check. */
  messages: MessageExt[]
}

/** The broker's long-poll hold the client asks for (DefaultMQPushConsumerImpl BROKER_SUSPEND_MAX_TIME_MILLIS). */
export const BROKER_SUSPEND_MAX_TIME_MILLIS = 15_000
/** Messages per pull (DefaultMQPushConsumer.pullBatchSize). */
export const DEFAULT_PULL_BATCH_SIZE = 32

/** Builds a pull of `maxMsgNums` from `offset`; `suspendMs` > 0 lets the broker hold it that long. */
export function buildPullMessageRequest(
  group: string,
  mq: MessageQueue,
  offset: number,
  sub: SubscriptionData,
  options: {maxMsgNums: number; suspendMs: number},
): RemotingCommand {
  const suspend = options.suspendMs > 0
  const header = encodePullMessageRequestHeader({
    consumerGroup: group,
    topic: mq.topic,
    queueId: mq.queueId,
    queueOffset: offset,
    maxMsgNums: options.maxMsgNums,
    sysFlag: buildPullSysFlag(false, suspend, true),
    commitOffset: 0,
    suspendTimeoutMillis: suspend ? Math.floor(options.suspendMs) : 0,
    subVersion: sub.subVersion,
    subscription: sub.subString,
    expressionType: sub.expressionType,
    bname: mq.brokerName,
  })
  return createRequest(RequestCode.PULL_MESSAGE, header)
}

/**
 * How long to let the broker hold a pull: 15 s, or less when the caller's deadline is nearer
 * (0 = do not suspend). A little is kept back so the answer arrives before the deadline.
 */
export function suspendTimeFor(remainingMs: number, marginMs = 100): number {
  const usable = Math.floor(remainingMs - marginMs)
  if (usable < marginMs) return 0
  return Math.min(BROKER_SUSPEND_MAX_TIME_MILLIS, usable)
}

/** Reads a pull response; throws MQBrokerError for codes other than 0/19/20/21. */
export function processPullResponse(response: RemotingCommand, addr: string): PullResult {
  let status: PullStatus
  switch (response.code) {
    case ResponseCode.SUCCESS:
      status = 'FOUND'
      break
    case ResponseCode.PULL_NOT_FOUND:
      status = 'NO_NEW_MSG'
      break
    case ResponseCode.PULL_RETRY_IMMEDIATELY:
      status = 'NO_MATCHED_MSG'
      break
    case ResponseCode.PULL_OFFSET_MOVED:
      status = 'OFFSET_ILLEGAL'
      break
    default:
      throw new MQBrokerError(response.code, response.remark, addr)
  }
  const header = decodePullMessageResponseHeader(response.extFields)
  const messages = status === 'FOUND' && response.body !== undefined ? decodeMessages(response.body) : []
  return {status, ...header, messages}
}
