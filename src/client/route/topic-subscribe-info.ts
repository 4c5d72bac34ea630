/**
 * Route → the queues a consumer may read (MQClientInstance.topicRouteData2TopicSubscribeInfo): every
 * readable queue of every broker group, whether or not its master is alive — a consumer keeps reading
 * a group's queues from its slave when the master is gone (docs/rocketmq-facts.md §5).
 */
import {compareMessageQueues, messageQueueKey, type MessageQueue} from './message-queue.js'
import {isReadable, type TopicRouteView} from './topic-route-view.js'

/** The readable queues of `topic`, sorted as rebalancing sorts them (topic, brokerName, queueId). */
export function topicRouteToSubscribeInfo(topic: string, route: TopicRouteView): MessageQueue[] {
  const queues: MessageQueue[] = []
  const seen = new Set<string>() // Java collects them in a HashSet: a queue listed twice counts once
  for (const qd of route.queueDatas) {
    if (!isReadable(qd.perm)) continue
    for (let i = 0; i < qd.readQueueNums; i++) {
      const mq = {topic, brokerName: qd.brokerName, queueId: i}
      const key = messageQueueKey(mq)
      if (seen.has(key)) continue
      seen.add(key)
      queues.push(mq)
    }
  }
  return queues.sort(compareMessageQueues)
}
