import test from 'ava'
import {Consumer} from '../../../src/client/consumer/consumer.js'
import type {ConsumedMessage} from '../../../src/client/consumer/consumed-message.js'
import {Producer} from '../../../src/client/producer/producer.js'
import type {MessageQueue} from '../../../src/client/route/message-queue.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {startClientLab} from './client-lab.js'

test('two consumers of one group split the queues (average allocation) and each message goes to one of them', async (t) => {
  const lab = await startClientLab(t, ['broker-a'])
  await lab.admin.createTopic({topic: 'Shared', readQueueNums: 4, writeQueueNums: 4})
  const owned = new Map<string, MessageQueue[]>()
  const received = new Map<string, ConsumedMessage[]>([
    ['A', []],
    ['B', []],
  ])
  const abort = new AbortController()
  const start = (name: string) => {
    const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
    t.teardown(() => consumer.close())
    return consumer.consume({
      topic: 'Shared',
      group: 'g-shared',
      from: 'first',
      timeoutMs: 30_000,
      signal: abort.signal,
      onRebalance: (topic, queues) => {
        if (topic === 'Shared') owned.set(name, queues)
      },
      onMessage: (m) => received.get(name)!.push(m),
    })
  }
  const runs = [start('A'), start('B')]
  // Both members known and the 4 queues split 2 + 2 (the joiner's NOTIFY_CONSUMER_IDS_CHANGED made the first rebalance).
  await waitUntil(
    () => owned.get('A')?.length === 2 && owned.get('B')?.length === 2 && new Set([...owned.get('A')!, ...owned.get('B')!].map((q) => q.queueId)).size === 4,
    'queues split between the two consumers',
    {timeoutMs: 15_000},
  )
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  const sent = await producer.send(
    Array.from({length: 40}, (_, i) => ({topic: 'Shared', body: `x${i}`})),
    {inflight: 4},
  )
  await waitUntil(() => received.get('A')!.length + received.get('B')!.length >= 40, 'all 40 delivered', {timeoutMs: 15_000})
  abort.abort()
  const [a, b] = await Promise.all(runs)
  t.is(a!.summary.stoppedBy, 'aborted')
  const all = [...a!.messages, ...b!.messages]
  t.is(all.length, 40)
  t.deepEqual(all.map((m) => m.msgId).sort(), sent.messages.map((m) => m.msgId!).sort())
  for (const [name, run] of [
    ['A', a!],
    ['B', b!],
  ] as const) {
    t.true(run.messages.length > 0, `${name} got a share`)
    const mine = new Set(owned.get(name)!.map((q) => q.queueId))
    t.true(
      run.messages.every((m) => mine.has(m.queueId)),
      `${name} only read its own queues`,
    )
  }
})
