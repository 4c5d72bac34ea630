/**
 * The broker's read-only admin views (AdminBrokerProcessor): topic offsets per queue, a group's
 * progress, the system topics, which groups consume a topic, and one stats item's windows. Masters and
 * slaves answer alike, each from its own store — what `mqadmin topicStatus / consumerProgress /
 * topicClusterList / statsAll` and the dashboard ask.
 */
import {encodeBrokerStatsData} from '../../remoting/body/broker-stats-data.js'
import {encodeConsumeStats, type ConsumeStats} from '../../remoting/body/consume-stats.js'
import {encodeGroupList} from '../../remoting/body/group-list.js'
import {encodeTopicList} from '../../remoting/body/topic-list.js'
import {encodeTopicStatsTable, type TopicStatsTable} from '../../remoting/body/topic-stats-table.js'
import {decodeGetConsumeStatsRequestHeader} from '../../remoting/header/get-consume-stats-request-header.js'
import {decodeGetTopicStatsInfoRequestHeader} from '../../remoting/header/get-topic-stats-info-request-header.js'
import {decodeQueryTopicConsumeByWhoRequestHeader} from '../../remoting/header/query-topic-consume-by-who-request-header.js'
import {decodeViewBrokerStatsDataRequestHeader} from '../../remoting/header/view-broker-stats-data-request-header.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {MessageStore} from '../../store/message-store.js'
import {recordStoreTimestamp} from '../../store/index/query-message.js'
import type {BrokerContext} from '../broker-context.js'
import {getSystemTopicSet} from '../topic/topic-validator.js'

/** DefaultMessageStore.getMessageStoreTimeStamp: store time of the message at a queue offset, -1 when none. */
export async function getMessageStoreTimeStamp(store: MessageStore, topic: string, queueId: number, queueOffset: number): Promise<number> {
  const phy = await store.getCommitLogOffsetInQueue(topic, queueId, queueOffset)
  if (phy < 0) return -1
  const record = await store.lookMessageByOffset(phy).catch(() => undefined)
  return record && record.length >= 64 ? recordStoreTimestamp(record) : -1
}

/** GET_TOPIC_STATS_INFO (202): per write queue, min/max offset and the last message's store time. */
export async function processGetTopicStatsInfo(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const {topic} = decodeGetTopicStatsInfoRequestHeader(request.extFields)
  const tc = ctx.topicConfigManager.selectTopicConfig(topic)
  if (!tc) return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, `topic[${topic}] not exist`)
  const table: TopicStatsTable = []
  for (let i = 0; i < tc.writeQueueNums; i++) {
    const min = Math.max(0, ctx.store.getMinOffsetInQueue(topic, i))
    const max = Math.max(0, ctx.store.getMaxOffsetInQueue(topic, i))
    const lastUpdateTimestamp = max > 0 ? await getMessageStoreTimeStamp(ctx.store, topic, i, max - 1) : 0
    table.push([
      {topic, brokerName: ctx.config.brokerName, queueId: i},
      {minOffset: min, maxOffset: max, lastUpdateTimestamp},
    ])
  }
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeTopicStatsTable(table))
}

/**
 * GET_CONSUME_STATS (208): per read queue of the group's topics (one topic, or every topic it committed
 * offsets on), the broker's max offset and the group's offset; topics the online group does not
 * subscribe are left out, as in RocketMQ.
 */
export async function processGetConsumeStats(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const h = decodeGetConsumeStatsRequestHeader(request.extFields)
  const group = h.consumerGroup
  const topics = h.topic === undefined || h.topic.trim() === '' ? ctx.consumerOffsetManager.whichTopicByConsumer(group) : new Set([h.topic])
  const stats: ConsumeStats = {offsetTable: [], consumeTps: 0}
  const online = ctx.consumerManager.getConsumerGroupInfo(group)
  for (const topic of [...topics].sort()) {
    const tc = ctx.topicConfigManager.selectTopicConfig(topic)
    if (!tc) continue
    if (online && online.subscriptions.size > 0 && !online.subscriptions.has(topic)) continue
    for (let i = 0; i < tc.readQueueNums; i++) {
      const brokerOffset = Math.max(0, ctx.store.getMaxOffsetInQueue(topic, i))
      const consumerOffset = Math.max(0, ctx.consumerOffsetManager.queryOffset(group, topic, i))
      let lastTimestamp = 0
      if (consumerOffset - 1 >= 0) {
        const t = await getMessageStoreTimeStamp(ctx.store, topic, i, consumerOffset - 1)
        if (t > 0) lastTimestamp = t
      }
      stats.offsetTable.push([
        {topic, brokerName: ctx.config.brokerName, queueId: i},
        {brokerOffset, consumerOffset, lastTimestamp},
      ])
    }
    stats.consumeTps += ctx.stats.table.tpsGroupGetNums(group, topic)
  }
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeConsumeStats(stats))
}

/** GET_SYSTEM_TOPIC_LIST_FROM_BROKER (305): TopicValidator's system topics as a TopicList. */
export function processGetSystemTopicListFromBroker(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const topicList = getSystemTopicSet(ctx.topicConfigManager.brokerSystemTopics)
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeTopicList({topicList}))
}

/** QUERY_TOPIC_CONSUME_BY_WHO (300): groups online on the topic plus groups with offsets on it. */
export function processQueryTopicConsumeByWho(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const {topic} = decodeQueryTopicConsumeByWhoRequestHeader(request.extFields)
  const groups = new Set([...ctx.consumerManager.queryTopicConsumeByWho(topic), ...ctx.consumerOffsetManager.whichGroupByTopic(topic)])
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeGroupList(groups))
}

/** VIEW_BROKER_STATS_DATA (315): one stats item's minute, hour and day windows. */
export function processViewBrokerStatsData(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const h = decodeViewBrokerStatsDataRequestHeader(request.extFields)
  const item = ctx.stats.table.getStatsItem(h.statsName, h.statsKey)
  if (!item) return createResponse(request, ResponseCode.SYSTEM_ERROR, `The stats <${h.statsName}> <${h.statsKey}> not exist`)
  const body = encodeBrokerStatsData({statsMinute: item.window('minute'), statsHour: item.window('hour'), statsDay: item.window('day')})
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, body)
}
