/**
 * A queue of a topic on one broker group (RocketMQ's MessageQueue): the unit producers pick and
 * consumers are assigned.
 */

/** One queue: topic + brokerName + queueId. */
export interface MessageQueue {
  topic: string
  brokerName: string
  queueId: number
}

/** A stable string key for maps ("topic@brokerName@queueId"). */
export function messageQueueKey(mq: MessageQueue): string {
  return `${mq.topic}@${mq.brokerName}@${mq.queueId}`
}

/** RocketMQ's MessageQueue.compareTo: by topic, then brokerName, then queueId. */
export function compareMessageQueues(a: MessageQueue, b: MessageQueue): number {
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1
  if (a.brokerName !== b.brokerName) return a.brokerName < b.brokerName ? -1 : 1
  return a.queueId - b.queueId
}
