/**
 * The name server's routing tables (RocketMQ's RouteInfoManager): which clusters hold which broker
 * groups, each group's member addresses by brokerId, each topic's queue data per group, and when each
 * broker last registered. Pure logic: no sockets, no timers; time comes from an injected clock and a
 * broker's connection is an opaque token compared by identity.
 *
 * Behaviour follows namesrv/…/routeinfo/RouteInfoManager.java at 4.9.8 (docs/rocketmq-facts.md §2.3):
 * - registering removes any entry with the same address under a different brokerId first (role flips);
 * - queue data comes only from the master's (brokerId 0) registration, and only when its DataVersion
 *   changed or it is the first registration of that address;
 * - a slave's registration returns the live master's address and HA address;
 * - dropping an address removes the group's cluster membership and queue data only when the group has
 *   no address left (so when only the master dies, routes keep the queue data and list the slave).
 */
import type {BrokerData} from '../remoting/body/broker-data.js'
import type {ClusterInfo} from '../remoting/body/cluster-info.js'
import type {DataVersion} from '../remoting/body/data-version.js'
import type {QueueData} from '../remoting/body/queue-data.js'
import type {TopicConfigSerializeWrapper} from '../remoting/body/topic-config-serialize-wrapper.js'
import type {TopicRouteData} from '../remoting/body/topic-route-data.js'
import {TopicListQueries, type BrokerGroup} from './topic-list-queries.js'

/** RouteInfoManager.BROKER_CHANNEL_EXPIRED_TIME: a broker silent this long is dropped. */
export const BROKER_CHANNEL_EXPIRED_MS = 120_000

/** MixAll.MASTER_ID. */
export const MASTER_ID = 0

/** PermName bits. */
const PERM_READ = 4
const PERM_WRITE = 2

/** What a REGISTER_BROKER carries, decoded. */
export interface BrokerRegistration {
  clusterName: string
  brokerAddr: string
  brokerName: string
  brokerId: number
  haServerAddr: string
  topicConfigWrapper: TopicConfigSerializeWrapper
  filterServerList?: string[]
  /** The connection the registration arrived on; its closing drops the broker. */
  channel?: unknown
}

/** The REGISTER_BROKER answer: set only for a slave whose master is live. */
export interface RegisterBrokerResult {
  haServerAddr?: string
  masterAddr?: string
}

/** A broker address the manager dropped, with the connection it had registered on. */
export interface DroppedBroker {
  brokerAddr: string
  channel: unknown
}

interface BrokerLiveInfo {
  lastUpdateTimestamp: number
  dataVersion: DataVersion
  channel: unknown
  haServerAddr: string
}

/** The routing tables. */
export class RouteInfoManager {
  private readonly topicQueueTable = new Map<string, Map<string, QueueData>>()
  private readonly brokerAddrTable = new Map<string, BrokerGroup>()
  private readonly clusterAddrTable = new Map<string, Set<string>>()
  private readonly brokerLiveTable = new Map<string, BrokerLiveInfo>()
  private readonly filterServerTable = new Map<string, string[]>()
  private readonly clock: () => number
  private readonly brokerChannelExpiredMs: number

  constructor(options: {clock?: () => number; brokerChannelExpiredMs?: number} = {}) {
    this.clock = options.clock ?? Date.now
    this.brokerChannelExpiredMs = options.brokerChannelExpiredMs ?? BROKER_CHANNEL_EXPIRED_MS
  }

  /** Records a broker's registration (REGISTER_BROKER). */
  registerBroker(r: BrokerRegistration): RegisterBrokerResult {
    let names = this.clusterAddrTable.get(r.clusterName)
    if (names === undefined) this.clusterAddrTable.set(r.clusterName, (names = new Set()))
    names.add(r.brokerName)

    let registerFirst = false
    let group = this.brokerAddrTable.get(r.brokerName)
    if (group === undefined) {
      registerFirst = true
      group = {cluster: r.clusterName, brokerName: r.brokerName, addrs: new Map()}
      this.brokerAddrTable.set(r.brokerName, group)
    }
    // One address, one id: a slave that became master re-registers as 0 and its old id entry goes.
    for (const [id, addr] of group.addrs) {
      if (addr === r.brokerAddr && id !== r.brokerId) group.addrs.delete(id)
    }
    const oldAddr = group.addrs.get(r.brokerId)
    group.addrs.set(r.brokerId, r.brokerAddr)
    registerFirst = registerFirst || oldAddr === undefined

    if (r.brokerId === MASTER_ID) {
      const wrapper = r.topicConfigWrapper
      if (registerFirst || this.isBrokerTopicConfigChanged(r.brokerAddr, wrapper.dataVersion)) {
        for (const tc of Object.values(wrapper.topicConfigTable)) {
          this.putQueueData(tc.topicName, {
            brokerName: r.brokerName,
            readQueueNums: tc.readQueueNums,
            writeQueueNums: tc.writeQueueNums,
            perm: tc.perm,
            topicSysFlag: tc.topicSysFlag,
          })
        }
      }
    }

    this.brokerLiveTable.set(r.brokerAddr, {
      lastUpdateTimestamp: this.clock(),
      dataVersion: r.topicConfigWrapper.dataVersion,
      channel: r.channel,
      haServerAddr: r.haServerAddr,
    })
    if (r.filterServerList !== undefined) {
      if (r.filterServerList.length === 0) this.filterServerTable.delete(r.brokerAddr)
      else this.filterServerTable.set(r.brokerAddr, [...r.filterServerList])
    }

    const result: RegisterBrokerResult = {}
    if (r.brokerId !== MASTER_ID) {
      const masterAddr = group.addrs.get(MASTER_ID)
      const masterLive = masterAddr === undefined ? undefined : this.brokerLiveTable.get(masterAddr)
      if (masterAddr !== undefined && masterLive !== undefined) {
        result.haServerAddr = masterLive.haServerAddr
        result.masterAddr = masterAddr
      }
    }
    return result
  }

  /** Removes a broker that shut down (UNREGISTER_BROKER). */
  unregisterBroker(clusterName: string, brokerAddr: string, brokerName: string, brokerId: number): void {
    this.brokerLiveTable.delete(brokerAddr)
    this.filterServerTable.delete(brokerAddr)
    const group = this.brokerAddrTable.get(brokerName)
    if (group === undefined) return
    group.addrs.delete(brokerId)
    if (group.addrs.size > 0) return
    this.brokerAddrTable.delete(brokerName)
    const names = this.clusterAddrTable.get(clusterName)
    if (names !== undefined) {
      names.delete(brokerName)
      if (names.size === 0) this.clusterAddrTable.delete(clusterName)
    }
    this.removeTopicsOfBrokerName(brokerName)
  }

  /** Whether the DataVersion differs from the one last registered by that address (or none is known). */
  isBrokerTopicConfigChanged(brokerAddr: string, dataVersion: DataVersion): boolean {
    const prev = this.brokerLiveTable.get(brokerAddr)?.dataVersion
    return prev === undefined || prev.timestamp !== dataVersion.timestamp || prev.counter !== dataVersion.counter
  }

  /** The DataVersion last registered by an address (QUERY_DATA_VERSION). */
  queryBrokerTopicConfig(brokerAddr: string): DataVersion | undefined {
    return this.brokerLiveTable.get(brokerAddr)?.dataVersion
  }

  /** Marks a broker as alive now without a full registration (QUERY_DATA_VERSION with no change). */
  updateBrokerInfoUpdateTimestamp(brokerAddr: string, timestamp: number = this.clock()): void {
    const live = this.brokerLiveTable.get(brokerAddr)
    if (live !== undefined) live.lastUpdateTimestamp = timestamp
  }

  /**
   * The topic's route, or undefined unless it has queue data and at least one of its groups still has
   * an address (pickupTopicRouteData). Arrays are sorted by brokerName (Java's HashMap order is arbitrary;
   * clients sort them anyway).
   */
  pickupTopicRouteData(topic: string): TopicRouteData | undefined {
    const queues = this.topicQueueTable.get(topic)
    if (queues === undefined) return undefined
    const queueDatas = [...queues.values()].map((q) => ({...q})).sort(byBrokerName)
    const brokerDatas: BrokerData[] = []
    const filterServerTable: Record<string, string[]> = {}
    for (const brokerName of [...queues.keys()].sort()) {
      const group = this.brokerAddrTable.get(brokerName)
      if (group === undefined) continue
      const data = toBrokerData(group)
      brokerDatas.push(data)
      for (const addr of Object.values(data.brokerAddrs)) {
        const filters = this.filterServerTable.get(addr)
        if (filters !== undefined) filterServerTable[addr] = [...filters]
      }
    }
    if (brokerDatas.length === 0) return undefined
    return {queueDatas, brokerDatas, filterServerTable}
  }

  /** Every group and cluster (GET_BROKER_CLUSTER_INFO). */
  getAllClusterInfo(): ClusterInfo {
    const brokerAddrTable: Record<string, BrokerData> = {}
    for (const [name, group] of this.brokerAddrTable) brokerAddrTable[name] = toBrokerData(group)
    const clusterAddrTable: Record<string, string[]> = {}
    for (const [cluster, names] of this.clusterAddrTable) clusterAddrTable[cluster] = [...names]
    return {brokerAddrTable, clusterAddrTable}
  }

  /** Topic lists by cluster, system topics, unit flags (see topic-list-queries.ts). */
  get topicLists(): TopicListQueries {
    return new TopicListQueries(this.topicQueueTable, this.clusterAddrTable, this.brokerAddrTable)
  }

  /** Removes a topic's queue data everywhere, or only on the cluster's groups (DELETE_TOPIC_IN_NAMESRV). */
  deleteTopic(topic: string, clusterName?: string): void {
    if (clusterName === undefined || clusterName === '') {
      this.topicQueueTable.delete(topic)
      return
    }
    const queues = this.topicQueueTable.get(topic)
    const names = this.clusterAddrTable.get(clusterName)
    if (queues === undefined || names === undefined) return
    for (const n of names) queues.delete(n)
    if (queues.size === 0) this.topicQueueTable.delete(topic)
  }

  /** Clears the WRITE bit of every topic on the group; returns how many topics (WIPE_WRITE_PERM_OF_BROKER). */
  wipeWritePermOfBroker(brokerName: string): number {
    return this.changePerm(brokerName, (perm) => perm & ~PERM_WRITE)
  }

  /** Sets READ|WRITE on every topic of the group; returns how many topics (ADD_WRITE_PERM_OF_BROKER). */
  addWritePermOfBroker(brokerName: string): number {
    return this.changePerm(brokerName, () => PERM_READ | PERM_WRITE)
  }

  /** Drops brokers not registered for the expiry time (scanNotActiveBroker); returns them so their connections can be closed. */
  scanNotActiveBroker(): DroppedBroker[] {
    const now = this.clock()
    const dropped: DroppedBroker[] = []
    for (const [addr, live] of this.brokerLiveTable) {
      if (live.lastUpdateTimestamp + this.brokerChannelExpiredMs < now) dropped.push({brokerAddr: addr, channel: live.channel})
    }
    for (const d of dropped) this.removeBrokerAddr(d.brokerAddr)
    return dropped
  }

  /** Drops the broker that registered on this connection, if any (onChannelDestroy); returns its address. */
  onChannelDestroy(channel: unknown): string | undefined {
    for (const [addr, live] of this.brokerLiveTable) {
      if (live.channel !== undefined && live.channel === channel) {
        this.removeBrokerAddr(addr)
        return addr
      }
    }
    return undefined
  }

  /** Number of live broker addresses, for logs and tests. */
  get liveBrokerCount(): number {
    return this.brokerLiveTable.size
  }

  private removeBrokerAddr(brokerAddr: string): void {
    this.brokerLiveTable.delete(brokerAddr)
    this.filterServerTable.delete(brokerAddr)
    for (const [brokerName, group] of this.brokerAddrTable) {
      let found = false
      for (const [id, addr] of group.addrs) {
        if (addr === brokerAddr) {
          group.addrs.delete(id)
          found = true
          break
        }
      }
      if (!found) continue
      if (group.addrs.size === 0) {
        this.brokerAddrTable.delete(brokerName)
        for (const [cluster, names] of this.clusterAddrTable) {
          if (names.delete(brokerName)) {
            if (names.size === 0) this.clusterAddrTable.delete(cluster)
            break
          }
        }
        this.removeTopicsOfBrokerName(brokerName)
      }
      return
    }
  }

  private removeTopicsOfBrokerName(brokerName: string): void {
    for (const [topic, queues] of this.topicQueueTable) {
      queues.delete(brokerName)
      if (queues.size === 0) this.topicQueueTable.delete(topic)
    }
  }

  private putQueueData(topic: string, q: QueueData): void {
    let queues = this.topicQueueTable.get(topic)
    if (queues === undefined) this.topicQueueTable.set(topic, (queues = new Map()))
    queues.set(q.brokerName, q)
  }

  private changePerm(brokerName: string, change: (perm: number) => number): number {
    let count = 0
    for (const queues of this.topicQueueTable.values()) {
      const q = queues.get(brokerName)
      if (q === undefined) continue
      q.perm = change(q.perm)
      count++
    }
    return count
  }
}

function toBrokerData(group: BrokerGroup): BrokerData {
  const brokerAddrs: Record<string, string> = {}
  for (const id of [...group.addrs.keys()].sort((a, b) => a - b)) brokerAddrs[String(id)] = group.addrs.get(id)!
  return {cluster: group.cluster, brokerName: group.brokerName, brokerAddrs}
}

function byBrokerName(a: {brokerName: string}, b: {brokerName: string}): number {
  return a.brokerName < b.brokerName ? -1 : a.brokerName > b.brokerName ? 1 : 0
}
