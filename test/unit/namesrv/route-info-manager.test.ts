import test from 'ava'
import {newTopicConfig} from '../../../runtime/remoting/body/topic-config.js'
import type {TopicConfigSerializeWrapper} from '../../../runtime/remoting/body/topic-config-serialize-wrapper.js'
import {RouteInfoManager, type BrokerRegistration} from '../../../runtime/namesrv/route-info-manager.js'

function wrapper(topics: Record<string, number>, counter = 1, timestamp = 1000): TopicConfigSerializeWrapper {
  const topicConfigTable: TopicConfigSerializeWrapper['topicConfigTable'] = {}
  for (const [name, queues] of Object.entries(topics)) topicConfigTable[name] = newTopicConfig(name, {readQueueNums: queues, writeQueueNums: queues})
  return {topicConfigTable, dataVersion: {timestamp, counter}}
}

function reg(over: Partial<BrokerRegistration> & {brokerName: string; brokerAddr: string; brokerId: number}): BrokerRegistration {
  return {clusterName: 'C', haServerAddr: over.brokerAddr.replace(/\d+$/, (p) => String(Number(p) + 1)), topicConfigWrapper: wrapper({T: 4}), ...over}
}

function setup(start = 0) {
  let now = start
  const rim = new RouteInfoManager({clock: () => now})
  return {rim, advance: (ms: number) => (now += ms)}
}

test('a master registration creates the cluster, the group and queue data; the route lists them', (t) => {
  const {rim} = setup()
  t.deepEqual(rim.registerBroker(reg({brokerName: 'broker-a', brokerAddr: '127.0.0.1:10911', brokerId: 0})), {})
  t.deepEqual(rim.pickupTopicRouteData('T'), {
    queueDatas: [{brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0}],
    brokerDatas: [{cluster: 'C', brokerName: 'broker-a', brokerAddrs: {'0': '127.0.0.1:10911'}}],
    filterServerTable: {},
  })
  t.is(rim.pickupTopicRouteData('Unknown'), undefined)
  t.deepEqual(rim.getAllClusterInfo(), {
    brokerAddrTable: {'broker-a': {cluster: 'C', brokerName: 'broker-a', brokerAddrs: {'0': '127.0.0.1:10911'}}},
    clusterAddrTable: {C: ['broker-a']},
  })
})

test("a slave registration gets the live master's addresses; its topics do not create queue data", (t) => {
  const {rim} = setup()
  // Slave before master: no master yet, nothing returned, no queue data from the slave.
  t.deepEqual(rim.registerBroker(reg({brokerName: 'broker-a', brokerAddr: '127.0.0.1:10921', brokerId: 1, topicConfigWrapper: wrapper({S: 2})})), {})
  t.is(rim.pickupTopicRouteData('S'), undefined)
  rim.registerBroker(reg({brokerName: 'broker-a', brokerAddr: '127.0.0.1:10911', brokerId: 0, haServerAddr: '127.0.0.1:10912'}))
  t.deepEqual(rim.registerBroker(reg({brokerName: 'broker-a', brokerAddr: '127.0.0.1:10921', brokerId: 1})), {
    haServerAddr: '127.0.0.1:10912',
    masterAddr: '127.0.0.1:10911',
  })
  t.deepEqual(rim.pickupTopicRouteData('T')?.brokerDatas[0]?.brokerAddrs, {'0': '127.0.0.1:10911', '1': '127.0.0.1:10921'})
})

test('same address under a new id replaces the old entry (slave → master flip)', (t) => {
  const {rim} = setup()
  rim.registerBroker(reg({brokerName: 'g', brokerAddr: 'h:1', brokerId: 0}))
  rim.registerBroker(reg({brokerName: 'g', brokerAddr: 'h:2', brokerId: 1}))
  // The master goes away; the slave re-registers as the master.
  rim.unregisterBroker('C', 'h:1', 'g', 0)
  rim.registerBroker(reg({brokerName: 'g', brokerAddr: 'h:2', brokerId: 0}))
  t.deepEqual(rim.getAllClusterInfo().brokerAddrTable.g?.brokerAddrs, {'0': 'h:2'})
})

test("queue data follows the master's DataVersion: unchanged version → no update", (t) => {
  const {rim} = setup()
  rim.registerBroker(reg({brokerName: 'g', brokerAddr: 'h:1', brokerId: 0, topicConfigWrapper: wrapper({T: 4}, 1)}))
  rim.registerBroker(reg({brokerName: 'g', brokerAddr: 'h:1', brokerId: 0, topicConfigWrapper: wrapper({T: 8, U: 1}, 1)}))
  t.is(rim.pickupTopicRouteData('T')?.queueDatas[0]?.writeQueueNums, 4)
  t.is(rim.pickupTopicRouteData('U'), undefined)
  rim.registerBroker(reg({brokerName: 'g', brokerAddr: 'h:1', brokerId: 0, topicConfigWrapper: wrapper({T: 8, U: 1}, 2)}))
  t.is(rim.pickupTopicRouteData('T')?.queueDatas[0]?.writeQueueNums, 8)
  t.truthy(rim.pickupTopicRouteData('U'))
})

test('connection close drops only that broker; queue data stays while the group has an address', (t) => {
  const {rim} = setup()
  const masterConn = {}
  const slaveConn = {}
  rim.registerBroker(reg({brokerName: 'g', brokerAddr: 'h:1', brokerId: 0, channel: masterConn}))
  rim.registerBroker(reg({brokerName: 'g', brokerAddr: 'h:2', brokerId: 1, channel: slaveConn}))
  t.is(rim.onChannelDestroy({}), undefined)
  t.is(rim.onChannelDestroy(masterConn), 'h:1')
  const route = rim.pickupTopicRouteData('T')
  t.deepEqual(route?.brokerDatas[0]?.brokerAddrs, {'1': 'h:2'})
  t.is(route?.queueDatas.length, 1)
  t.is(rim.onChannelDestroy(slaveConn), 'h:2')
  t.is(rim.pickupTopicRouteData('T'), undefined)
  t.deepEqual(rim.getAllClusterInfo(), {brokerAddrTable: {}, clusterAddrTable: {}})
  t.deepEqual(rim.topicLists.getAllTopicList().topicList, [])
})

test('a re-registration on a new connection is not dropped when the old connection closes', (t) => {
  const {rim} = setup()
  const first = {}
  rim.registerBroker(reg({brokerName: 'g', brokerAddr: 'h:1', brokerId: 0, channel: first}))
  rim.registerBroker(reg({brokerName: 'g', brokerAddr: 'h:1', brokerId: 0, channel: {}}))
  t.is(rim.onChannelDestroy(first), undefined)
  t.truthy(rim.pickupTopicRouteData('T'))
})

test('brokers silent for more than 120 s are dropped by the scan; fresh ones stay', (t) => {
  const {rim, advance} = setup(1_000_000)
  const conn = {}
  rim.registerBroker(reg({brokerName: 'a', brokerAddr: 'h:1', brokerId: 0, channel: conn}))
  advance(60_000)
  rim.registerBroker(reg({brokerName: 'b', brokerAddr: 'h:3', brokerId: 0}))
  advance(60_000)
  t.deepEqual(rim.scanNotActiveBroker(), [], 'exactly 120 s is not yet expired')
  advance(1)
  t.deepEqual(rim.scanNotActiveBroker(), [{brokerAddr: 'h:1', channel: conn}])
  t.deepEqual(Object.keys(rim.getAllClusterInfo().brokerAddrTable), ['b'])
  t.deepEqual(
    rim.pickupTopicRouteData('T')?.brokerDatas.map((b) => b.brokerName),
    ['b'],
  )
})

test('unregister removes the address, then the group, its cluster membership and topics', (t) => {
  const {rim} = setup()
  rim.registerBroker(reg({brokerName: 'a', brokerAddr: 'h:1', brokerId: 0, topicConfigWrapper: wrapper({T: 4, OnlyA: 1})}))
  rim.registerBroker(reg({brokerName: 'b', brokerAddr: 'h:3', brokerId: 0}))
  rim.unregisterBroker('C', 'h:1', 'a', 0)
  t.is(rim.pickupTopicRouteData('OnlyA'), undefined)
  t.deepEqual(
    rim.pickupTopicRouteData('T')?.queueDatas.map((q) => q.brokerName),
    ['b'],
  )
  t.deepEqual(rim.getAllClusterInfo().clusterAddrTable, {C: ['b']})
})

test('routes list groups and queues sorted by brokerName', (t) => {
  const {rim} = setup()
  for (const name of ['broker-c', 'broker-a', 'broker-b']) rim.registerBroker(reg({brokerName: name, brokerAddr: `${name}:1`, brokerId: 0}))
  const route = rim.pickupTopicRouteData('T')!
  t.deepEqual(
    route.queueDatas.map((q) => q.brokerName),
    ['broker-a', 'broker-b', 'broker-c'],
  )
  t.deepEqual(
    route.brokerDatas.map((b) => b.brokerName),
    ['broker-a', 'broker-b', 'broker-c'],
  )
})

test('topic lists: all, by cluster, system, unit flags; delete by cluster', (t) => {
  const {rim} = setup()
  const w = wrapper({T: 4, X: 1})
  w.topicConfigTable.U = newTopicConfig('U', {topicSysFlag: 1})
  w.topicConfigTable.S = newTopicConfig('S', {topicSysFlag: 2})
  rim.registerBroker(reg({clusterName: 'C1', brokerName: 'a', brokerAddr: 'h:1', brokerId: 0, topicConfigWrapper: w}))
  rim.registerBroker(reg({clusterName: 'C2', brokerName: 'b', brokerAddr: 'h:3', brokerId: 0, topicConfigWrapper: wrapper({T: 2, Y: 1})}))
  t.deepEqual(rim.topicLists.getAllTopicList().topicList.sort(), ['S', 'T', 'U', 'X', 'Y'])
  t.deepEqual(rim.topicLists.getTopicsByCluster('C2').topicList.sort(), ['T', 'Y'])
  t.deepEqual(rim.topicLists.getTopicsByCluster('nope').topicList, [])
  const sys = rim.topicLists.getSystemTopicList()
  t.deepEqual(sys.topicList.sort(), ['C1', 'C2', 'a', 'b'])
  t.is(sys.brokerAddr, 'h:1')
  t.deepEqual(rim.topicLists.getUnitTopics().topicList, ['U'])
  t.deepEqual(rim.topicLists.getHasUnitSubTopicList().topicList, ['S'])
  t.deepEqual(rim.topicLists.getHasUnitSubUnUnitTopicList().topicList, ['S'])
  rim.deleteTopic('T', 'C1')
  t.deepEqual(
    rim.pickupTopicRouteData('T')?.queueDatas.map((q) => q.brokerName),
    ['b'],
  )
  rim.deleteTopic('T')
  t.is(rim.pickupTopicRouteData('T'), undefined)
})

test('wipe and add write permission', (t) => {
  const {rim} = setup()
  rim.registerBroker(reg({brokerName: 'a', brokerAddr: 'h:1', brokerId: 0, topicConfigWrapper: wrapper({T: 4, X: 1})}))
  t.is(rim.wipeWritePermOfBroker('a'), 2)
  t.is(rim.pickupTopicRouteData('T')?.queueDatas[0]?.perm, 4)
  t.is(rim.addWritePermOfBroker('a'), 2)
  t.is(rim.pickupTopicRouteData('X')?.queueDatas[0]?.perm, 6)
  t.is(rim.wipeWritePermOfBroker('nobody'), 0)
})

test('data version queries', (t) => {
  const {rim, advance} = setup(5)
  rim.registerBroker(reg({brokerName: 'a', brokerAddr: 'h:1', brokerId: 0, topicConfigWrapper: wrapper({T: 4}, 3, 77)}))
  t.false(rim.isBrokerTopicConfigChanged('h:1', {timestamp: 77, counter: 3}))
  t.true(rim.isBrokerTopicConfigChanged('h:1', {timestamp: 77, counter: 4}))
  t.true(rim.isBrokerTopicConfigChanged('h:9', {timestamp: 77, counter: 3}))
  t.deepEqual(rim.queryBrokerTopicConfig('h:1'), {timestamp: 77, counter: 3})
  advance(200_000)
  rim.updateBrokerInfoUpdateTimestamp('h:1')
  t.deepEqual(rim.scanNotActiveBroker(), [])
})
