import test from 'ava'
import {SubscriptionGroupManager} from '../../../runtime/broker/subscription/subscription-group-manager.js'
import {MemoryConfigFiles} from '../../helpers/memory-config-files.js'

test('groups are auto-created with RocketMQ defaults when allowed', (t) => {
  const m = new SubscriptionGroupManager({autoCreateSubscriptionGroup: true}, new MemoryConfigFiles(), () => 5)
  const v = m.dataVersion.counter
  t.deepEqual(m.findSubscriptionGroupConfig('GID_test'), {
    brokerId: 0,
    consumeBroadcastEnable: true,
    consumeEnable: true,
    consumeFromMinEnable: true,
    groupName: 'GID_test',
    notifyConsumerIdsChangedEnable: true,
    retryMaxTimes: 16,
    retryQueueNums: 1,
    whichBrokerWhenConsumeSlowly: 1,
  })
  t.is(m.dataVersion.counter, v + 1)
})

test('without auto-create unknown groups are missing, system groups still come', (t) => {
  const m = new SubscriptionGroupManager({autoCreateSubscriptionGroup: false}, new MemoryConfigFiles())
  t.is(m.findSubscriptionGroupConfig('GID_test'), undefined)
  t.truthy(m.findSubscriptionGroupConfig('CID_RMQ_SYS_X'))
  t.truthy(m.findSubscriptionGroupConfig('TOOLS_CONSUMER'))
})

test('subscriptionGroup.json round-trips', async (t) => {
  const files = new MemoryConfigFiles()
  const m = new SubscriptionGroupManager({autoCreateSubscriptionGroup: false}, files)
  const g = {...m.findSubscriptionGroupConfig('TOOLS_CONSUMER')!, groupName: 'G2', retryMaxTimes: 3, consumeEnable: false}
  m.updateSubscriptionGroupConfig(g)
  await m.persist()
  const other = new SubscriptionGroupManager({autoCreateSubscriptionGroup: false}, files)
  await other.load()
  t.deepEqual(other.getSubscriptionGroupConfig('G2'), g)
  t.deepEqual(other.dataVersion, m.dataVersion)
  t.true(other.deleteSubscriptionGroupConfig('G2'))
  t.is(other.getSubscriptionGroupConfig('G2'), undefined)
})

test('values written as strings load as numbers and booleans; wrong types are refused', async (t) => {
  const files = new MemoryConfigFiles()
  files.files.set('subscriptionGroup.json', JSON.stringify({subscriptionGroupTable: {G: {groupName: 'G', retryMaxTimes: '5', consumeEnable: 'false'}}}))
  const m = new SubscriptionGroupManager({autoCreateSubscriptionGroup: false}, files)
  await m.load()
  t.like(m.getSubscriptionGroupConfig('G'), {retryMaxTimes: 5, consumeEnable: false, retryQueueNums: 1})
  files.files.set('subscriptionGroup.json', JSON.stringify({subscriptionGroupTable: {G: {retryMaxTimes: 'many'}}}))
  await t.throwsAsync(() => new SubscriptionGroupManager({autoCreateSubscriptionGroup: false}, files).load(), {message: /retryMaxTimes/})
})
