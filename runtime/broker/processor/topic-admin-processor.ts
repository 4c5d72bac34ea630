import {newTopicConfig} from '../../remoting/body/topic-config.js'
import {encodeTopicConfigSerializeWrapper} from '../../remoting/body/topic-config-serialize-wrapper.js'
import {decodeCreateTopicRequestHeader} from '../../remoting/header/create-topic-request-header.js'
import {decodeDeleteTopicRequestHeader} from '../../remoting/header/delete-topic-request-header.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'
import {isSystemTopic, validateTopic} from '../topic/topic-validator.js'

/** Remark of admin changes refused on a slave (AdminBrokerProcessor.validateSlave). */
export const SLAVE_REFUSES_CHANGES = "Can't modify topic or subscription group from slave broker, please execute it from master broker."

/**
 * UPDATE_AND_CREATE_TOPIC (17) (AdminBrokerProcessor.updateAndCreateTopic): creates or replaces a topic
 * and registers with the name servers at once, so clients find its route. Refused on a slave, for an
 * invalid name, or for a system topic.
 */
export function processUpdateAndCreateTopic(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  if (ctx.config.brokerRole === 'SLAVE') return createResponse(request, ResponseCode.SYSTEM_ERROR, SLAVE_REFUSES_CHANGES)
  const h = decodeCreateTopicRequestHeader(request.extFields)
  ctx.logger.info(`updateAndCreateTopic ${h.topic} called by ${connection.remoteAddress}`)
  const invalid = validateTopic(h.topic)
  if (invalid) return createResponse(request, ResponseCode.SYSTEM_ERROR, invalid)
  if (isSystemTopic(h.topic, ctx.topicConfigManager.brokerSystemTopics)) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, `The topic[${h.topic}] is conflict with system topic.`)
  }
  if (h.readQueueNums < 0 || h.writeQueueNums < 0 || h.perm < 0 || h.perm > 15) {
    return createResponse(
      request,
      ResponseCode.SYSTEM_ERROR,
      `illegal topic config: readQueueNums=${h.readQueueNums} writeQueueNums=${h.writeQueueNums} perm=${h.perm}`,
    )
  }
  ctx.topicConfigManager.updateTopicConfig(
    newTopicConfig(h.topic, {
      readQueueNums: h.readQueueNums,
      writeQueueNums: h.writeQueueNums,
      perm: h.perm,
      topicFilterType: h.topicFilterType === 'MULTI_TAG' ? 'MULTI_TAG' : 'SINGLE_TAG',
      topicSysFlag: h.topicSysFlag ?? 0,
    }),
  )
  return createResponse(request, ResponseCode.SUCCESS)
}

/** DELETE_TOPIC_IN_BROKER (215): forgets the topic and drops its consume queues and offsets. */
export async function processDeleteTopic(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  if (ctx.config.brokerRole === 'SLAVE') return createResponse(request, ResponseCode.SYSTEM_ERROR, SLAVE_REFUSES_CHANGES)
  const h = decodeDeleteTopicRequestHeader(request.extFields)
  ctx.logger.info(`deleteTopic ${h.topic} called by ${connection.remoteAddress}`)
  const invalid = validateTopic(h.topic)
  if (invalid) return createResponse(request, ResponseCode.SYSTEM_ERROR, invalid)
  if (isSystemTopic(h.topic, ctx.topicConfigManager.brokerSystemTopics)) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, `The topic[${h.topic}] is conflict with system topic.`)
  }
  ctx.topicConfigManager.deleteTopicConfig(h.topic)
  ctx.consumerOffsetManager.cleanOffsetByTopic(h.topic)
  await ctx.store.cleanUnusedTopics(new Set(ctx.topicConfigManager.topics().map((t) => t.topicName)))
  return createResponse(request, ResponseCode.SUCCESS)
}

/** GET_ALL_TOPIC_CONFIG (21): the TopicConfigSerializeWrapper JSON (what a slave syncs from its master). */
export function processGetAllTopicConfig(request: RemotingCommand, _connection: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const body = Buffer.from(encodeTopicConfigSerializeWrapper(ctx.topicConfigManager.buildSerializeWrapper()))
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, body)
}
