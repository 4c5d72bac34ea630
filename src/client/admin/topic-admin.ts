/**
 * `mqlab topic status` and `mqlab topic delete`: mqadmin topicStatus (GET_TOPIC_STATS_INFO to each
 * broker group of the topic's route) and mqadmin deleteTopic (DELETE_TOPIC_IN_BROKER on every master,
 * then DELETE_TOPIC_IN_NAMESRV on every name server).
 */
import {decodeTopicStatsTable} from '../../../runtime/remoting/body/topic-stats-table.js'
import {encodeDeleteTopicFromNamesrvRequestHeader} from '../../../runtime/remoting/header/delete-topic-from-namesrv-request-header.js'
import {encodeDeleteTopicRequestHeader} from '../../../runtime/remoting/header/delete-topic-request-header.js'
import {encodeGetTopicStatsInfoRequestHeader} from '../../../runtime/remoting/header/get-topic-stats-info-request-header.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MQBrokerError, MQClientError} from '../client-errors.js'
import {checkTopic} from '../producer/outgoing-message.js'
import {MASTER_ID} from '../route/topic-route-view.js'
import {askBrokerGroup, type AnsweredBy} from './broker-call.js'
import type {MQAdmin} from './mq-admin.js'

/** One queue of topicStatus. */
export interface TopicQueueStatus {
  brokerName: string
  queueId: number
  minOffset: number
  maxOffset: number
  /** Store time of the queue's last message; 0 when empty (-1 when the broker could not read it). */
  lastUpdateTimestamp: number
}

/** topicStatus's answer: queues, who answered for each group, groups that did not answer. */
export interface TopicStatusResult {
  topic: string
  queues: TopicQueueStatus[]
  answeredBy: AnsweredBy[]
  unanswered: Array<{brokerName: string; error: string}>
  /** Σ maxOffset − minOffset: messages still stored. */
  totalMessages: number
}

/** mqadmin topicStatus. */
export async function topicStatus(admin: MQAdmin, topic: string): Promise<TopicStatusResult> {
  const route = await admin.topicRoute(topic)
  const header = encodeGetTopicStatsInfoRequestHeader({topic})
  const answers = await Promise.all(
    [...route.brokerDatas]
      .sort((a, b) => a.brokerName.localeCompare(b.brokerName))
      .map((bd) => askBrokerGroup(admin.client, bd, () => createRequest(RequestCode.GET_TOPIC_STATS_INFO, header))),
  )
  const result: TopicStatusResult = {topic, queues: [], answeredBy: [], unanswered: [], totalMessages: 0}
  for (const a of answers) {
    if (!a.ok) {
      result.unanswered.push({brokerName: a.brokerName, error: a.error})
      continue
    }
    result.answeredBy.push({brokerName: a.brokerName, brokerId: a.brokerId, addr: a.addr})
    for (const [mq, o] of decodeTopicStatsTable(a.response.body ?? Buffer.from('{}'))) {
      result.queues.push({brokerName: mq.brokerName, queueId: mq.queueId, ...o})
    }
  }
  result.queues.sort((x, y) => x.brokerName.localeCompare(y.brokerName) || x.queueId - y.queueId)
  result.totalMessages = result.queues.reduce((n, q) => n + Math.max(0, q.maxOffset - q.minOffset), 0)
  return result
}

/** One target of a delete. */
export interface DeleteOutcome {
  kind: 'broker' | 'namesrv'
  name: string
  addr: string
  ok: boolean
  error?: string
}

/** deleteTopic's answer. */
export interface DeleteTopicResult {
  topic: string
  outcomes: DeleteOutcome[]
}

/** mqadmin deleteTopic: every master the name servers know, then every name server. */
export async function deleteTopic(admin: MQAdmin, topic: string, namesrvAddrs: readonly string[]): Promise<DeleteTopicResult> {
  const problem = checkTopic(topic)
  if (problem !== undefined) throw new MQClientError('INVALID_ARGUMENT', problem)
  const info = await admin.clusterInfo()
  const masters = Object.values(info.brokerAddrTable)
    .map((bd) => ({name: bd.brokerName, addr: bd.brokerAddrs[String(MASTER_ID)]}))
    .filter((m): m is {name: string; addr: string} => m.addr !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name))
  const call = async (kind: DeleteOutcome['kind'], name: string, addr: string, code: number, header: Record<string, string>): Promise<DeleteOutcome> => {
    try {
      const r = await admin.client.remoting.invoke(addr, createRequest(code, header), admin.client.requestTimeoutMs)
      if (r.code !== ResponseCode.SUCCESS) throw new MQBrokerError(r.code, r.remark, addr)
      return {kind, name, addr, ok: true}
    } catch (err) {
      return {kind, name, addr, ok: false, error: err instanceof Error ? err.message : String(err)}
    }
  }
  const outcomes = await Promise.all(
    masters.map((m) => call('broker', m.name, m.addr, RequestCode.DELETE_TOPIC_IN_BROKER, encodeDeleteTopicRequestHeader({topic}))),
  )
  for (const addr of namesrvAddrs)
    outcomes.push(await call('namesrv', addr, addr, RequestCode.DELETE_TOPIC_IN_NAMESRV, encodeDeleteTopicFromNamesrvRequestHeader({topic})))
  return {topic, outcomes}
}
