import test from 'ava'
import {newTopicConfig} from '../../../runtime/remoting/body/topic-config.js'
import {Consumer} from '../../../src/client/consumer/consumer.js'
import {Producer} from '../../../src/client/producer/producer.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {startClientLab} from './client-lab.js'

test('the master dies: the route lists only {1: slave}, and the consumer reads and commits there', async (t) => {
  const lab = await startClientLab(t, ['broker-a'], {}, ['broker-a'])
  await lab.admin.createTopic({topic: 'SlaveRead', readQueueNums: 2, writeQueueNums: 2})
  // The slave's metadata sync from its master runs every 10 s; give it the topic directly instead.
  lab.brokers.get('broker-a-s')!.topicConfigManager.updateTopicConfig(newTopicConfig('SlaveRead', {readQueueNums: 2, writeQueueNums: 2}))
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  const sent = await producer.send(
    Array.from({length: 30}, (_, i) => ({topic: 'SlaveRead', body: `s${i}`})),
    {inflight: 4},
  )
  t.is(sent.summary.ok, 30)
  await lab.replicate('broker-a')
  const slave = lab.brokers.get('broker-a-s')!
  await waitUntil(() => slave.store.getMaxOffsetInQueue('SlaveRead', 0) + slave.store.getMaxOffsetInQueue('SlaveRead', 1) === 30, 'slave dispatched')

  await lab.stopBroker('broker-a')
  await waitUntil(async () => {
    const route = await lab.admin.topicRoute('SlaveRead')
    return route.brokerDatas[0]?.brokerAddrs['0'] === undefined && route.brokerDatas[0]?.brokerAddrs['1'] === slave.brokerAddr
  }, 'route shows only the slave')

  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => consumer.close())
  const got = await consumer.consume({topic: 'SlaveRead', group: 'g-slave', count: 30, from: 'first', timeoutMs: 15_000})
  t.is(got.messages.length, 30)
  t.true(
    got.messages.every((m) => m.brokerName === 'broker-a' && m.brokerId === 1),
    'every pull served by brokerId 1',
  )
  t.deepEqual(got.summary.byBroker, {'broker-a/1': 30})
  t.deepEqual(got.messages.map((m) => m.msgId).sort(), sent.messages.map((m) => m.msgId!).sort())
  const queues = got.summary.queues.filter((q) => q.topic === 'SlaveRead')
  t.deepEqual(
    queues.map((q) => q.lastServedByBrokerId),
    [1, 1],
  )
  t.is(
    queues.reduce((sum, q) => sum + (q.committedOffset ?? 0), 0),
    30,
    'offsets committed to the slave',
  )

  const again = await consumer.consume({topic: 'SlaveRead', group: 'g-slave', count: 1, from: 'first', timeoutMs: 1500})
  t.is(again.messages.length, 0, 'the next run continues from the offsets the slave keeps')
})
