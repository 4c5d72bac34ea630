import {decodeHeartbeatData} from '../../remoting/body/heartbeat-data.js'
import {decodeUnregisterClientRequestHeader} from '../../remoting/header/unregister-client-request-header.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'
import type {ClientChannelInfo} from '../client/client-channel-info.js'
import {PermName} from '../topic/perm-name.js'
import {getRetryTopic} from '../topic/topic-validator.js'

/**
 * HEART_BEAT (34) (RocketMQ ClientManageProcessor.heartBeat): registers the client's consumer groups
 * (creating each group's `%RETRY%group` topic, which the broker registers with the name servers at once)
 * and producer groups. A body that is not a heartbeat is answered with SYSTEM_ERROR.
 */
export function processHeartbeat(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  let heartbeat
  try {
    heartbeat = decodeHeartbeatData(request.body)
  } catch (error) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, `bad heartbeat body: ${error instanceof Error ? error.message : String(error)}`)
  }
  const info: ClientChannelInfo = {
    channel: connection,
    clientId: heartbeat.clientID,
    language: request.language,
    version: request.version,
    lastUpdateTimestamp: ctx.clock(),
  }
  for (const data of heartbeat.consumerDataSet) {
    const groupConfig = ctx.subscriptionGroupManager.findSubscriptionGroupConfig(data.groupName)
    let notify = true
    if (groupConfig) {
      notify = groupConfig.notifyConsumerIdsChangedEnable
      ctx.topicConfigManager.createTopicInSendMessageBackMethod(
        getRetryTopic(data.groupName),
        groupConfig.retryQueueNums,
        PermName.WRITE | PermName.READ,
        data.unitMode ? 2 : 0,
      )
    }
    const changed = ctx.consumerManager.registerConsumer({
      group: data.groupName,
      info,
      consumeType: data.consumeType,
      messageModel: data.messageModel,
      consumeFromWhere: data.consumeFromWhere,
      subscriptions: data.subscriptionDataSet,
      notifyConsumerIdsChanged: notify,
    })
    if (changed) ctx.logger.info(`registerConsumer info changed, group ${data.groupName} client ${heartbeat.clientID} ${connection.remoteAddress}`)
  }
  for (const data of heartbeat.producerDataSet) ctx.producerManager.registerProducer(data.groupName, info)
  return createResponse(request, ResponseCode.SUCCESS)
}

/** UNREGISTER_CLIENT (35): the client leaves its producer and/or consumer group. */
export function processUnregisterClient(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const h = decodeUnregisterClientRequestHeader(request.extFields)
  if (h.producerGroup !== undefined) ctx.producerManager.unregisterProducer(h.producerGroup, connection)
  if (h.consumerGroup !== undefined) {
    const groupConfig = ctx.subscriptionGroupManager.findSubscriptionGroupConfig(h.consumerGroup)
    ctx.consumerManager.unregisterConsumer(h.consumerGroup, connection, groupConfig?.notifyConsumerIdsChangedEnable ?? true)
  }
  return createResponse(request, ResponseCode.SUCCESS)
}

/** CHECK_CLIENT_CONFIG (46): mqlab filters by tags only, so only TAG subscriptions are accepted. */
export function processCheckClientConfig(request: RemotingCommand, _connection: RemotingConnection, _ctx: BrokerContext): RemotingCommand {
  let expressionType: string | undefined
  try {
    const body = JSON.parse(request.body?.toString('utf8') ?? '{}') as {subscriptionData?: {expressionType?: string}}
    expressionType = body.subscriptionData?.expressionType
  } catch {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, 'bad CHECK_CLIENT_CONFIG body')
  }
  if (expressionType !== undefined && expressionType !== 'TAG') {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, `The broker does not support consumer to filter message by ${expressionType}`)
  }
  return createResponse(request, ResponseCode.SUCCESS)
}
