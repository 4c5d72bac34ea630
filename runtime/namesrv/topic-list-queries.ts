/**
 * The name server's topic-list answers (RouteInfoManager.getAllTopicList, getTopicsByCluster,
 * getSystemTopicList and the unit-topic lists at 4.9.8), read from the route-info manager's tables.
 */
import type {QueueData} from '../remoting/body/queue-data.js'
import type {TopicList} from '../remoting/body/topic-list.js'

/** TopicSysFlag bits. */
const FLAG_UNIT = 1
const FLAG_UNIT_SUB = 2

/** One broker group as the route-info manager keeps it: member addresses by brokerId. */
export interface BrokerGroup {
  cluster: string
  brokerName: string
  addrs: Map<number, string>
}

/** Read-only queries over the routing tables. */
export class TopicListQueries {
  constructor(
    private readonly topicQueueTable: ReadonlyMap<string, ReadonlyMap<string, QueueData>>,
    private readonly clusterAddrTable: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly brokerAddrTable: ReadonlyMap<string, BrokerGroup>,
  ) {}

  /** Every topic with queue data (GET_ALL_TOPIC_LIST_FROM_NAMESERVER). */
  getAllTopicList(): TopicList {
    return {topicList: [...this.topicQueueTable.keys()]}
  }

  /** Topics served by any group of the cluster (GET_TOPICS_BY_CLUSTER); empty for an unknown cluster. */
  getTopicsByCluster(cluster: string): TopicList {
    const names = [...(this.clusterAddrTable.get(cluster) ?? [])]
    const topics = [...this.topicQueueTable].filter(([, queues]) => names.some((n) => queues.has(n))).map(([topic]) => topic)
    return {topicList: topics}
  }

  /**
   * GET_SYSTEM_TOPIC_LIST_FROM_NS: cluster names and broker names (each is a system topic on its
   * brokers), plus one broker address to ask for the rest.
   */
  getSystemTopicList(): TopicList {
    const topicList = new Set<string>()
    for (const [cluster, names] of this.clusterAddrTable) {
      topicList.add(cluster)
      for (const n of names) topicList.add(n)
    }
    const out: TopicList = {topicList: [...topicList]}
    for (const group of this.brokerAddrTable.values()) {
      const first = group.addrs.values().next()
      if (!first.done) {
        out.brokerAddr = first.value
        break
      }
    }
    return out
  }

  /** Topics whose (first) queue data has the unit flag (GET_UNIT_TOPIC_LIST). */
  getUnitTopics(): TopicList {
    return this.topicsWhere((flag) => (flag & FLAG_UNIT) !== 0)
  }

  /** Topics with the unit-sub flag (GET_HAS_UNIT_SUB_TOPIC_LIST). */
  getHasUnitSubTopicList(): TopicList {
    return this.topicsWhere((flag) => (flag & FLAG_UNIT_SUB) !== 0)
  }

  /** Topics with the unit-sub flag but not the unit flag (GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST). */
  getHasUnitSubUnUnitTopicList(): TopicList {
    return this.topicsWhere((flag) => (flag & FLAG_UNIT) === 0 && (flag & FLAG_UNIT_SUB) !== 0)
  }

  // Java looks at one QueueData per topic: all groups of a topic carry the same flags.
  private topicsWhere(test: (topicSysFlag: number) => boolean): TopicList {
    const topics: string[] = []
    for (const [topic, queues] of this.topicQueueTable) {
      const first = queues.values().next()
      if (!first.done && test(first.value.topicSysFlag)) topics.push(topic)
    }
    return {topicList: topics}
  }
}
