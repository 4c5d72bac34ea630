import {hasCommitOffsetFlag, hasSubscriptionFlag, hasSuspendFlag} from '../../message/pull-sys-flag.js'
import {buildSubscriptionData, type SubscriptionData} from '../../remoting/body/subscription-data.js'
import {decodePullMessageRequestHeader, type PullMessageRequestHeader} from '../../remoting/header/pull-message-request-header.js'
import {encodePullMessageResponseHeader} from '../../remoting/header/pull-message-response-header.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {SubscriptionGroupConfig} from '../../remoting/body/subscription-group-config.js'
import type {BrokerContext} from '../broker-context.js'
import {buildTagMessageFilter, isTagType} from '../filter/expression-message-filter.js'
import {isReadable} from '../topic/perm-name.js'
import {getMessageStatusToResponseCode} from './get-message-status-code.js'

/** A check that failed before the store was asked. */
interface Refused {
  code: number
  remark: string
}

/**
 * PULL_MESSAGE (11) (RocketMQ PullMessageProcessor). Runs RocketMQ's checks in order, reads from the
 * store with the tag filter, and answers with all four header fields whatever the outcome. When nothing
 * is new and the consumer allows suspending, the pull is held (long polling) until a matching message
 * arrives or the suspend time ends, then run once more without suspending. With the COMMIT_OFFSET bit
 * the consumer's offset is stored first (not on a slave, not on the re-run).
 */
export async function processPullMessage(
  request: RemotingCommand,
  connection: RemotingConnection,
  ctx: BrokerContext,
  brokerAllowSuspend = true,
): Promise<RemotingCommand | undefined> {
  const h = decodePullMessageRequestHeader(request.extFields)
  const refuse = (r: Refused) => createResponse(request, r.code, r.remark)
  const {config} = ctx

  if (!isReadable(config.brokerPermission)) {
    return refuse({code: ResponseCode.NO_PERMISSION, remark: `the broker[${config.brokerIP1}] pulling message is forbidden`})
  }
  const groupConfig = ctx.subscriptionGroupManager.findSubscriptionGroupConfig(h.consumerGroup)
  if (!groupConfig) {
    return refuse({code: ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, remark: `subscription group [${h.consumerGroup}] does not exist`})
  }
  if (!groupConfig.consumeEnable) {
    return refuse({code: ResponseCode.NO_PERMISSION, remark: `subscription group no permission, ${h.consumerGroup}`})
  }
  const topicConfig = ctx.topicConfigManager.selectTopicConfig(h.topic)
  if (!topicConfig) {
    ctx.logger.warn(`the topic ${h.topic} not exist, consumer: ${connection.remoteAddress}`)
    return refuse({code: ResponseCode.TOPIC_NOT_EXIST, remark: `topic[${h.topic}] not exist, apply first please!`})
  }
  if (!isReadable(topicConfig.perm)) {
    return refuse({code: ResponseCode.NO_PERMISSION, remark: `the topic[${h.topic}] pulling message is forbidden`})
  }
  if (h.queueId < 0 || h.queueId >= topicConfig.readQueueNums) {
    return refuse({
      code: ResponseCode.SYSTEM_ERROR,
      remark: `queueId[${h.queueId}] is illegal, topic:[${h.topic}] topicConfig.readQueueNums:[${topicConfig.readQueueNums}] consumer:[${connection.remoteAddress}]`,
    })
  }
  const subscription = findSubscription(ctx, h, groupConfig)
  if ('code' in subscription) return refuse(subscription)
  if (!isTagType(subscription.expressionType)) {
    return refuse({code: ResponseCode.SYSTEM_ERROR, remark: `The broker does not support consumer to filter message by ${subscription.expressionType}`})
  }
  const filter = buildTagMessageFilter(subscription)

  const result = await ctx.store.getMessage(h.consumerGroup, h.topic, h.queueId, h.queueOffset, h.maxMsgNums, filter)
  let suggestWhichBrokerId = 0
  if (config.slaveReadEnable) {
    suggestWhichBrokerId = result.suggestPullingFromSlave ? groupConfig.whichBrokerWhenConsumeSlowly : groupConfig.brokerId
  }
  // On a SLAVE without slaveReadEnable RocketMQ first sets PULL_RETRY_IMMEDIATELY, but the status switch
  // overwrites it, so a slave still serves messages (suggesting the master) — kept as RocketMQ does.
  let code = getMessageStatusToResponseCode(result.status, h.queueOffset)
  const isSlave = config.brokerRole === 'SLAVE'
  if (code === ResponseCode.PULL_OFFSET_MOVED && isSlave && !config.offsetCheckInSlave) {
    suggestWhichBrokerId = groupConfig.brokerId
    code = ResponseCode.PULL_RETRY_IMMEDIATELY
  }
  if (code === ResponseCode.PULL_OFFSET_MOVED) {
    ctx.logger.info(
      `pull offset moved: group=${h.consumerGroup} topic=${h.topic} queueId=${h.queueId} requestOffset=${h.queueOffset} status=${result.status} next=${result.nextBeginOffset}`,
    )
  }

  if (brokerAllowSuspend && hasCommitOffsetFlag(h.sysFlag) && !isSlave) {
    ctx.consumerOffsetManager.commitOffset(connection.remoteAddress, h.consumerGroup, h.topic, h.queueId, h.commitOffset)
  }

  if (code === ResponseCode.PULL_NOT_FOUND && brokerAllowSuspend && hasSuspendFlag(h.sysFlag)) {
    const holdMs = config.longPollingEnable ? h.suspendTimeoutMillis : config.shortPollingTimeMills
    const outcome = await ctx.pullRequestHoldService.hold(h.topic, h.queueId, h.queueOffset, holdMs, filter)
    if (outcome === 'SHUTDOWN') return undefined
    return processPullMessage(request, connection, ctx, false)
  }

  const fields = encodePullMessageResponseHeader({
    suggestWhichBrokerId,
    nextBeginOffset: result.nextBeginOffset,
    minOffset: result.minOffset,
    maxOffset: result.maxOffset,
  })
  if (code === ResponseCode.SUCCESS) {
    ctx.stats.incGet(
      result.messages.length,
      h.topic,
      h.consumerGroup,
      result.messages.reduce((n, m) => n + m.length, 0),
    )
    return createResponse(request, code, result.status, fields, Buffer.concat(result.messages))
  }
  return createResponse(request, code, result.status, fields)
}

/** The subscription to filter with: from the request (SUBSCRIPTION bit) or from the group's heartbeats. */
function findSubscription(ctx: BrokerContext, h: PullMessageRequestHeader, groupConfig: SubscriptionGroupConfig): SubscriptionData | Refused {
  if (hasSubscriptionFlag(h.sysFlag)) {
    const sub = buildSubscriptionData(h.topic, h.subscription, h.subVersion)
    if (h.expressionType !== undefined && h.expressionType !== '') sub.expressionType = h.expressionType
    return sub
  }
  const group = ctx.consumerManager.getConsumerGroupInfo(h.consumerGroup)
  if (!group) return {code: ResponseCode.SUBSCRIPTION_NOT_EXIST, remark: "the consumer's group info not exist"}
  if (!groupConfig.consumeBroadcastEnable && group.messageModel === 'BROADCASTING') {
    return {code: ResponseCode.NO_PERMISSION, remark: `the consumer group[${h.consumerGroup}] can not consume by broadcast way`}
  }
  const sub = group.subscriptions.get(h.topic)
  if (!sub) return {code: ResponseCode.SUBSCRIPTION_NOT_EXIST, remark: "the consumer's subscription not exist"}
  if (sub.subVersion < h.subVersion) return {code: ResponseCode.SUBSCRIPTION_NOT_LATEST, remark: "the consumer's subscription not latest"}
  return sub
}
