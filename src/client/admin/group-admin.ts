/**
 * Consumer-group views and the offset reset, as mqadmin has them:
 *   - groups:      every subscription group the brokers know (GET_ALL_SUBSCRIPTIONGROUP_CONFIG), with its
 *                  online clients and lag — mqadmin consumerProgress without -g;
 *   - progress:    per queue, broker offset, group offset, lag, last consumed time and the client the
 *                  queue is allocated to — mqadmin consumerProgress -g (GET_CONSUME_STATS);
 *   - connections: the group's clients and subscriptions (GET_CONSUMER_CONNECTION_LIST);
 *   - reset:       mqadmin resetOffsetByTime: INVOKE_BROKER_TO_RESET_OFFSET on each master of the topic;
 *                  when no client is online (CONSUMER_NOT_ONLINE) the offsets are committed directly
 *                  with UPDATE_CONSUMER_OFFSET, as mqadmin's fallback does.
 * Read-only views ask each broker group's master, or a slave when the master does not answer.
 */
import {decodeConsumeStats} from '../../../runtime/remoting/body/consume-stats.js'
import {decodeConsumerConnection, type ConsumerConnection} from '../../../runtime/remoting/body/connection.js'
import {decodeResetOffsetBody} from '../../../runtime/remoting/body/reset-offset-body.js'
import {decodeSubscriptionGroupWrapper} from '../../../runtime/remoting/body/subscription-group-wrapper.js'
import {encodeGetConsumeStatsRequestHeader} from '../../../runtime/remoting/header/get-consume-stats-request-header.js'
import {encodeGetConsumerConnectionListRequestHeader} from '../../../runtime/remoting/header/get-consumer-connection-list-request-header.js'
import {encodeResetOffsetRequestHeader} from '../../../runtime/remoting/header/reset-offset-request-header.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MQClientError} from '../client-errors.js'
import {allocateMessageQueueAveragely} from '../consumer/allocate-message-queue-averagely.js'
import {compareMessageQueues, messageQueueKey, type MessageQueue} from '../route/message-queue.js'
import {askBrokerGroup, type AnsweredBy} from './broker-call.js'
import {commitOffsetsDirectly} from './offset-commit.js'
import type {MQAdmin} from './mq-admin.js'

/** Groups every broker creates for itself (SubscriptionGroupManager) and the CID_RMQ_SYS_ prefix. */
export const SYSTEM_GROUPS = new Set([
  'TOOLS_CONSUMER',
  'FILTERSRV_CONSUMER',
  'SELF_TEST_C_GROUP',
  'CID_ONS-HTTP-PROXY',
  'CID_ONSAPI_PULL',
  'CID_ONSAPI_PERMISSION',
  'CID_ONSAPI_OWNER',
  'CID_SYS_RMQ_TRANS',
])
export function isSystemGroup(group: string): boolean {
  return SYSTEM_GROUPS.has(group) || group.startsWith('CID_RMQ_SYS_')
}

/** One queue of a group's progress. */
export interface QueueProgress {
  topic: string
  brokerName: string
  queueId: number
  brokerOffset: number
  consumerOffset: number
  /** brokerOffset − consumerOffset. */
  diff: number
  /** Store time of the last consumed message, 0 when none. */
  lastTimestamp: number
  /** The online client this queue is allocated to (AllocateMessageQueueAveragely), if any. */
  clientId?: string
}

/** A group's progress. */
export interface GroupProgress {
  group: string
  queues: QueueProgress[]
  totalDiff: number
  consumeTps: number
  /** Who answered for each broker group (a slave when its master is down). */
  answeredBy: AnsweredBy[]
  unanswered: Array<{brokerName: string; error: string}>
  clients: string[]
}

async function allBrokerGroups(admin: MQAdmin) {
  const info = await admin.clusterInfo()
  const groups = Object.values(info.brokerAddrTable).sort((a, b) => a.brokerName.localeCompare(b.brokerName))
  if (groups.length === 0)
    throw new MQClientError('BROKER_NOT_FOUND', 'no broker is registered with the name servers', {
      suggestion: 'start the lab (mqlab up) or check mqlab cluster',
    })
  return groups
}

/** The group's clients and subscriptions, from the first broker group that knows it online; undefined when none. */
export async function groupConnections(admin: MQAdmin, group: string): Promise<(ConsumerConnection & {answeredBy: AnsweredBy}) | undefined> {
  const header = encodeGetConsumerConnectionListRequestHeader({consumerGroup: group})
  for (const bd of await allBrokerGroups(admin)) {
    const a = await askBrokerGroup(admin.client, bd, () => createRequest(RequestCode.GET_CONSUMER_CONNECTION_LIST, header))
    if (a.ok && a.response.body)
      return {...decodeConsumerConnection(a.response.body), answeredBy: {brokerName: a.brokerName, brokerId: a.brokerId, addr: a.addr}}
  }
  return undefined
}

/** mqadmin consumerProgress -g G. */
export async function groupProgress(admin: MQAdmin, group: string, topic?: string): Promise<GroupProgress> {
  const header = encodeGetConsumeStatsRequestHeader({consumerGroup: group, topic})
  const answers = await Promise.all(
    (await allBrokerGroups(admin)).map((bd) => askBrokerGroup(admin.client, bd, () => createRequest(RequestCode.GET_CONSUME_STATS, header))),
  )
  const out: GroupProgress = {group, queues: [], totalDiff: 0, consumeTps: 0, answeredBy: [], unanswered: [], clients: []}
  for (const a of answers) {
    if (!a.ok) {
      out.unanswered.push({brokerName: a.brokerName, error: a.error})
      continue
    }
    out.answeredBy.push({brokerName: a.brokerName, brokerId: a.brokerId, addr: a.addr})
    const stats = decodeConsumeStats(a.response.body ?? Buffer.from('{"offsetTable":{}}'))
    out.consumeTps += stats.consumeTps
    for (const [mq, o] of stats.offsetTable) out.queues.push({...mq, ...o, diff: o.brokerOffset - o.consumerOffset})
  }
  // A broker reports only topics the group committed offsets on there; a broker whose queues the group
  // never consumed (all its messages unread) is asked again for the topics seen elsewhere, so its lag shows.
  const topics = new Set(out.queues.map((q) => q.topic))
  const byBroker = await allBrokerGroups(admin)
  for (const a of answers) {
    if (!a.ok) continue
    const seen = new Set(out.queues.filter((q) => q.brokerName === a.brokerName).map((q) => q.topic))
    for (const t of [...topics].filter((x) => !seen.has(x))) {
      const bd = byBroker.find((b) => b.brokerName === a.brokerName)
      if (!bd) continue
      const again = await askBrokerGroup(admin.client, bd, () =>
        createRequest(RequestCode.GET_CONSUME_STATS, encodeGetConsumeStatsRequestHeader({consumerGroup: group, topic: t})),
      )
      if (!again.ok) continue
      for (const [mq, o] of decodeConsumeStats(again.response.body ?? Buffer.from('{"offsetTable":{}}')).offsetTable)
        out.queues.push({...mq, ...o, diff: o.brokerOffset - o.consumerOffset})
    }
  }
  out.queues.sort(compareMessageQueues)
  out.totalDiff = out.queues.reduce((n, q) => n + q.diff, 0)
  const conn = await groupConnections(admin, group).catch(() => undefined)
  if (conn) {
    out.clients = conn.connectionSet.map((c) => c.clientId).sort()
    if (conn.messageModel !== 'BROADCASTING') assignClients(out.queues, out.clients)
  }
  return out
}

/** Marks each queue with the client AllocateMessageQueueAveragely gives it, per topic. */
function assignClients(queues: QueueProgress[], clients: string[]): void {
  const byTopic = new Map<string, QueueProgress[]>()
  for (const q of queues) (byTopic.get(q.topic) ?? byTopic.set(q.topic, []).get(q.topic)!).push(q)
  for (const list of byTopic.values()) {
    const mqs: MessageQueue[] = list.map((q) => ({topic: q.topic, brokerName: q.brokerName, queueId: q.queueId}))
    const owner = new Map<string, string>()
    for (const cid of clients) for (const mq of allocateMessageQueueAveragely(cid, mqs, clients)) owner.set(messageQueueKey(mq), cid)
    for (const q of list) {
      const cid = owner.get(messageQueueKey(q))
      if (cid !== undefined) q.clientId = cid
    }
  }
}

/** Whether the broker at addr has a client of the group connected. */
async function onlineAt(admin: MQAdmin, addr: string, group: string): Promise<boolean> {
  const header = encodeGetConsumerConnectionListRequestHeader({consumerGroup: group})
  const r = await admin.client.remoting.invoke(addr, createRequest(RequestCode.GET_CONSUMER_CONNECTION_LIST, header), admin.client.requestTimeoutMs)
  return r.code === ResponseCode.SUCCESS
}

/** One row of the group list. */
export interface GroupSummary {
  group: string
  system: boolean
  clients: number
  consumeType?: string
  messageModel?: string
  consumeTps: number
  /** Total lag over every queue with a committed offset. */
  diff: number
  /** Why the figures could not be read, when they could not. */
  error?: string
}

/** mqadmin consumerProgress without -g: every group the brokers know, with clients and lag. */
export async function groupList(admin: MQAdmin, options: {system?: boolean} = {}): Promise<GroupSummary[]> {
  const names = new Set<string>()
  for (const bd of await allBrokerGroups(admin)) {
    const a = await askBrokerGroup(admin.client, bd, () => createRequest(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG))
    if (a.ok && a.response.body)
      for (const g of Object.keys(decodeSubscriptionGroupWrapper(a.response.body.toString('utf8')).subscriptionGroupTable)) names.add(g)
  }
  const wanted = [...names].filter((g) => options.system === true || !isSystemGroup(g)).sort()
  return Promise.all(
    wanted.map(async (group): Promise<GroupSummary> => {
      let error: string | undefined
      const failed = (err: unknown) => void (error = err instanceof Error ? err.message : String(err))
      const [progress, conn] = await Promise.all([groupProgress(admin, group).catch(failed), groupConnections(admin, group).catch(failed)])
      const row: GroupSummary = {
        group,
        system: isSystemGroup(group),
        clients: conn?.connectionSet.length ?? 0,
        consumeTps: progress?.consumeTps ?? 0,
        diff: progress?.totalDiff ?? 0,
      }
      if (error !== undefined) row.error = error
      if (conn?.consumeType) row.consumeType = conn.consumeType
      if (conn?.messageModel) row.messageModel = conn.messageModel
      return row
    }),
  )
}

/** Where a reset should move the group. */
export type ResetTarget = {kind: 'first'} | {kind: 'last'} | {kind: 'time'; timestamp: number}

/** One queue's new offset. */
export interface ResetQueue extends MessageQueue {
  offset: number
}

/** The outcome per broker group of a reset. */
export interface ResetOutcome {
  brokerName: string
  addr?: string
  /** 'clients': the broker pushed the offsets to the online clients; 'committed': committed directly (no client online). */
  via?: 'clients' | 'committed'
  ok: boolean
  error?: string
  queues: ResetQueue[]
}

/** mqadmin resetOffsetByTime -g G -t T -s TIME (forced, as mqadmin's default). */
export async function resetOffset(admin: MQAdmin, group: string, topic: string, to: ResetTarget): Promise<ResetOutcome[]> {
  const route = await admin.topicRoute(topic)
  // first = timestamp 0 (the earliest stored message); last = -1 (the queues' max offsets).
  const timestamp = to.kind === 'first' ? 0 : to.kind === 'last' ? -1 : to.timestamp
  const header = encodeResetOffsetRequestHeader({topic, group, timestamp, isForce: true})
  const bds = [...route.brokerDatas].sort((a, b) => a.brokerName.localeCompare(b.brokerName))
  return Promise.all(
    bds.map(async (bd): Promise<ResetOutcome> => {
      const addr = bd.brokerAddrs['0']
      if (addr === undefined) return {brokerName: bd.brokerName, ok: false, error: 'its master is not registered (offsets live on the master)', queues: []}
      try {
        const r = await admin.client.remoting.invoke(addr, createRequest(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, header), admin.client.requestTimeoutMs)
        if (r.code === ResponseCode.SUCCESS) {
          const queues = decodeResetOffsetBody(r.body ?? Buffer.from('{"offsetTable":{}}')).map(([mq, offset]) => ({...mq, offset}))
          return {brokerName: bd.brokerName, addr, via: 'clients', ok: true, queues: queues.sort(compareMessageQueues)}
        }
        // A queue the group never committed on makes the broker refuse ("consumer group not exist") before it
        // checks for clients; with no client online a direct commit is still right, so mqlab makes it.
        const neverCommitted = r.code === ResponseCode.SYSTEM_ERROR && /not exist/.test(r.remark ?? '') && !(await onlineAt(admin, addr, group))
        if (r.code !== ResponseCode.CONSUMER_NOT_ONLINE && !neverCommitted)
          return {brokerName: bd.brokerName, addr, ok: false, error: `${r.remark ?? `code ${r.code}`}`, queues: []}
        const queues = await commitOffsetsDirectly(admin, addr, bd.brokerName, group, topic, route, timestamp)
        return {brokerName: bd.brokerName, addr, via: 'committed', ok: true, queues}
      } catch (err) {
        return {brokerName: bd.brokerName, addr, ok: false, error: err instanceof Error ? err.message : String(err), queues: []}
      }
    }),
  )
}
