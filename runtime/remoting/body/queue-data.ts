/**
 * QueueData (common/protocol/route/QueueData.java): one broker group's queues for a topic, as listed in
 * TopicRouteData.queueDatas. fastjson writes the keys alphabetically:
 *   {"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}
 * The last key was `topicSynFlag` up to RocketMQ 4.8.0 and is `topicSysFlag` from 4.9.0 (docs/rocketmq-facts.md §2.3);
 * the decoder accepts both.
 */
export interface QueueData {
  brokerName: string
  readQueueNums: number
  writeQueueNums: number
  /** PermName bits: READ 4, WRITE 2, INHERIT 1. */
  perm: number
  topicSysFlag: number
}

/** The JSON object for a QueueData, keys in fastjson's order; `quote` writes a string literal. */
export function queueDataJson(q: QueueData, quote: (s: string) => string = JSON.stringify): string {
  return `{"brokerName":${quote(q.brokerName)},"perm":${q.perm},"readQueueNums":${q.readQueueNums},"topicSysFlag":${q.topicSysFlag},"writeQueueNums":${q.writeQueueNums}}`
}

/** Reads a QueueData from parsed JSON; throws when a field has the wrong type. */
export function queueDataFromJson(value: unknown): QueueData {
  if (typeof value !== 'object' || value === null) throw new Error('queue data is not an object')
  const v = value as Record<string, unknown>
  if (typeof v.brokerName !== 'string') throw new Error('queue data has no brokerName')
  return {
    brokerName: v.brokerName,
    readQueueNums: int(v.readQueueNums, 'readQueueNums'),
    writeQueueNums: int(v.writeQueueNums, 'writeQueueNums'),
    perm: int(v.perm, 'perm'),
    topicSysFlag: int(v.topicSysFlag ?? v.topicSynFlag ?? 0, 'topicSysFlag'),
  }
}

function int(value: unknown, field: string): number {
  const n = typeof value === 'string' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`queue data ${field} is not an integer`)
  return n
}
