import test from 'ava'
import {TopicConfigManager} from '../../../runtime/broker/topic/topic-config-manager.js'
import {PermName} from '../../../runtime/broker/topic/perm-name.js'
import {defaultBrokerConfig} from '../../../runtime/config/broker-config.js'
import {MemoryConfigFiles} from '../../helpers/memory-config-files.js'

function manager(overrides: Partial<ReturnType<typeof defaultBrokerConfig>> = {}, files = new MemoryConfigFiles()) {
  const config = {...defaultBrokerConfig(), brokerClusterName: 'DefaultCluster', brokerName: 'broker-a', ...overrides}
  let now = 1000
  return {m: new TopicConfigManager(config, files, () => now++), files}
}

test('a 4.9.8 broker starts with its system topics', (t) => {
  const {m} = manager()
  const names = m
    .topics()
    .map((tc) => tc.topicName)
    .sort()
  t.deepEqual(names, [
    'BenchmarkTest',
    'DefaultCluster',
    'DefaultCluster_REPLY_TOPIC',
    'OFFSET_MOVED_EVENT',
    'SCHEDULE_TOPIC_XXXX',
    'SELF_TEST_TOPIC',
    'TBW102',
    'broker-a',
  ])
  t.like(m.selectTopicConfig('TBW102'), {readQueueNums: 8, writeQueueNums: 8, perm: 7})
  t.like(m.selectTopicConfig('SCHEDULE_TOPIC_XXXX'), {readQueueNums: 18, writeQueueNums: 18, perm: 6})
  t.like(m.selectTopicConfig('DefaultCluster'), {readQueueNums: 16, perm: 7})
  t.like(m.selectTopicConfig('broker-a'), {readQueueNums: 1, perm: 7})
  t.like(m.selectTopicConfig('BenchmarkTest'), {readQueueNums: 1024})
})

test('TBW102 is absent with autoCreateTopicEnable off; cluster/broker topics lose R/W when disabled; trace topic when enabled', (t) => {
  const {m} = manager({autoCreateTopicEnable: false, clusterTopicEnable: false, brokerTopicEnable: false, traceTopicEnable: true})
  t.is(m.selectTopicConfig('TBW102'), undefined)
  t.is(m.selectTopicConfig('DefaultCluster')?.perm, PermName.INHERIT)
  t.is(m.selectTopicConfig('broker-a')?.perm, PermName.INHERIT)
  t.truthy(m.selectTopicConfig('RMQ_SYS_TRACE_TOPIC'))
})

test('auto-create on send takes min(client queue nums, TBW102 write queues) and drops INHERIT', (t) => {
  const {m} = manager({defaultTopicQueueNums: 8})
  const changes: string[] = []
  m.onTopicChanged((tc) => changes.push(tc?.topicName ?? '*'))
  const v0 = m.dataVersion.counter
  const tc = m.createTopicInSendMessageMethod('NewTopic', 'TBW102', '127.0.0.1:5555', 4, 0)
  t.like(tc, {topicName: 'NewTopic', readQueueNums: 4, writeQueueNums: 4, perm: 6})
  const big = m.createTopicInSendMessageMethod('Big', 'TBW102', 'x', 100, 0)
  t.is(big?.writeQueueNums, 8)
  t.deepEqual(changes, ['NewTopic', 'Big'])
  t.is(m.dataVersion.counter, v0 + 2)
  // Existing topics are returned as they are, with no change event.
  t.is(m.createTopicInSendMessageMethod('NewTopic', 'TBW102', 'x', 1, 0)?.writeQueueNums, 4)
  t.is(changes.length, 2)
})

test('auto-create fails without the template, or when the template lacks INHERIT', (t) => {
  const {m} = manager()
  t.is(m.createTopicInSendMessageMethod('T1', 'NoSuchTopic', 'x', 4, 0), undefined)
  t.is(m.createTopicInSendMessageMethod('T2', 'SELF_TEST_TOPIC', 'x', 4, 0), undefined)
  t.is(m.selectTopicConfig('T1'), undefined)
})

test('a TBW102 left in topics.json does not lend INHERIT once autoCreateTopicEnable is off', async (t) => {
  const files = new MemoryConfigFiles()
  const first = manager({}, files).m
  await first.persist()
  const {m} = manager({autoCreateTopicEnable: false}, files)
  await m.load()
  t.truthy(m.selectTopicConfig('TBW102'))
  t.is(m.createTopicInSendMessageMethod('T', 'TBW102', 'x', 4, 0), undefined)
})

test('retry topics are created by the send-back method with the given queues and perm', (t) => {
  const {m} = manager()
  t.like(m.createTopicInSendMessageBackMethod('%RETRY%G', 1, 6, 0), {readQueueNums: 1, writeQueueNums: 1, perm: 6})
})

test('topics.json round-trips through persist and load, keeping the data version', async (t) => {
  const {m, files} = manager()
  m.updateTopicConfig({topicName: 'Orders', readQueueNums: 3, writeQueueNums: 5, perm: 6, topicFilterType: 'SINGLE_TAG', topicSysFlag: 0, order: true})
  await m.persist()
  const text = files.files.get('topics.json')!
  t.true(text.includes('"Orders"'))
  const {m: other} = manager({}, files)
  await other.load()
  t.deepEqual(other.selectTopicConfig('Orders'), m.selectTopicConfig('Orders'))
  t.deepEqual(other.dataVersion, m.dataVersion)
  t.true(other.isOrderTopic('Orders'))
})

test('a corrupt topics.json falls back to topics.json.bak, and fails loudly without one', async (t) => {
  const files = new MemoryConfigFiles()
  files.files.set('topics.json', '{"topicConfigTable": {"A": ')
  const {m} = manager({}, files)
  await t.throwsAsync(() => m.load(), {message: /topics\.json: cannot be loaded/})
  files.files.set('topics.json.bak', JSON.stringify({topicConfigTable: {A: {topicName: 'A', readQueueNums: 2, writeQueueNums: 2, perm: 6}}}))
  const {m: again} = manager({}, files)
  await again.load()
  t.is(again.selectTopicConfig('A')?.readQueueNums, 2)
})

test('delete removes the topic and bumps the version', (t) => {
  const {m} = manager()
  m.updateTopicConfig({topicName: 'Gone', readQueueNums: 1, writeQueueNums: 1, perm: 6, topicFilterType: 'SINGLE_TAG', topicSysFlag: 0, order: false})
  const v = m.dataVersion.counter
  t.true(m.deleteTopicConfig('Gone'))
  t.false(m.deleteTopicConfig('Gone'))
  t.is(m.dataVersion.counter, v + 1)
})

test('bursts of changes coalesce into few writes', async (t) => {
  const {m, files} = manager()
  for (let i = 0; i < 50; i++) m.createTopicInSendMessageBackMethod(`%RETRY%G${i}`, 1, 6, 0)
  await m.persist()
  t.true(files.writes <= 3, `writes: ${files.writes}`)
  t.true(files.files.get('topics.json')!.includes('%RETRY%G49'))
})
