/**
 * mqlab's admin client (the parts of DefaultMQAdminExt that `mqadmin updateTopic / topicList /
 * topicRoute / clusterList / brokerStatus` use), through the name servers of any RocketMQ 4.x cluster.
 *
 * createTopic follows `mqadmin updateTopic -c <cluster>`: 8 read / 8 write queues and perm 6 by
 * default, sent as UPDATE_AND_CREATE_TOPIC to the master (brokerId 0) of every broker group of the
 * cluster; with no cluster named, to every master the name servers know. Each broker's outcome is
 * reported; the call only throws when no master could be asked at all.
 */
import {decodeClusterInfo, type ClusterInfo} from '../../../runtime/remoting/body/cluster-info.js'
import {decodeKVTable} from '../../../runtime/remoting/body/kv-table.js'
import {decodeTopicList} from '../../../runtime/remoting/body/topic-list.js'
import type {TopicRouteData} from '../../../runtime/remoting/body/topic-route-data.js'
import {encodeCreateTopicRequestHeader} from '../../../runtime/remoting/header/create-topic-request-header.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MQBrokerError, MQClientError} from '../client-errors.js'
import type {ClientOptions} from '../client-options.js'
import {MQClientInstance, type ClientDependencies} from '../mq-client-instance.js'
import {checkTopic} from '../producer/outgoing-message.js'
import {MASTER_ID} from '../route/topic-route-view.js'
import {buildClusterListRows, type ClusterListRow, type RuntimeInfoOutcome} from './cluster-list.js'

/** What to create. */
export interface CreateTopicOptions {
  topic: string
  /** Default 8 (mqadmin updateTopic). */
  readQueueNums?: number
  /** Default 8. */
  writeQueueNums?: number
  /** Default 6 (read + write). */
  perm?: number
  /** Only this cluster's masters (default: every master known). */
  cluster?: string
  order?: boolean
}

/** One broker's answer to a create. */
export interface CreateTopicBrokerOutcome {
  cluster: string
  brokerName: string
  addr: string
  ok: boolean
  error?: string
}

/** The result of createTopic. */
export interface CreateTopicResult {
  topic: string
  readQueueNums: number
  writeQueueNums: number
  perm: number
  brokers: CreateTopicBrokerOutcome[]
  /** Broker groups registered without a master (it is down): not asked, as mqadmin updateTopic -c skips them. */
  skipped: Array<{cluster: string; brokerName: string; slaves: string[]}>
}

/** Admin requests against a cluster. */
export class MQAdmin {
  readonly client: MQClientInstance
  private readonly ownsClient: boolean

  constructor(options: ClientOptions, deps: ClientDependencies & {client?: MQClientInstance} = {}) {
    this.ownsClient = deps.client === undefined
    this.client = deps.client ?? new MQClientInstance(options, deps)
  }

  /** GET_BROKER_CLUSTER_INFO from the name servers. */
  async clusterInfo(): Promise<ClusterInfo> {
    const {response, addr} = await this.client.nameServer.request(() => createRequest(RequestCode.GET_BROKER_CLUSTER_INFO))
    if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(response.code, response.remark, addr)
    return response.body === undefined ? {brokerAddrTable: {}, clusterAddrTable: {}} : decodeClusterInfo(response.body)
  }

  /** Every topic the name servers know (GET_ALL_TOPIC_LIST_FROM_NAMESERVER), sorted. */
  async topicList(): Promise<string[]> {
    const {response, addr} = await this.client.nameServer.request(() => createRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER))
    if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(response.code, response.remark, addr)
    return response.body === undefined ? [] : [...new Set(decodeTopicList(response.body).topicList)].sort()
  }

  /** A topic's route; TOPIC_NOT_EXIST when the name servers have none. */
  async topicRoute(topic: string): Promise<TopicRouteData> {
    const route = await this.client.getTopicRouteFromNameServer(topic)
    if (route === undefined) {
      throw new MQClientError('TOPIC_NOT_EXIST', `No route info of this topic: ${topic}`, {
        suggestion: `list the topics with mqlab topic list, or create it with mqlab topic create ${topic}`,
      })
    }
    return route
  }

  /** A broker's runtime statistics (GET_BROKER_RUNTIME_INFO, a KVTable). */
  async brokerRuntimeInfo(addr: string): Promise<Record<string, string>> {
    const response = await this.client.remoting.invoke(addr, createRequest(RequestCode.GET_BROKER_RUNTIME_INFO), this.client.requestTimeoutMs)
    if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(response.code, response.remark, addr)
    return response.body === undefined ? {} : decodeKVTable(response.body).table
  }

  /** clusterList's rows; a broker whose runtime info fails keeps its row with the error. */
  async clusterList(): Promise<ClusterListRow[]> {
    const info = await this.clusterInfo()
    const addrs = new Set<string>()
    for (const bd of Object.values(info.brokerAddrTable)) for (const addr of Object.values(bd.brokerAddrs)) addrs.add(addr)
    const runtime = new Map<string, RuntimeInfoOutcome>()
    await Promise.all(
      [...addrs].map(async (addr) => {
        try {
          runtime.set(addr, {table: await this.brokerRuntimeInfo(addr)})
        } catch (err) {
          runtime.set(addr, {error: err instanceof Error ? err.message : String(err)})
        }
      }),
    )
    return buildClusterListRows(info, runtime, this.client.now())
  }

  /** Creates or updates a topic on every master of the cluster (mqadmin updateTopic -c). */
  async createTopic(options: CreateTopicOptions): Promise<CreateTopicResult> {
    const problem = checkTopic(options.topic)
    if (problem !== undefined) throw new MQClientError('INVALID_ARGUMENT', problem)
    const readQueueNums = options.readQueueNums ?? 8
    const writeQueueNums = options.writeQueueNums ?? 8
    const perm = options.perm ?? 6
    for (const [name, n] of [
      ['readQueueNums', readQueueNums],
      ['writeQueueNums', writeQueueNums],
    ] as const) {
      if (!Number.isInteger(n) || n < 1 || n > 1024) throw new MQClientError('INVALID_ARGUMENT', `${name} must be an integer from 1 to 1024, not ${n}`)
    }
    const info = await this.clusterInfo()
    const clusters = options.cluster === undefined ? Object.keys(info.clusterAddrTable) : [options.cluster]
    if (options.cluster !== undefined && info.clusterAddrTable[options.cluster] === undefined) {
      throw new MQClientError('INVALID_ARGUMENT', `cluster ${options.cluster} is not known to the name servers`, {
        suggestion: `known clusters: ${Object.keys(info.clusterAddrTable).sort().join(', ') || 'none'}`,
      })
    }
    const targets: Array<{cluster: string; brokerName: string; addr: string}> = []
    const skipped: CreateTopicResult['skipped'] = []
    for (const cluster of clusters) {
      for (const brokerName of [...new Set(info.clusterAddrTable[cluster] ?? [])].sort()) {
        const addrs = info.brokerAddrTable[brokerName]?.brokerAddrs ?? {}
        const addr = addrs[String(MASTER_ID)]
        if (addr !== undefined) targets.push({cluster, brokerName, addr})
        else skipped.push({cluster, brokerName, slaves: Object.values(addrs)})
      }
    }
    if (targets.length === 0) {
      throw new MQClientError('BROKER_NOT_FOUND', 'no master broker is registered with the name servers', {
        suggestion: 'start the lab (mqlab up) or check mqlab cluster',
      })
    }
    const header = encodeCreateTopicRequestHeader({
      topic: options.topic,
      defaultTopic: 'TBW102',
      readQueueNums,
      writeQueueNums,
      perm,
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: 0,
      order: options.order ?? false,
    })
    const brokers = await Promise.all(
      targets.map(async (t): Promise<CreateTopicBrokerOutcome> => {
        try {
          const response = await this.client.remoting.invoke(t.addr, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, header), this.client.requestTimeoutMs)
          if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(response.code, response.remark, t.addr)
          return {...t, ok: true}
        } catch (err) {
          return {...t, ok: false, error: err instanceof Error ? err.message : String(err)}
        }
      }),
    )
    return {topic: options.topic, readQueueNums, writeQueueNums, perm, brokers, skipped}
  }

  /** Closes connections. */
  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close()
  }
}
