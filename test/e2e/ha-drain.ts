// Test helper (not a test file) for the HA process tests: a group's addresses now, and draining a topic
// with mqlab's consumer from wherever it is served (split from ha-experiment.ts, which re-exports both).
import {maxOffsets} from '../../src/client/admin/ha-message-lag.js'
import {MQAdmin} from '../../src/client/admin/mq-admin.js'
import {Consumer} from '../../src/client/consumer/consumer.js'
import type {ConsumedMessage} from '../../src/client/consumer/consumed-message.js'

/** The addresses of a group now: master (brokerId 0) and slaves. */
export async function groupAddrs(admin: MQAdmin, brokerName: string): Promise<{master: string | undefined; slaves: string[]}> {
  const info = await admin.clusterInfo()
  const addrs = info.brokerAddrTable[brokerName]?.brokerAddrs ?? {}
  return {
    master: addrs['0'],
    slaves: Object.entries(addrs)
      .filter(([id]) => id !== '0')
      .map(([, a]) => a),
  }
}

/**
 * Consumes a topic with a new group from the first offset until every queue is drained on the broker
 * that serves it now (its master, else a slave); sending must be over. Returns what was delivered.
 */
export async function drainTopic(lab: {namesrvAddr: string}, topic: string, group: string): Promise<ConsumedMessage[]> {
  const admin = new MQAdmin({namesrvAddr: lab.namesrvAddr})
  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
  try {
    const route = await admin.topicRoute(topic)
    const targets = new Map<string, number>()
    for (const qd of route.queueDatas) {
      const {master, slaves} = await groupAddrs(admin, qd.brokerName)
      const queues = Array.from({length: qd.readQueueNums}, (_, queueId) => ({topic, queueId}))
      const ends = await maxOffsets(admin.client.remoting, master ?? slaves[0]!, queues, 3000)
      if (ends === undefined) throw new Error(`cannot read the max offsets of ${qd.brokerName}`)
      ends.forEach((end, queueId) => targets.set(`${qd.brokerName}/${queueId}`, end))
    }
    const next = new Map<string, number>()
    const stop = new AbortController()
    const drained = () => [...targets].every(([q, end]) => (next.get(q) ?? 0) >= end)
    const delivered: ConsumedMessage[] = []
    if (drained()) return delivered
    await consumer.consume({
      topic,
      group,
      from: 'first',
      timeoutMs: 60_000,
      keepMessages: false,
      signal: stop.signal,
      onMessage: (m) => {
        delivered.push(m)
        const q = `${m.brokerName}/${m.queueId}`
        next.set(q, Math.max(next.get(q) ?? 0, m.queueOffset + 1))
        if (drained()) stop.abort()
      },
    })
    return delivered
  } finally {
    await Promise.allSettled([admin.close(), consumer.close()])
  }
}
