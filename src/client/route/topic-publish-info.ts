/**
 * Route → the queues a producer may write (MQClientInstance.topicRouteData2TopicPublishInfo) and the
 * queue choice per send (TopicPublishInfo.selectOneMessageQueue). Pure apart from the rotating index.
 *
 * Facts carried over from RocketMQ 4.9.8:
 * - queue data is taken in brokerName order; only writable queue data counts; a brokerName whose
 *   BrokerData has no master (brokerId 0) is skipped, since producers only write to masters (docs/rocketmq-facts.md §5);
 * - an order-topic config ("broker-a:4;broker-b:4") overrides queue data;
 * - the index starts at a random value and every pick increments it; a retry skips queues of the
 *   broker that just failed (lastBrokerName), falling back to any queue when all are on that broker.
 */
import type {MessageQueue} from './message-queue.js'
import {isWriteable, MASTER_ID, type TopicRouteView} from './topic-route-view.js'

/** The queues a producer may write to for one topic, with the rotating send index. */
export class TopicPublishInfo {
  /** RocketMQ's sendWhichQueue (a ThreadLocalIndex seeded at random). */
  private sendWhichQueue: number

  constructor(
    readonly topic: string,
    readonly messageQueues: readonly MessageQueue[],
    readonly orderTopic: boolean,
    /** True when the queues come from TBW102's route because the topic has none yet (auto-create). */
    readonly fromDefaultTopic: boolean,
    startIndex: number = Math.floor(Math.random() * 0x7fffffff),
  ) {
    this.sendWhichQueue = startIndex
  }

  /** Whether there is at least one queue to send to. */
  ok(): boolean {
    return this.messageQueues.length > 0
  }

  /** The next queue in rotation, skipping lastBrokerName's queues when another broker has some. */
  selectOneMessageQueue(lastBrokerName?: string): MessageQueue | undefined {
    const size = this.messageQueues.length
    if (size === 0) return undefined
    if (lastBrokerName !== undefined) {
      for (let i = 0; i < size; i++) {
        const mq = this.messageQueues[this.nextIndex() % size]!
        if (mq.brokerName !== lastBrokerName) return mq
      }
    }
    return this.messageQueues[this.nextIndex() % size]
  }

  /** Broker names that own at least one writable queue, in route order. */
  brokerNames(): string[] {
    return [...new Set(this.messageQueues.map((mq) => mq.brokerName))]
  }

  private nextIndex(): number {
    // Java increments an int and takes Math.abs; keeping it in [0, 2^31) gives the same rotation.
    this.sendWhichQueue = (this.sendWhichQueue + 1) & 0x7fffffff
    return this.sendWhichQueue
  }
}

/** Builds the publish info of `topic` from its route. */
export function topicRouteToPublishInfo(
  topic: string,
  route: TopicRouteView,
  options: {fromDefaultTopic?: boolean; startIndex?: number} = {},
): TopicPublishInfo {
  const queues: MessageQueue[] = []
  let orderTopic = false
  if (route.orderTopicConf !== undefined && route.orderTopicConf.length > 0) {
    orderTopic = true
    for (const entry of route.orderTopicConf.split(';')) {
      const [brokerName, nums] = entry.split(':')
      const n = Number(nums)
      if (!brokerName || !Number.isInteger(n)) continue
      for (let i = 0; i < n; i++) queues.push({topic, brokerName, queueId: i})
    }
  } else {
    const sorted = [...route.queueDatas].sort((a, b) => (a.brokerName < b.brokerName ? -1 : a.brokerName > b.brokerName ? 1 : 0))
    for (const qd of sorted) {
      if (!isWriteable(qd.perm)) continue
      const bd = route.brokerDatas.find((b) => b.brokerName === qd.brokerName)
      if (bd === undefined || bd.brokerAddrs[String(MASTER_ID)] === undefined) continue
      for (let i = 0; i < qd.writeQueueNums; i++) queues.push({topic, brokerName: qd.brokerName, queueId: i})
    }
  }
  return new TopicPublishInfo(topic, queues, orderTopic, options.fromDefaultTopic ?? false, options.startIndex)
}

/**
 * The route a Java producer uses for a topic that has none yet: TBW102's route with every queue
 * count capped to min(defaultTopicQueueNums, TBW102's readQueueNums)
 * (MQClientInstance.updateTopicRouteInfoFromNameServer with isDefault). The broker then creates the
 * topic on first send with min(d, TBW102 writeQueueNums) queues, so the producer never offers more.
 */
export function capDefaultTopicRoute(defaultRoute: TopicRouteView, defaultTopicQueueNums: number): TopicRouteView {
  return {
    ...defaultRoute,
    queueDatas: defaultRoute.queueDatas.map((qd) => {
      const nums = Math.min(defaultTopicQueueNums, qd.readQueueNums)
      return {...qd, readQueueNums: nums, writeQueueNums: nums}
    }),
  }
}
