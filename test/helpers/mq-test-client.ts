import {decodeClusterInfo, type ClusterInfo} from '../../runtime/remoting/body/cluster-info.js'
import {encodeHeartbeatData} from '../../runtime/remoting/body/heartbeat-data.js'
import {buildSubscriptionData} from '../../runtime/remoting/body/subscription-data.js'
import {decodeTopicRouteData, type TopicRouteData} from '../../runtime/remoting/body/topic-route-data.js'
import {encodeCreateTopicRequestHeader} from '../../runtime/remoting/header/create-topic-request-header.js'
import {encodePullMessageRequestHeader} from '../../runtime/remoting/header/pull-message-request-header.js'
import {encodeSendMessageRequestHeader, type SendMessageRequestHeader} from '../../runtime/remoting/header/send-message-request-header.js'
import {encodeSendMessageRequestHeaderV2} from '../../runtime/remoting/header/send-message-request-header-v2.js'
import {createRequest, type RemotingCommand} from '../../runtime/remoting/remoting-command.js'
import {RemotingClient} from '../../runtime/remoting/remoting-client.js'
import {RequestCode} from '../../runtime/remoting/request-code.js'
import {encodeMessageProperties} from '../../runtime/message/message-properties.js'
import {decodeMessages, type MessageExt} from '../../runtime/message/message-decoder.js'
import {buildPullSysFlag} from '../../runtime/message/pull-sys-flag.js'

/** What a test send may set. */
export interface TestSend {
  topic: string
  body: Buffer | string
  tags?: string
  keys?: string
  properties?: Record<string, string>
  queueId?: number
  /** SEND_MESSAGE (10) with long names instead of SEND_MESSAGE_V2 (310). */
  v1?: boolean
  producerGroup?: string
  defaultTopicQueueNums?: number
  reconsumeTimes?: number
  maxReconsumeTimes?: number
}

/** What a test pull may set. */
export interface TestPull {
  group: string
  topic: string
  queueId: number
  offset: number
  maxMsgNums?: number
  /** Filter expression sent with the SUBSCRIPTION bit ("*" by default). */
  subscription?: string
  /** Allow the broker to hold the pull (long polling) for this long; 0 = no SUSPEND bit. */
  suspendMs?: number
  commitOffset?: number
}

/**
 * A small RocketMQ client for tests, on runtime/remoting's RemotingClient: raw requests to a broker or
 * name server, plus helpers for send, pull, heartbeat and topic creation. It checks nothing itself —
 * tests assert on the responses.
 */
export class MqTestClient {
  readonly remoting = new RemotingClient({connectTimeoutMs: 3000})
  /** Requests the broker sent us (NOTIFY_CONSUMER_IDS_CHANGED …). */
  readonly serverRequests: Array<{request: RemotingCommand; addr: string}> = []

  constructor() {
    this.remoting.onServerRequest((request, addr) => this.serverRequests.push({request, addr}))
  }

  /** Sends any request and returns the response. */
  invoke(addr: string, code: number, ext?: Record<string, string | number | boolean | undefined>, body?: Buffer, timeoutMs = 10_000): Promise<RemotingCommand> {
    return this.remoting.invoke(addr, createRequest(code, ext, body), timeoutMs)
  }

  /** SEND_MESSAGE_V2 (or SEND_MESSAGE with v1). */
  send(addr: string, m: TestSend, timeoutMs = 10_000): Promise<RemotingCommand> {
    const props: Record<string, string> = {...m.properties}
    if (m.tags !== undefined) props.TAGS = m.tags
    if (m.keys !== undefined) props.KEYS = m.keys
    const h: SendMessageRequestHeader = {
      producerGroup: m.producerGroup ?? 'PID_test',
      topic: m.topic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: m.defaultTopicQueueNums ?? 4,
      queueId: m.queueId ?? 0,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: encodeMessageProperties(props),
      reconsumeTimes: m.reconsumeTimes ?? 0,
      unitMode: false,
      maxReconsumeTimes: m.maxReconsumeTimes,
    }
    const ext = m.v1 ? encodeSendMessageRequestHeader(h) : encodeSendMessageRequestHeaderV2(h)
    const body = typeof m.body === 'string' ? Buffer.from(m.body) : m.body
    return this.remoting.invoke(addr, createRequest(m.v1 ? RequestCode.SEND_MESSAGE : RequestCode.SEND_MESSAGE_V2, ext, body), timeoutMs)
  }

  /** PULL_MESSAGE with the SUBSCRIPTION bit (and SUSPEND when suspendMs > 0). */
  pull(addr: string, p: TestPull, timeoutMs?: number): Promise<RemotingCommand> {
    const suspendMs = p.suspendMs ?? 0
    const ext = encodePullMessageRequestHeader({
      consumerGroup: p.group,
      topic: p.topic,
      queueId: p.queueId,
      queueOffset: p.offset,
      maxMsgNums: p.maxMsgNums ?? 32,
      sysFlag: buildPullSysFlag(p.commitOffset !== undefined, suspendMs > 0, true),
      commitOffset: p.commitOffset ?? 0,
      suspendTimeoutMillis: suspendMs,
      subVersion: 0,
      subscription: p.subscription ?? '*',
      expressionType: 'TAG',
    })
    return this.remoting.invoke(addr, createRequest(RequestCode.PULL_MESSAGE, ext), timeoutMs ?? suspendMs + 10_000)
  }

  /** The messages of a pull response. */
  static messages(response: RemotingCommand): MessageExt[] {
    return response.body && response.body.length > 0 ? decodeMessages(response.body) : []
  }

  /** HEART_BEAT registering consumer groups (subscribed to topics with "*" unless given) and producer groups. */
  heartbeat(
    addr: string,
    clientId: string,
    consumers: Array<{group: string; topics: Array<string | {topic: string; subString: string}>; messageModel?: string}>,
    producers: string[] = [],
  ): Promise<RemotingCommand> {
    const body = encodeHeartbeatData({
      clientID: clientId,
      producerDataSet: producers.map((groupName) => ({groupName})),
      consumerDataSet: consumers.map((c) => ({
        groupName: c.group,
        consumeType: 'CONSUME_PASSIVELY',
        messageModel: c.messageModel ?? 'CLUSTERING',
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        unitMode: false,
        subscriptionDataSet: c.topics.map((t) => (typeof t === 'string' ? buildSubscriptionData(t, '*', 1) : buildSubscriptionData(t.topic, t.subString, 1))),
      })),
    })
    return this.remoting.invoke(addr, createRequest(RequestCode.HEART_BEAT, undefined, body), 10_000)
  }

  /** UPDATE_AND_CREATE_TOPIC with read = write = queues and perm 6. */
  createTopic(addr: string, topic: string, queues = 4): Promise<RemotingCommand> {
    const ext = encodeCreateTopicRequestHeader({
      topic,
      defaultTopic: 'TBW102',
      readQueueNums: queues,
      writeQueueNums: queues,
      perm: 6,
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: 0,
      order: false,
    })
    return this.remoting.invoke(addr, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, ext), 10_000)
  }

  /** GET_ROUTEINFO_BY_TOPIC on a name server; undefined when the topic has no route. */
  async route(namesrvAddr: string, topic: string): Promise<TopicRouteData | undefined> {
    const r = await this.invoke(namesrvAddr, RequestCode.GET_ROUTEINFO_BY_TOPIC, {topic})
    return r.code === 0 && r.body ? decodeTopicRouteData(r.body) : undefined
  }

  /** GET_BROKER_CLUSTER_INFO on a name server. */
  async clusterInfo(namesrvAddr: string): Promise<ClusterInfo> {
    const r = await this.invoke(namesrvAddr, RequestCode.GET_BROKER_CLUSTER_INFO)
    if (r.code !== 0 || !r.body) throw new Error(`cluster info: code ${r.code} ${r.remark ?? ''}`)
    return decodeClusterInfo(r.body)
  }

  /** Whether the name server lists a broker at this address. */
  async brokerRegistered(namesrvAddr: string, brokerAddr: string): Promise<boolean> {
    try {
      const info = await this.clusterInfo(namesrvAddr)
      return Object.values(info.brokerAddrTable).some((b) => Object.values(b.brokerAddrs).includes(brokerAddr))
    } catch {
      return false
    }
  }

  close(): Promise<void> {
    return this.remoting.close()
  }
}
