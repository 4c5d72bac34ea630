import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {SendMessageRequestHeader} from '../../remoting/header/send-message-request-header.js'
import type {TopicConfig} from '../../remoting/body/topic-config.js'
import type {BrokerContext} from '../broker-context.js'
import {isWriteable, PermName} from '../topic/perm-name.js'
import {getDLQTopic, isNotAllowedSendTopic, RETRY_GROUP_TOPIC_PREFIX, validateTopic} from '../topic/topic-validator.js'

/** A send refused before reaching the store: the response code and remark. */
export interface SendRefusal {
  code: number
  remark: string
}

/** One DLQ queue per group (SendMessageProcessor.DLQ_NUMS_PER_GROUP). */
export const DLQ_NUMS_PER_GROUP = 1

/** MQVersion V3_4_9: from this client version on the header's maxReconsumeTimes is honoured. */
export const V3_4_9 = 121

/** Topic sys flag bits (TopicSysFlag.buildSysFlag(unit, hasUnitSub)). */
function topicSysFlag(unit: boolean, hasUnitSub: boolean): number {
  return (unit ? 1 : 0) | (hasUnitSub ? 2 : 0)
}

/** A uniformly random queue id below `n` (n > 0). */
export function randomQueueId(n: number): number {
  return Math.floor(Math.random() * 99_999_999) % n
}

/**
 * The checks of AbstractSendMessageProcessor.msgCheck, in RocketMQ's order: a broker without write
 * permission refuses order topics; the topic name must be valid and not a send-forbidden system topic;
 * an unknown topic is auto-created from `defaultTopic` (TBW102) when allowed, a retry topic with one
 * queue, otherwise TOPIC_NOT_EXIST; the queue id must be below max(read, write) queues.
 * Returns the topic's config, or why the send is refused.
 */
export function msgCheck(ctx: BrokerContext, h: SendMessageRequestHeader, connection: RemotingConnection): {topicConfig: TopicConfig} | SendRefusal {
  const {config, topicConfigManager} = ctx
  if (!isWriteable(config.brokerPermission) && topicConfigManager.isOrderTopic(h.topic)) {
    return {code: ResponseCode.NO_PERMISSION, remark: `the broker[${config.brokerIP1}] sending message is forbidden`}
  }
  const invalid = validateTopic(h.topic)
  if (invalid) return {code: ResponseCode.SYSTEM_ERROR, remark: invalid}
  if (isNotAllowedSendTopic(h.topic)) {
    return {code: ResponseCode.NO_PERMISSION, remark: `Sending message to topic[${h.topic}] is forbidden.`}
  }
  let topicConfig = topicConfigManager.selectTopicConfig(h.topic)
  if (!topicConfig) {
    const isRetry = h.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)
    const sysFlag = h.unitMode ? (isRetry ? topicSysFlag(false, true) : topicSysFlag(true, false)) : 0
    ctx.logger.warn(`the topic ${h.topic} not exist, producer: ${connection.remoteAddress}`)
    topicConfig = topicConfigManager.createTopicInSendMessageMethod(h.topic, h.defaultTopic, connection.remoteAddress, h.defaultTopicQueueNums, sysFlag)
    if (!topicConfig && isRetry) {
      topicConfig = topicConfigManager.createTopicInSendMessageBackMethod(h.topic, 1, PermName.WRITE | PermName.READ, sysFlag)
    }
    if (!topicConfig) {
      return {
        code: ResponseCode.TOPIC_NOT_EXIST,
        remark: `topic[${h.topic}] not exist, apply first please! (autoCreateTopicEnable=${config.autoCreateTopicEnable})`,
      }
    }
  }
  const idValid = Math.max(topicConfig.writeQueueNums, topicConfig.readQueueNums)
  if (h.queueId >= idValid) {
    return {
      code: ResponseCode.SYSTEM_ERROR,
      remark: `request queueId[${h.queueId}] is illegal, topic ${topicConfig.topicName} has ${topicConfig.readQueueNums} read and ${topicConfig.writeQueueNums} write queues Producer: ${connection.remoteAddress}`,
    }
  }
  return {topicConfig}
}

/**
 * SendMessageProcessor.handleRetryAndDLQ: a message sent to `%RETRY%group` that has already been
 * reconsumed the maximum number of times goes to `%DLQ%group` instead. Returns the topic and queue to
 * store into, or why the send is refused.
 */
export function handleRetryAndDLQ(
  ctx: BrokerContext,
  h: SendMessageRequestHeader,
  requestVersion: number,
  topic: string,
  queueId: number,
): {topic: string; queueId: number; toDLQ: boolean} | SendRefusal {
  if (!topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) return {topic, queueId, toDLQ: false}
  const group = topic.slice(RETRY_GROUP_TOPIC_PREFIX.length)
  const groupConfig = ctx.subscriptionGroupManager.findSubscriptionGroupConfig(group)
  if (!groupConfig) return {code: ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, remark: `subscription group not exist, ${group}`}
  let maxReconsumeTimes = groupConfig.retryMaxTimes
  if (requestVersion >= V3_4_9 && h.maxReconsumeTimes !== undefined) maxReconsumeTimes = h.maxReconsumeTimes
  const reconsumeTimes = h.reconsumeTimes ?? 0
  if (reconsumeTimes < maxReconsumeTimes) return {topic, queueId, toDLQ: false}
  const dlq = getDLQTopic(group)
  ctx.topicConfigManager.createTopicInSendMessageBackMethod(dlq, DLQ_NUMS_PER_GROUP, PermName.WRITE | PermName.READ, 0)
  return {topic: dlq, queueId: randomQueueId(DLQ_NUMS_PER_GROUP), toDLQ: true}
}

/** Whether a check result is a refusal. */
export function isRefusal(x: object): x is SendRefusal {
  return 'code' in x
}
