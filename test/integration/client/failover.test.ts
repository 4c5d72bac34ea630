import test from 'ava'
import {createServer} from 'node:net'
import {MQAdmin} from '../../../src/client/admin/mq-admin.js'
import {MQClientError} from '../../../src/client/client-errors.js'
import {Consumer} from '../../../src/client/consumer/consumer.js'
import {Producer} from '../../../src/client/producer/producer.js'
import {BrokerController} from '../../../runtime/broker/broker-controller.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {startClientLab} from './client-lab.js'

const batch = (topic: string, from: number, n: number) => Array.from({length: n}, (_, i) => ({topic, body: `m${from + i}`}))

test('Java timing (default): a slave-less master dies; until the 30 s route poll every send that picks its queue fails fast and is retried elsewhere', async (t) => {
  const lab = await startClientLab(t, ['broker-a', 'broker-b'])
  await lab.admin.createTopic({topic: 'FailoverJava', readQueueNums: 2, writeQueueNums: 2})
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  t.is(producer.client.timing.refreshRouteOnConnectionFailure, false)
  t.is((await producer.send(batch('FailoverJava', 0, 8))).summary.ok, 8)
  await lab.stopBroker('broker-a')
  const after = await producer.send(batch('FailoverJava', 8, 20))
  t.is(after.summary.ok, 20, 'no message lost: the retry on broker-b stores each one')
  t.true(after.messages.every((m) => m.brokerName === 'broker-b'))
  // Round robin over a0 a1 b0 b1 with the dead broker still in the route: about every other send meets
  // it (a retry moves the index on too). With an immediate route refresh it would be exactly one.
  const retried = after.messages.filter((m) => m.retried)
  t.true(retried.length >= 5, `${retried.length} sends met the dead broker`)
  for (const m of retried) t.like(m.attempts[0], {brokerName: 'broker-a'})
})

test('opt-in fast failover: a slave-less master dies: the send that hits it is retried on the other broker, and the route is re-read at once', async (t) => {
  const lab = await startClientLab(t, ['broker-a', 'broker-b'])
  await lab.admin.createTopic({topic: 'Failover', readQueueNums: 2, writeQueueNums: 2})
  // A 30 s poll interval (RocketMQ's): only the immediate refresh can explain the route change below.
  const producer = new Producer({namesrvAddr: lab.namesrvAddr, pollNameServerIntervalMs: 30_000, failover: 'fast'})
  t.teardown(() => producer.close())
  const before = await producer.send(batch('Failover', 0, 20))
  t.is(before.summary.ok, 20)
  t.true(before.messages.some((m) => m.brokerName === 'broker-a'))

  await lab.stopBroker('broker-a')
  const after = await producer.send(batch('Failover', 20, 20))
  t.is(after.summary.ok, 20, 'no message lost: every one ends SEND_OK')
  t.true(after.messages.every((m) => m.brokerName === 'broker-b'))
  const retried = after.messages.filter((m) => m.retried)
  t.is(retried.length, 1, 'exactly one send met the dead broker; the refreshed route left it out for the rest')
  t.is(after.summary.retried, 1)
  const [failed, succeeded] = retried[0]!.attempts
  t.is(failed!.brokerName, 'broker-a')
  t.regex(failed!.status, /^(CONNECT_FAILED|CLOSED)$/)
  t.truthy(failed!.error)
  t.like(succeeded, {brokerName: 'broker-b', status: 'SEND_OK'})

  // Everything sent is still readable from the surviving broker plus what broker-a stored before.
  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => consumer.close())
  const onB = [...before.messages, ...after.messages].filter((m) => m.brokerName === 'broker-b').length
  const got = await consumer.consume({topic: 'Failover', group: 'g-failover', count: onB, from: 'first', timeoutMs: 15_000})
  t.is(got.messages.length, onB)
  t.true(got.messages.every((m) => m.brokerName === 'broker-b'))
})

test('with a single broker that is gone, sends fail after the retries with the transport error', async (t) => {
  const lab = await startClientLab(t, ['broker-a'])
  await lab.admin.createTopic({topic: 'Alone', readQueueNums: 1, writeQueueNums: 1})
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  t.is((await producer.sendOne({topic: 'Alone', body: 'x'})).status, 'SEND_OK')
  await lab.stopBroker('broker-a')
  const report = await producer.sendOne({topic: 'Alone', body: 'y'})
  t.is(report.outcome, 'failed')
  t.truthy(report.error)
  t.regex(report.status, /^(CONNECT_FAILED|CLOSED|NO_WRITABLE_QUEUE|TOPIC_NOT_EXIST)$/)
})

test('bad input: unknown topic, unreachable name servers, invalid messages — clear errors, no throw from send', async (t) => {
  const lab = await startClientLab(t, ['broker-a'], {autoCreateTopicEnable: false})
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  const missing = await producer.send([
    {topic: 'NoSuchTopic', body: 'x'},
    {topic: 'NoSuchTopic', body: 'y'},
  ])
  t.deepEqual(
    missing.messages.map((m) => m.status),
    ['TOPIC_NOT_EXIST', 'TOPIC_NOT_EXIST'],
  )
  t.is(missing.summary.failed, 2)
  const illegal = await producer.sendOne({topic: 'bad topic!', body: 'x'})
  t.is(illegal.status, 'MESSAGE_ILLEGAL')

  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => consumer.close())
  const err = await t.throwsAsync(consumer.consume({topic: 'NoSuchTopic', timeoutMs: 1000}), {instanceOf: MQClientError})
  t.is(err?.code, 'TOPIC_NOT_EXIST')

  // A port nobody listens on: take a free one and release it.
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as {port: number}).port
  await new Promise((resolve) => server.close(resolve))
  const admin = new MQAdmin({namesrvAddr: `127.0.0.1:${port}`})
  t.teardown(() => admin.close())
  const down = await t.throwsAsync(admin.topicList(), {instanceOf: MQClientError})
  t.is(down?.code, 'NAMESRV_UNREACHABLE')
  t.regex(down?.message ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`))
})

test('a topic whose every master is gone: once the route poll has seen that, each send re-reads the route, so a returning master is used at once (tryToFindTopicPublishInfo)', async (t) => {
  const lab = await startClientLab(t, ['broker-a'], {}, ['broker-a'])
  await lab.admin.createTopic({topic: 'Returning', readQueueNums: 2, writeQueueNums: 2})
  let now = Date.now()
  const producer = new Producer({namesrvAddr: lab.namesrvAddr}, {now: () => now})
  t.teardown(() => producer.close())
  t.is((await producer.sendOne({topic: 'Returning', body: 'before'})).status, 'SEND_OK')
  const old = lab.brokers.get('broker-a')!
  await lab.stopBroker('broker-a')
  // The 30 s poll: the route now lists broker-a with its slave only, so the topic has no writable queue.
  now += 31_000
  await producer.sendOne({topic: 'Returning', body: 'during'})
  await waitUntil(async () => (await producer.sendOne({topic: 'Returning', body: 'during'})).status === 'NO_WRITABLE_QUEUE', 'the poll saw no master')

  const back = new BrokerController({...old.config, listenPort: 0, haListenPort: 0})
  lab.brokers.set('broker-a', back)
  await back.start()
  await waitUntil(async () => (await lab.admin.topicRoute('Returning')).brokerDatas[0]?.brokerAddrs['0'] === back.brokerAddr, 'the master registered again')
  // No poll in between (the clock has not moved): the very next send finds the master.
  const after = await producer.sendOne({topic: 'Returning', body: 'after'})
  t.is(after.status, 'SEND_OK')
})
