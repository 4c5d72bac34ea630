/**
 * Clustering rebalance steps (RebalanceImpl, RebalancePushImpl): who else consumes the group
 * (GET_CONSUMER_LIST_BY_GROUP from a broker of the topic), which queues are mine (average allocation,
 * in allocate-message-queue-averagely.ts), and where a newly owned queue starts (committed offset, or
 * the consumeFromWhere fallback).
 */
import {decodeGetConsumerListByGroupResponseBody} from '../../../runtime/remoting/body/get-consumer-list-by-group-response-body.js'
import {encodeGetConsumerListByGroupRequestHeader} from '../../../runtime/remoting/header/get-consumer-list-by-group-request-header.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MQBrokerError} from '../client-errors.js'
import type {MQClientInstance} from '../mq-client-instance.js'
import {messageQueueKey, type MessageQueue} from '../route/message-queue.js'
import {sortedBrokerIds, type TopicRouteView} from '../route/topic-route-view.js'
import {decideStartOffset, type ConsumeFromWhere} from './consume-from-where.js'
import {getMaxOffset, queryConsumerOffset, searchOffset} from './remote-broker-offset-store.js'

/**
 * The group's live consumer ids, asked of the brokers of the topic's route in turn (master, else any
 * member of each group; Java asks one at random) until one answers.
 */
export async function findConsumerIdList(client: MQClientInstance, group: string, route: TopicRouteView): Promise<string[]> {
  const header = encodeGetConsumerListByGroupRequestHeader({consumerGroup: group})
  let lastError: unknown = new Error(`no broker in the route of group ${group}`)
  for (const bd of route.brokerDatas) {
    const ids = sortedBrokerIds(bd.brokerAddrs)
    if (ids.length === 0) continue
    const addr = bd.brokerAddrs[String(ids[0])]!
    try {
      const response = await client.remoting.invoke(addr, createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, header), client.requestTimeoutMs)
      if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(response.code, response.remark, addr)
      if (response.body === undefined) return []
      return decodeGetConsumerListByGroupResponseBody(response.body).consumerIdList
    } catch (err) {
      lastError = err
    }
  }
  throw lastError
}

/** Where a newly owned queue starts, and the committed offset it came from (if it did). */
export interface QueueStart {
  start: number
  stored: number | undefined
}

/**
 * mqlab only: a start that overrides the group's committed offset for this run (`consume --tail`,
 * `--from OFFSET|TIME`); RocketMQ's push consumer has no such thing (mqadmin resetOffsetByTime is the
 * nearest). The committed offset moves with what the run consumes.
 */
export type StartOverride = {kind: 'max'} | {kind: 'offset'; offset: number} | {kind: 'time'; timestamp: number}

/** RebalancePushImpl.computePullFromWhere: undefined when the start cannot be known now (retry later). */
export async function computePullFromWhere(
  client: MQClientInstance,
  group: string,
  mq: MessageQueue,
  where: ConsumeFromWhere,
  consumeTimestamp: number,
  override?: StartOverride,
): Promise<QueueStart | undefined> {
  const stored = await queryConsumerOffset(client, group, mq)
  if (override !== undefined) {
    const committed = stored >= 0 ? stored : undefined
    if (override.kind === 'time') return {start: await searchOffset(client, mq, override.timestamp), stored: committed}
    const max = await getMaxOffset(client, mq)
    return {start: override.kind === 'max' ? max : Math.min(override.offset, max), stored: committed}
  }
  const decision = decideStartOffset(mq.topic, stored, where)
  switch (decision.kind) {
    case 'offset':
      return {start: decision.offset, stored: stored >= 0 ? stored : undefined}
    case 'max-offset':
      return {start: await getMaxOffset(client, mq), stored: undefined}
    case 'search-timestamp':
      return {start: await searchOffset(client, mq, consumeTimestamp), stored: undefined}
    case 'unknown':
      return undefined
  }
}

/** Which owned queues to drop and which new ones to start, comparing keys. Pure. */
export function diffAssignment(owned: Iterable<MessageQueue>, allocated: readonly MessageQueue[]): {added: MessageQueue[]; removed: MessageQueue[]} {
  const ownedByKey = new Map<string, MessageQueue>()
  for (const mq of owned) ownedByKey.set(messageQueueKey(mq), mq)
  const allocatedKeys = new Set(allocated.map(messageQueueKey))
  return {
    added: allocated.filter((mq) => !ownedByKey.has(messageQueueKey(mq))),
    removed: [...ownedByKey.entries()].filter(([key]) => !allocatedKeys.has(key)).map(([, mq]) => mq),
  }
}
