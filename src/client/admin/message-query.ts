/**
 * Finding one message, as mqadmin queryMsgById / queryMsgByKey / queryMsgByOffset do:
 *   - by id: an offset msg id (store host + commitlog offset) is read with VIEW_MESSAGE_BY_ID from the
 *     broker it names — or, when that broker does not answer, from the other brokers of its group,
 *     whose commitlogs hold the record at the same offset; any other id is the client-made unique key
 *     (UNIQ_KEY), looked up with QUERY_MESSAGE (`_UNIQUE_KEY_QUERY`) in every broker group of the topic;
 *   - by key: QUERY_MESSAGE for a KEYS word in every broker group of the topic (master, else a slave);
 *   - by queue offset: one PULL_MESSAGE of one message at that consume-queue offset (as TOOLS_CONSUMER).
 * The index files match hashes, so records with another key are filtered out here, as RocketMQ's client
 * does. Every result says which broker (master or slave) served it.
 */
import {decodeMessage, decodeMessages, type MessageExt} from '../../../runtime/message/message-decoder.js'
import {decodeOffsetMessageId} from '../../../runtime/message/message-id.js'
import type {BrokerData} from '../../../runtime/remoting/body/broker-data.js'
import {buildSubscriptionData} from '../../../runtime/remoting/body/subscription-data.js'
import {encodeQueryMessageRequestHeader} from '../../../runtime/remoting/header/query-message-request-header.js'
import {encodeViewMessageRequestHeader} from '../../../runtime/remoting/header/view-message-request-header.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MQClientError} from '../client-errors.js'
import {buildPullMessageRequest, processPullResponse} from '../consumer/pull-message-request.js'
import {askBrokerGroup, brokerIdsOf, type AnsweredBy} from './broker-call.js'
import type {MQAdmin} from './mq-admin.js'

/** A message and the broker that served it. */
export interface FoundMessage {
  message: MessageExt
  servedBy: AnsweredBy
}

/** QUERY_MESSAGE's maxNum for a key (QueryMsgByKeySubCommand) and the unique-key flag (MixAll.UNIQUE_MSG_QUERY_FLAG). */
const KEY_QUERY_MAX = 64
const UNIQUE_FLAG = '_UNIQUE_KEY_QUERY'
/** Long.MAX_VALUE as the end of the time window. */
const END_OF_TIME = '9223372036854775807'

/** By msg id: an offset msg id first, then the unique key (needs the topic). */
export async function messagesById(admin: MQAdmin, id: string, topic?: string): Promise<FoundMessage[]> {
  const viewed = await viewByOffsetId(admin, id)
  if (viewed) return [viewed]
  if (topic === undefined) return []
  return queryIndex(admin, topic, id, true)
}

/** By a KEYS word. */
export function messagesByKey(admin: MQAdmin, topic: string, key: string): Promise<FoundMessage[]> {
  return queryIndex(admin, topic, key, false)
}

/** The message at a consume-queue offset of one broker's queue. */
export async function messageAtQueueOffset(admin: MQAdmin, topic: string, queueId: number, offset: number, brokerName?: string): Promise<FoundMessage[]> {
  const route = await admin.topicRoute(topic)
  const groups = route.brokerDatas
    .filter((bd) => brokerName === undefined || bd.brokerName === brokerName)
    .sort((a, b) => a.brokerName.localeCompare(b.brokerName))
  if (groups.length === 0)
    throw new MQClientError('INVALID_ARGUMENT', `broker ${brokerName} does not serve topic ${topic}`, {suggestion: `see mqlab topic route ${topic}`})
  const sub = buildSubscriptionData(topic, '*', 0)
  const out: FoundMessage[] = []
  for (const bd of groups) {
    const a = await askBrokerGroup(
      admin.client,
      bd,
      () => buildPullMessageRequest('TOOLS_CONSUMER', {topic, brokerName: bd.brokerName, queueId}, offset, sub, {maxMsgNums: 1, suspendMs: 0}),
      [ResponseCode.SUCCESS, ResponseCode.PULL_NOT_FOUND, ResponseCode.PULL_OFFSET_MOVED, ResponseCode.PULL_RETRY_IMMEDIATELY],
    )
    if (!a.ok) continue
    const r = processPullResponse(a.response, a.addr)
    const m = r.messages.find((x) => x.queueOffset === offset)
    if (m) out.push({message: m, servedBy: {brokerName: a.brokerName, brokerId: a.brokerId, addr: a.addr}})
  }
  return out
}

async function viewByOffsetId(admin: MQAdmin, id: string): Promise<FoundMessage | undefined> {
  let decoded
  try {
    decoded = decodeOffsetMessageId(id)
  } catch {
    return undefined
  }
  const addr = `${decoded.storeHost.ip}:${decoded.storeHost.port}`
  const info = await admin.clusterInfo()
  const groups = Object.values(info.brokerAddrTable).sort((x, y) => x.brokerName.localeCompare(y.brokerName))
  // The broker the id names first, then the rest of its group (same commitlog offsets). When no
  // registered broker has that address (its master died and left the route), every broker is asked: a
  // record is the one meant only if it was stored by the host the id names.
  const owner = groups.find((g) => Object.values(g.brokerAddrs).includes(addr))
  const order: Array<[string, number, string]> = owner
    ? ordered(owner, addr).map(([id, a]) => [owner.brokerName, id, a])
    : [['?', -1, addr], ...groups.flatMap((g) => ordered(g, '').map(([id, a]): [string, number, string] => [g.brokerName, id, a]))]
  const header = encodeViewMessageRequestHeader({offset: decoded.commitLogOffset})
  for (const [brokerName, brokerId, a] of order) {
    try {
      const r = await admin.client.remoting.invoke(a, createRequest(RequestCode.VIEW_MESSAGE_BY_ID, header), admin.client.requestTimeoutMs)
      if (r.code !== ResponseCode.SUCCESS || !r.body) continue
      const message = decodeMessage(r.body)
      if (message.commitLogOffset !== decoded.commitLogOffset || `${message.storeHost.ip}:${message.storeHost.port}` !== addr) continue
      return {message, servedBy: {brokerName, brokerId, addr: a}}
    } catch {
      // not reachable: the next broker
    }
  }
  return undefined
}

function ordered(bd: BrokerData, first: string): Array<[number, string]> {
  const all = brokerIdsOf(bd).map((id) => [id, bd.brokerAddrs[String(id)]!] as [number, string])
  return [...all.filter(([, a]) => a === first), ...all.filter(([, a]) => a !== first)]
}

async function queryIndex(admin: MQAdmin, topic: string, key: string, unique: boolean): Promise<FoundMessage[]> {
  const route = await admin.topicRoute(topic)
  const header: Record<string, string> = {
    ...encodeQueryMessageRequestHeader({topic, key, maxNum: KEY_QUERY_MAX, beginTimestamp: 0, endTimestamp: 0}),
    endTimestamp: END_OF_TIME,
  }
  if (unique) header[UNIQUE_FLAG] = 'true'
  const answers = await Promise.all(
    [...route.brokerDatas]
      .sort((a, b) => a.brokerName.localeCompare(b.brokerName))
      .map((bd) =>
        askBrokerGroup(admin.client, bd, () => createRequest(RequestCode.QUERY_MESSAGE, header), [ResponseCode.SUCCESS, ResponseCode.QUERY_NOT_FOUND]),
      ),
  )
  const out: FoundMessage[] = []
  for (const a of answers) {
    if (!a.ok || a.response.code !== ResponseCode.SUCCESS || !a.response.body) continue
    for (const m of decodeMessages(a.response.body)) {
      const matches = unique ? m.properties.UNIQ_KEY === key : (m.properties.KEYS ?? '').split(' ').includes(key)
      if (m.topic === topic && matches) out.push({message: m, servedBy: {brokerName: a.brokerName, brokerId: a.brokerId, addr: a.addr}})
    }
  }
  return out.sort((x, y) => x.message.storeTimestamp - y.message.storeTimestamp)
}
