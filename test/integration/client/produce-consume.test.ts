import test from 'ava'
import {Consumer} from '../../../src/client/consumer/consumer.js'
import {Producer} from '../../../src/client/producer/producer.js'
import {generateMessages, sizedBody} from '../../../src/client/producer/message-generator.js'
import type {OutgoingMessage} from '../../../src/client/producer/outgoing-message.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {startClientLab} from './client-lab.js'

function* messages(topic: string, n: number, extra: (i: number) => Partial<OutgoingMessage> = () => ({})): Iterable<OutgoingMessage> {
  for (let i = 0; i < n; i++) yield {topic, body: `message ${i}`, keys: [`k${i}`], ...extra(i)}
}

test('send N pipelined, consume N exactly once with the queue coordinates the producer reported', async (t) => {
  const lab = await startClientLab(t, ['broker-a', 'broker-b'])
  const created = await lab.admin.createTopic({topic: 'Orders', readQueueNums: 4, writeQueueNums: 4})
  t.deepEqual(
    created.brokers.map((b) => [b.brokerName, b.ok]),
    [
      ['broker-a', true],
      ['broker-b', true],
    ],
  )

  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  const sent = await producer.send(
    messages('Orders', 300, (i) => ({tags: i % 2 === 0 ? 'even' : 'odd'})),
    {inflight: 16},
  )
  t.is(sent.summary.total, 300)
  t.is(sent.summary.ok, 300)
  t.deepEqual(sent.summary.byStatus, {SEND_OK: 300})
  t.is(new Set(sent.messages.map((m) => m.msgId)).size, 300)
  t.true(sent.messages.every((m) => /^[0-9A-F]{32}$/.test(m.msgId!) && /^[0-9A-F]{32}$/.test(m.offsetMsgId!)))
  t.deepEqual([...new Set(sent.messages.map((m) => m.brokerName))].sort(), ['broker-a', 'broker-b'], 'round robin reaches both masters')
  t.true(sent.summary.latency.p99 > 0)

  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => consumer.close())
  const got = await consumer.consume({topic: 'Orders', group: 'g-exactly-once', count: 300, from: 'first', timeoutMs: 20_000})
  t.is(got.summary.stoppedBy, 'count')
  t.is(got.messages.length, 300)
  const byId = new Map(sent.messages.map((m) => [m.msgId, m]))
  const seen = new Set<string>()
  for (const m of got.messages) {
    t.false(seen.has(m.msgId), `duplicate ${m.msgId}`)
    seen.add(m.msgId)
    const s = byId.get(m.msgId)
    if (s === undefined) {
      t.fail(`unknown message ${m.msgId}`)
      continue
    }
    t.is(m.body, `message ${s.index}`)
    t.deepEqual(m.keys, [`k${s.index}`])
    t.is(m.tags, s.index % 2 === 0 ? 'even' : 'odd')
    t.deepEqual([m.brokerName, m.queueId, m.queueOffset, m.offsetMsgId], [s.brokerName, s.queueId, s.queueOffset, s.offsetMsgId])
    t.is(m.brokerId, 0, 'served by the master')
  }
  t.is(seen.size, 300)
  t.is(
    Object.values(got.summary.byBroker).reduce((a, b) => a + b, 0),
    300,
  )
})

test('a second run with the same group continues where the first stopped; a third finds nothing', async (t) => {
  const lab = await startClientLab(t, ['broker-a'])
  await lab.admin.createTopic({topic: 'Resume', readQueueNums: 4, writeQueueNums: 4})
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  const sent = await producer.send(messages('Resume', 60), {inflight: 8})
  t.is(sent.summary.ok, 60)

  const run = async (count: number, timeoutMs: number) => {
    const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
    try {
      return await consumer.consume({topic: 'Resume', group: 'g-resume', count, from: 'first', timeoutMs})
    } finally {
      await consumer.close()
    }
  }
  const first = await run(25, 15_000)
  t.is(first.messages.length, 25)
  const second = await run(35, 15_000)
  t.is(second.messages.length, 35)
  const ids = [...first.messages, ...second.messages].map((m) => m.msgId)
  t.is(new Set(ids).size, 60, 'no message twice across the runs')
  t.deepEqual([...ids].sort(), sent.messages.map((m) => m.msgId!).sort())
  const third = await run(1, 1500)
  t.is(third.messages.length, 0)
  t.is(third.summary.stoppedBy, 'timeout')
})

test('a tag subscription delivers only that tag and still moves the group past the others', async (t) => {
  const lab = await startClientLab(t, ['broker-a'])
  await lab.admin.createTopic({topic: 'Tagged', readQueueNums: 2, writeQueueNums: 2})
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  await producer.send(
    messages('Tagged', 40, (i) => ({tags: i % 4 === 0 ? 'TagA' : 'TagB'})),
    {inflight: 4},
  )
  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => consumer.close())
  const got = await consumer.consume({topic: 'Tagged', group: 'g-tags', subExpression: 'TagA', count: 10, from: 'first', timeoutMs: 15_000})
  t.is(got.messages.length, 10)
  t.true(got.messages.every((m) => m.tags === 'TagA'))
  const again = await consumer.consume({topic: 'Tagged', group: 'g-tags', subExpression: 'TagA', count: 1, from: 'first', timeoutMs: 1500})
  t.is(again.messages.length, 0)
})

test('a topic with no route is created through TBW102 on first send, with min(4, 8) queues', async (t) => {
  const lab = await startClientLab(t, ['broker-a'])
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  const sent = await producer.send(messages('AutoCreated', 8), {inflight: 1})
  t.is(sent.summary.ok, 8)
  t.true(sent.messages.every((m) => m.queueId! < 4))
  const route = await lab.admin.topicRoute('AutoCreated')
  t.like(route.queueDatas[0], {brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4})
  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => consumer.close())
  const got = await consumer.consume({topic: 'AutoCreated', group: 'g-auto', count: 8, from: 'first', timeoutMs: 15_000})
  t.is(got.messages.length, 8)
})

test('an auto-created topic: the TBW102 route is kept for the whole burst, so it spreads over both masters and both create the topic (as a Java producer)', async (t) => {
  const lab = await startClientLab(t, ['broker-a', 'broker-b'])
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  const sent = await producer.send(messages('Burst', 200), {inflight: 1})
  t.is(sent.summary.ok, 200)
  const per = (name: string) => sent.messages.filter((m) => m.brokerName === name).length
  // Strict rotation over a0..a3, b0..b3 from a random start: exactly half each.
  t.is(per('broker-a'), 100)
  t.is(per('broker-b'), 100)
  const route = await lab.admin.topicRoute('Burst')
  t.deepEqual(route.queueDatas.map((q) => q.brokerName).sort(), ['broker-a', 'broker-b'])
})

test('a message that arrives while the consumer waits is delivered through the held pull', async (t) => {
  const lab = await startClientLab(t, ['broker-a'])
  await lab.admin.createTopic({topic: 'Late', readQueueNums: 1, writeQueueNums: 1})
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => consumer.close())
  const consuming = consumer.consume({topic: 'Late', group: 'g-late', count: 1, from: 'last', timeoutMs: 20_000})
  // Send only once the broker holds a pull of this consumer (long polling, PULL_NOT_FOUND + SUSPEND).
  const broker = lab.brokers.get('broker-a')!
  await waitUntil(() => broker.pullRequestHoldService.size > 0, 'a pull held by the broker', {timeoutMs: 10_000})
  // That the held pull is woken by the arrival (not by its 15 s hold expiring) is pinned by the broker's
  // long-polling test, without a clock (test/integration/broker/produce-consume.test.ts).
  const report = await producer.sendOne({topic: 'Late', body: 'late one'})
  t.is(report.status, 'SEND_OK')
  const got = await consuming
  t.is(got.messages.length, 1)
  t.is(got.messages[0]!.body, 'late one')
})

test('bodies over 4 KiB travel zlib-compressed and come back intact; generated {i} bodies and keys too', async (t) => {
  const lab = await startClientLab(t, ['broker-a'])
  await lab.admin.createTopic({topic: 'Big', readQueueNums: 1, writeQueueNums: 1})
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  const big = await producer.send(generateMessages({topic: 'Big', count: 3, size: 6000}))
  const small = await producer.send(generateMessages({topic: 'Big', count: 2, body: 'n={i}', keys: 'key-{i}'}))
  t.is(big.summary.ok + small.summary.ok, 5)
  const stored = await lab.brokers.get('broker-a')!.store.getCommitLogData(0, 1 << 20)
  t.true(stored !== undefined && stored.length < 3 * 6000, 'the 6000-byte bodies are stored compressed')
  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => consumer.close())
  const got = await consumer.consume({topic: 'Big', group: 'g-big', count: 5, from: 'first', timeoutMs: 15_000})
  t.deepEqual(
    got.messages.map((m) => m.bodySize),
    [6000, 6000, 6000, 3, 3],
  )
  t.deepEqual(
    got.messages.slice(0, 3).map((m) => m.body),
    Array(3).fill(sizedBody(6000).toString()),
  )
  t.deepEqual(
    got.messages.slice(3).map((m) => [m.body, m.keys]),
    [
      ['n=0', ['key-0']],
      ['n=1', ['key-1']],
    ],
  )
})
