/**
 * A clustering consumer's offsets live on the broker (RemoteBrokerOffsetStore) and the queue-offset
 * admin calls it needs (MQAdminImpl.maxOffset / searchOffset). Which broker: the master; when the route
 * shows none, the route is re-read and then any member of the group (a slave) is used — a slave accepts
 * offset commits and queries, so a consumer keeps its place while the master is down (docs/rocketmq-facts.md §5).
 *
 * queryConsumerOffset follows readOffset(READ_FROM_STORE): a broker error code (QUERY_NOT_FOUND for a
 * group that never committed) → -1; a transport failure → -2.
 */
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {encodeGetMaxOffsetRequestHeader} from '../../../runtime/remoting/header/get-max-offset-request-header.js'
import {decodeGetMaxOffsetResponseHeader} from '../../../runtime/remoting/header/get-max-offset-response-header.js'
import {encodeQueryConsumerOffsetRequestHeader} from '../../../runtime/remoting/header/query-consumer-offset-request-header.js'
import {decodeQueryConsumerOffsetResponseHeader} from '../../../runtime/remoting/header/query-consumer-offset-response-header.js'
import {encodeSearchOffsetRequestHeader} from '../../../runtime/remoting/header/search-offset-request-header.js'
import {decodeSearchOffsetResponseHeader} from '../../../runtime/remoting/header/search-offset-response-header.js'
import {encodeUpdateConsumerOffsetRequestHeader} from '../../../runtime/remoting/header/update-consumer-offset-request-header.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MQBrokerError, MQClientError} from '../client-errors.js'
import type {MQClientInstance} from '../mq-client-instance.js'
import type {FoundBroker} from '../route/broker-addr-table.js'
import type {MessageQueue} from '../route/message-queue.js'
import {MASTER_ID} from '../route/topic-route-view.js'

/** The master of the queue's group, else (after re-reading the route) any member. */
export async function findOffsetBroker(client: MQClientInstance, mq: MessageQueue): Promise<FoundBroker> {
  let found = client.brokerAddrTable.findBrokerAddressInSubscribe(mq.brokerName, MASTER_ID, true)
  if (found === undefined) {
    await client.updateTopicRoute(mq.topic).catch(() => undefined)
    found = client.brokerAddrTable.findBrokerAddressInSubscribe(mq.brokerName, MASTER_ID, false)
  }
  if (found === undefined) throw new MQClientError('BROKER_NOT_FOUND', `The broker[${mq.brokerName}] not exist`)
  return found
}

/** The group's committed offset of a queue: >= 0, -1 when none is stored, -2 when the query failed. */
export async function queryConsumerOffset(client: MQClientInstance, group: string, mq: MessageQueue): Promise<number> {
  try {
    const broker = await findOffsetBroker(client, mq)
    const header = encodeQueryConsumerOffsetRequestHeader({consumerGroup: group, topic: mq.topic, queueId: mq.queueId})
    const response = await client.remoting.invoke(broker.addr, createRequest(RequestCode.QUERY_CONSUMER_OFFSET, header), client.requestTimeoutMs)
    if (response.code !== ResponseCode.SUCCESS) return -1
    return decodeQueryConsumerOffsetResponseHeader(response.extFields).offset
  } catch (err) {
    client.logger.warn(`query consumer offset of ${mq.topic}/${mq.brokerName}/${mq.queueId} failed: ${String(err)}`)
    return -2
  }
}

/** Commits `offset` (the next offset to consume) for the group; rejects when the broker refuses or cannot be reached. */
export async function updateConsumerOffset(client: MQClientInstance, group: string, mq: MessageQueue, offset: number): Promise<FoundBroker> {
  const broker = await findOffsetBroker(client, mq)
  const header = encodeUpdateConsumerOffsetRequestHeader({consumerGroup: group, topic: mq.topic, queueId: mq.queueId, commitOffset: offset})
  const response = await client.remoting.invoke(broker.addr, createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, header), client.requestTimeoutMs)
  if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(response.code, response.remark, broker.addr)
  return broker
}

/** The queue's max offset (the next index to be written), from the master, else any member. */
export async function getMaxOffset(client: MQClientInstance, mq: MessageQueue): Promise<number> {
  const broker = await findOffsetBroker(client, mq)
  const header = encodeGetMaxOffsetRequestHeader({topic: mq.topic, queueId: mq.queueId})
  const response = await client.remoting.invoke(broker.addr, createRequest(RequestCode.GET_MAX_OFFSET, header), client.requestTimeoutMs)
  if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(response.code, response.remark, broker.addr)
  return decodeGetMaxOffsetResponseHeader(response.extFields).offset
}

/** The first offset stored at or after `timestamp` (ms). */
export async function searchOffset(client: MQClientInstance, mq: MessageQueue, timestamp: number): Promise<number> {
  const broker = await findOffsetBroker(client, mq)
  const header = encodeSearchOffsetRequestHeader({topic: mq.topic, queueId: mq.queueId, timestamp})
  const response = await client.remoting.invoke(broker.addr, createRequest(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, header), client.requestTimeoutMs)
  if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(response.code, response.remark, broker.addr)
  return decodeSearchOffsetResponseHeader(response.extFields).offset
}
