/**
 * INVOKE_BROKER_TO_RESET_OFFSET (222) (AdminBrokerProcessor.resetOffset → Broker2Client.resetOffset):
 * works out each write queue's new offset for the group — the queue's max offset for timestamp -1, else
 * the first offset stored at or after the timestamp; kept at the group's current offset unless forced
 * or earlier — and pushes it to every online client of the group as RESET_CONSUMER_CLIENT_OFFSET (220).
 * As in RocketMQ the broker itself commits nothing: the clients do. With no client online it answers
 * CONSUMER_NOT_ONLINE, and mqadmin (and mqlab) then commit the offsets directly.
 */
import {encodeResetOffsetBody, type ResetOffsetBody} from '../../remoting/body/reset-offset-body.js'
import {decodeResetOffsetRequestHeader, encodeResetOffsetRequestHeader} from '../../remoting/header/reset-offset-request-header.js'
import {createRequest, createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {RequestCode} from '../../remoting/request-code.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'

// MQVersion.Version.V3_0_7_SNAPSHOT.ordinal(): older clients cannot take a reset.
const V3_0_7_SNAPSHOT = 28

/** Answers a reset request. */
export async function processInvokeBrokerToResetOffset(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const h = decodeResetOffsetRequestHeader(request.extFields)
  ctx.logger.info(
    `[reset-offset] reset offset started by ${connection.remoteAddress}. topic=${h.topic}, group=${h.group}, timestamp=${h.timestamp}, isForce=${h.isForce}`,
  )
  const tc = ctx.topicConfigManager.selectTopicConfig(h.topic)
  if (!tc) return createResponse(request, ResponseCode.SYSTEM_ERROR, `[reset-offset] reset offset failed, no topic in this broker. topic=${h.topic}`)
  const table: ResetOffsetBody = []
  for (let i = 0; i < tc.writeQueueNums; i++) {
    const consumerOffset = ctx.consumerOffsetManager.queryOffset(h.group, h.topic, i)
    if (consumerOffset === -1) return createResponse(request, ResponseCode.SYSTEM_ERROR, `THe consumer group <${h.group}> not exist`)
    let target = h.timestamp === -1 ? ctx.store.getMaxOffsetInQueue(h.topic, i) : await ctx.store.getOffsetInQueueByTime(h.topic, i, h.timestamp)
    if (target < 0) target = 0
    table.push([{topic: h.topic, brokerName: ctx.config.brokerName, queueId: i}, h.isForce || target < consumerOffset ? target : consumerOffset])
  }
  const info = ctx.consumerManager.getConsumerGroupInfo(h.group)
  if (!info || info.channels.size === 0) {
    return createResponse(
      request,
      ResponseCode.CONSUMER_NOT_ONLINE,
      `Consumer not online, so can not reset offset, Group: ${h.group} Topic: ${h.topic} Timestamp: ${h.timestamp}`,
    )
  }
  const push = createRequest(
    RequestCode.RESET_CONSUMER_CLIENT_OFFSET,
    encodeResetOffsetRequestHeader({topic: h.topic, group: h.group, timestamp: h.timestamp, isForce: false}),
    encodeResetOffsetBody(table),
  )
  for (const client of info.channels.values()) {
    if (client.version < V3_0_7_SNAPSHOT)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, `the client does not support this feature. version=${client.version}`)
    try {
      client.channel.sendOneway(push)
      ctx.logger.info(`[reset-offset] reset offset success. topic=${h.topic}, group=${h.group}, clientId=${client.clientId}`)
    } catch (error) {
      ctx.logger.error(`[reset-offset] reset offset exception. topic=${h.topic}, group=${h.group}`, error)
    }
  }
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeResetOffsetBody(table))
}
