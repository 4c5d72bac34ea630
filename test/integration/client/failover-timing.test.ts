/**
 * How long a consumer that is running when a master dies keeps pulling from it: with RocketMQ's Java
 * timings (the default) until its next 30 s route poll; with mqlab's opt-in fast failover it re-reads
 * the route after the first failed pull and moves to the slave.
 */
import test, {type ExecutionContext} from 'ava'
import {newTopicConfig} from '../../../runtime/remoting/body/topic-config.js'
import {Consumer} from '../../../src/client/consumer/consumer.js'
import type {FailoverMode} from '../../../src/client/failover-timing.js'
import {Producer} from '../../../src/client/producer/producer.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {startClientLab} from './client-lab.js'

async function consumeAcrossMasterDeath(t: ExecutionContext, failover: FailoverMode) {
  const lab = await startClientLab(t, ['broker-a'], {}, ['broker-a'])
  await lab.admin.createTopic({topic: 'Across', readQueueNums: 2, writeQueueNums: 2})
  lab.brokers.get('broker-a-s')!.topicConfigManager.updateTopicConfig(newTopicConfig('Across', {readQueueNums: 2, writeQueueNums: 2}))
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  t.is((await producer.send(Array.from({length: 10}, (_, i) => ({topic: 'Across', body: `m${i}`})))).summary.ok, 10)
  await lab.replicate('broker-a')
  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr, failover})
  t.teardown(() => consumer.close())
  let delivered = 0
  // Default 30 s route poll: the run ends long before the first poll after the start.
  const run = consumer.consume({topic: 'Across', group: `g-${failover}`, from: 'first', timeoutMs: 9000, onMessage: () => delivered++})
  await waitUntil(() => delivered === 10, 'the first 10 consumed from the master')
  await lab.stopBroker('broker-a')
  return {result: await run, consumer}
}

test('Java timing (default): a running consumer keeps pulling the dead master (retry every 3 s) until its route poll', async (t) => {
  const {result, consumer} = await consumeAcrossMasterDeath(t, 'java')
  t.is(consumer.client.timing.pullRetryDelayMs, 3000)
  const queues = result.summary.queues.filter((q) => q.topic === 'Across')
  t.deepEqual(
    queues.map((q) => q.lastServedByBrokerId),
    [0, 0],
    'no pull reached the slave',
  )
  t.true(
    result.summary.problems.some((p) => /^pull from broker-a\/0 .* failed/.test(p)),
    result.summary.problems.join('\n'),
  )
})

test('opt-in fast failover: a running consumer re-reads the route after the first failed pull and moves to the slave', async (t) => {
  const {result} = await consumeAcrossMasterDeath(t, 'fast')
  const queues = result.summary.queues.filter((q) => q.topic === 'Across')
  t.deepEqual(
    queues.map((q) => q.lastServedByBrokerId),
    [1, 1],
    'both queues now pulled from the slave',
  )
})
