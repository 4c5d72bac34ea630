import {MessageConst} from '../../message/message-const.js'
import {decodeMessage} from '../../message/message-decoder.js'
import type {MessageExtBrokerInner} from '../../message/message-ext-broker-inner.js'
import {encodeMessageProperties} from '../../message/message-properties.js'
import {tagsString2tagsCode} from '../../message/tags-code.js'
import {decodeConsumerSendMsgBackRequestHeader} from '../../remoting/header/consumer-send-msg-back-request-header.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'
import {toScheduledMessage} from '../schedule/delay-message.js'
import {isWriteable, PermName} from '../topic/perm-name.js'
import {getDLQTopic, getRetryTopic} from '../topic/topic-validator.js'
import {DLQ_NUMS_PER_GROUP, randomQueueId, V3_4_9} from './send-message-check.js'

/**
 * CONSUMER_SEND_MSG_BACK (36) (SendMessageProcessor.asyncConsumerSendMsgBack): a consumer failed a
 * message; the broker looks it up by commitlog offset and stores a copy with reconsumeTimes + 1 in
 * `%RETRY%group` — delayed by level `delayLevel`, or 3 + reconsumeTimes when 0 (10 s, 30 s, 1 min …) —
 * or in `%DLQ%group` once reconsumeTimes reaches the maximum or when delayLevel < 0.
 */
export async function processConsumerSendMsgBack(request: RemotingCommand, _connection: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const h = decodeConsumerSendMsgBackRequestHeader(request.extFields)
  const answer = (code: number, remark?: string) => createResponse(request, code, remark)
  const groupConfig = ctx.subscriptionGroupManager.findSubscriptionGroupConfig(h.group)
  if (!groupConfig) return answer(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `subscription group not exist, ${h.group}`)
  if (!isWriteable(ctx.config.brokerPermission)) {
    return answer(ResponseCode.NO_PERMISSION, `the broker[${ctx.config.brokerIP1}] sending message is forbidden`)
  }
  if (groupConfig.retryQueueNums <= 0) return answer(ResponseCode.SUCCESS)
  if (ctx.config.brokerRole === 'SLAVE') {
    return answer(ResponseCode.SERVICE_NOT_AVAILABLE, 'service not available now: messages are put to the slave')
  }

  let topic = getRetryTopic(h.group)
  let queueId = randomQueueId(groupConfig.retryQueueNums)
  const sysFlag = h.unitMode ? 2 : 0
  let topicConfig = ctx.topicConfigManager.createTopicInSendMessageBackMethod(topic, groupConfig.retryQueueNums, PermName.WRITE | PermName.READ, sysFlag)
  if (!isWriteable(topicConfig.perm)) return answer(ResponseCode.NO_PERMISSION, `the topic[${topic}] sending message is forbidden`)

  const record = await ctx.store.lookMessageByOffset(h.offset)
  if (!record) return answer(ResponseCode.SYSTEM_ERROR, `look message by offset failed, ${h.offset}`)
  const msg = decodeMessage(record)
  const properties = {...msg.properties}
  if (properties[MessageConst.RETRY_TOPIC] === undefined) properties[MessageConst.RETRY_TOPIC] = msg.topic

  let maxReconsumeTimes = groupConfig.retryMaxTimes
  if (request.version >= V3_4_9 && h.maxReconsumeTimes !== undefined) maxReconsumeTimes = h.maxReconsumeTimes
  let delayLevel = h.delayLevel
  if (msg.reconsumeTimes >= maxReconsumeTimes || delayLevel < 0) {
    topic = getDLQTopic(h.group)
    queueId = randomQueueId(DLQ_NUMS_PER_GROUP)
    topicConfig = ctx.topicConfigManager.createTopicInSendMessageBackMethod(topic, DLQ_NUMS_PER_GROUP, PermName.WRITE | PermName.READ, 0)
    delete properties[MessageConst.DELAY]
  } else {
    if (delayLevel === 0) delayLevel = 3 + msg.reconsumeTimes
    properties[MessageConst.DELAY] = String(delayLevel)
  }
  if (!properties[MessageConst.ORIGIN_MESSAGE_ID]) properties[MessageConst.ORIGIN_MESSAGE_ID] = msg.msgId
  delete properties[MessageConst.WAIT]

  const inner: MessageExtBrokerInner = {
    topic,
    queueId,
    flag: msg.flag,
    body: msg.body,
    propertiesString: encodeMessageProperties(properties),
    sysFlag: msg.sysFlag,
    bornTimestamp: msg.bornTimestamp,
    bornHost: msg.bornHost,
    storeHost: msg.storeHost,
    reconsumeTimes: msg.reconsumeTimes + 1,
    preparedTransactionOffset: 0,
    tagsCode: tagsString2tagsCode(properties[MessageConst.TAGS]),
  }
  const result = await ctx.store.putMessage(toScheduledMessage(inner, properties, ctx.scheduleMessageService.maxDelayLevel))
  if (result.status === 'PUT_OK') return answer(ResponseCode.SUCCESS)
  return answer(ResponseCode.SYSTEM_ERROR, result.status)
}
