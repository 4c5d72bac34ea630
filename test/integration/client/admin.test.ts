import test from 'ava'
import {MQClientError} from '../../../src/client/client-errors.js'
import {startClientLab} from './client-lab.js'

test('createTopic defaults to 8/8 queues, perm 6, on every master; list and route show it', async (t) => {
  const lab = await startClientLab(t, ['broker-a', 'broker-b'])
  const created = await lab.admin.createTopic({topic: 'AdminTopic', cluster: lab.cluster})
  t.like(created, {topic: 'AdminTopic', readQueueNums: 8, writeQueueNums: 8, perm: 6})
  t.deepEqual(
    created.brokers.map((b) => [b.cluster, b.brokerName, b.ok]),
    [
      [lab.cluster, 'broker-a', true],
      [lab.cluster, 'broker-b', true],
    ],
  )
  t.true((await lab.admin.topicList()).includes('AdminTopic'))
  const route = await lab.admin.topicRoute('AdminTopic')
  t.deepEqual(route.queueDatas.map((q) => [q.brokerName, q.readQueueNums, q.writeQueueNums, q.perm]).sort(), [
    ['broker-a', 8, 8, 6],
    ['broker-b', 8, 8, 6],
  ])
  t.deepEqual(
    route.brokerDatas.map((b) => b.brokerAddrs['0']).sort(),
    [lab.brokers.get('broker-a')!.brokerAddr, lab.brokers.get('broker-b')!.brokerAddr].sort(),
  )
})

test('createTopic refuses an unknown cluster and a bad name before sending anything', async (t) => {
  const lab = await startClientLab(t, ['broker-a'])
  const unknown = await t.throwsAsync(lab.admin.createTopic({topic: 'T', cluster: 'Nope'}), {instanceOf: MQClientError})
  t.is(unknown?.code, 'INVALID_ARGUMENT')
  t.regex(unknown?.suggestion ?? '', new RegExp(lab.cluster))
  const bad = await t.throwsAsync(lab.admin.createTopic({topic: 'a b'}), {instanceOf: MQClientError})
  t.is(bad?.code, 'INVALID_ARGUMENT')
  const zero = await t.throwsAsync(lab.admin.createTopic({topic: 'T', writeQueueNums: 0}), {instanceOf: MQClientError})
  t.is(zero?.code, 'INVALID_ARGUMENT')
})

test('clusterList shows each broker with version and TPS from its runtime info', async (t) => {
  const lab = await startClientLab(t, ['broker-a', 'broker-b'])
  const rows = await lab.admin.clusterList()
  t.deepEqual(
    rows.map((r) => [r.cluster, r.brokerName, r.brokerId, r.addr]),
    [
      [lab.cluster, 'broker-a', 0, lab.brokers.get('broker-a')!.brokerAddr],
      [lab.cluster, 'broker-b', 0, lab.brokers.get('broker-b')!.brokerAddr],
    ],
  )
  for (const row of rows) {
    t.is(row.error, undefined)
    t.regex(row.version ?? '', /^V4_/)
    t.is(typeof row.inTps, 'number')
    t.is(typeof row.outTps, 'number')
  }
  const info = await lab.admin.brokerRuntimeInfo(lab.brokers.get('broker-a')!.brokerAddr)
  t.truthy(info.brokerVersionDesc)
})

test('topicRoute of an unknown topic is TOPIC_NOT_EXIST with a suggestion', async (t) => {
  const lab = await startClientLab(t, ['broker-a'])
  const err = await t.throwsAsync(lab.admin.topicRoute('Ghost'), {instanceOf: MQClientError})
  t.is(err?.code, 'TOPIC_NOT_EXIST')
  t.regex(err?.suggestion ?? '', /topic create Ghost/)
})
