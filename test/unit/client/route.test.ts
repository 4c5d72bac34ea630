import test from 'ava'
import {BrokerAddrTable} from '../../../src/client/route/broker-addr-table.js'
import {capDefaultTopicRoute, topicRouteToPublishInfo} from '../../../src/client/route/topic-publish-info.js'
import {topicRouteToSubscribeInfo} from '../../../src/client/route/topic-subscribe-info.js'
import type {TopicRouteView} from '../../../src/client/route/topic-route-view.js'

const twoGroups: TopicRouteView = {
  queueDatas: [
    {brokerName: 'broker-b', readQueueNums: 2, writeQueueNums: 2, perm: 6},
    {brokerName: 'broker-a', readQueueNums: 3, writeQueueNums: 2, perm: 6},
  ],
  brokerDatas: [
    {cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: {'0': '127.0.0.1:10911', '1': '127.0.0.1:10921'}},
    {cluster: 'DefaultCluster', brokerName: 'broker-b', brokerAddrs: {'0': '127.0.0.1:10811'}},
  ],
}

const names = (qs: readonly {brokerName: string; queueId: number}[]) => qs.map((q) => `${q.brokerName}/${q.queueId}`)

test('publish info lists write queues in brokerName order', (t) => {
  const info = topicRouteToPublishInfo('T', twoGroups)
  t.deepEqual(names(info.messageQueues), ['broker-a/0', 'broker-a/1', 'broker-b/0', 'broker-b/1'])
  t.true(info.ok())
  t.false(info.orderTopic)
})

test('publish info skips a group whose master is gone (route shows only the slave) — §5', (t) => {
  const route: TopicRouteView = {
    ...twoGroups,
    brokerDatas: [
      {brokerName: 'broker-a', brokerAddrs: {'1': '127.0.0.1:10921'}},
      {brokerName: 'broker-b', brokerAddrs: {'0': '127.0.0.1:10811'}},
    ],
  }
  t.deepEqual(names(topicRouteToPublishInfo('T', route).messageQueues), ['broker-b/0', 'broker-b/1'])
})

test('publish info skips queue data that is not writable, and groups without broker data', (t) => {
  const route: TopicRouteView = {
    queueDatas: [
      {brokerName: 'broker-a', readQueueNums: 2, writeQueueNums: 2, perm: 4},
      {brokerName: 'broker-c', readQueueNums: 2, writeQueueNums: 2, perm: 6},
    ],
    brokerDatas: twoGroups.brokerDatas,
  }
  const info = topicRouteToPublishInfo('T', route)
  t.deepEqual(info.messageQueues, [])
  t.false(info.ok())
  t.is(info.selectOneMessageQueue(), undefined)
})

test('an order-topic config overrides queue data', (t) => {
  const info = topicRouteToPublishInfo('T', {...twoGroups, orderTopicConf: 'broker-b:1;broker-a:2'})
  t.true(info.orderTopic)
  t.deepEqual(names(info.messageQueues), ['broker-b/0', 'broker-a/0', 'broker-a/1'])
})

test('selection rotates round robin from the seeded index', (t) => {
  const info = topicRouteToPublishInfo('T', twoGroups, {startIndex: 0})
  const picked = Array.from({length: 5}, () => info.selectOneMessageQueue()!)
  t.deepEqual(names(picked), ['broker-a/1', 'broker-b/0', 'broker-b/1', 'broker-a/0', 'broker-a/1'])
})

test('a retry avoids the broker that just failed', (t) => {
  const info = topicRouteToPublishInfo('T', twoGroups, {startIndex: 0})
  // index 1 → broker-a/1 is on the failed broker, index 2 → broker-b/0 is not.
  t.deepEqual(names([info.selectOneMessageQueue('broker-a')!]), ['broker-b/0'])
  // next: index 3 → broker-b/1 on the failed broker; 4 → broker-a/0.
  t.deepEqual(names([info.selectOneMessageQueue('broker-b')!]), ['broker-a/0'])
})

test('with a single broker a retry falls back to the same broker', (t) => {
  const route: TopicRouteView = {queueDatas: [twoGroups.queueDatas[0]!], brokerDatas: [twoGroups.brokerDatas[1]!]}
  const info = topicRouteToPublishInfo('T', route, {startIndex: 5})
  t.is(info.selectOneMessageQueue('broker-b')!.brokerName, 'broker-b')
})

test('the index wraps at 2^31 without going negative', (t) => {
  const info = topicRouteToPublishInfo('T', twoGroups, {startIndex: 0x7fffffff})
  const mq = info.selectOneMessageQueue()!
  t.deepEqual(names([mq]), ['broker-a/0'])
})

test('TBW102 fallback caps queue counts to min(defaultTopicQueueNums, read queues)', (t) => {
  const tbw102: TopicRouteView = {
    queueDatas: [
      {brokerName: 'broker-a', readQueueNums: 8, writeQueueNums: 8, perm: 7},
      {brokerName: 'broker-b', readQueueNums: 2, writeQueueNums: 8, perm: 7},
    ],
    brokerDatas: twoGroups.brokerDatas,
  }
  const capped = capDefaultTopicRoute(tbw102, 4)
  t.deepEqual(
    capped.queueDatas.map((q) => [q.brokerName, q.readQueueNums, q.writeQueueNums]),
    [
      ['broker-a', 4, 4],
      ['broker-b', 2, 2],
    ],
  )
  const info = topicRouteToPublishInfo('NewTopic', capped, {fromDefaultTopic: true})
  t.is(info.messageQueues.length, 6)
  t.true(info.messageQueues.every((q) => q.topic === 'NewTopic'))
  t.true(info.fromDefaultTopic)
  t.is(tbw102.queueDatas[0]!.writeQueueNums, 8, 'the input route is not modified')
})

test('subscribe info lists every readable queue, including a master-less group', (t) => {
  const route: TopicRouteView = {
    queueDatas: [...twoGroups.queueDatas, {brokerName: 'broker-c', readQueueNums: 1, writeQueueNums: 1, perm: 2}],
    brokerDatas: [{brokerName: 'broker-a', brokerAddrs: {'1': 'x:1'}}, twoGroups.brokerDatas[1]!],
  }
  t.deepEqual(names(topicRouteToSubscribeInfo('T', route)), ['broker-a/0', 'broker-a/1', 'broker-a/2', 'broker-b/0', 'broker-b/1'])
})

test('broker lookups: publish = master only; subscribe follows the suggestion, then id+1, then lowest', (t) => {
  const table = new BrokerAddrTable()
  table.updateFromRoute(twoGroups)
  t.is(table.findBrokerAddressInPublish('broker-a'), '127.0.0.1:10911')
  t.is(table.findBrokerAddressInPublish('nope'), undefined)
  t.like(table.findBrokerAddressInSubscribe('broker-a', 1, false), {addr: '127.0.0.1:10921', brokerId: 1, slave: true})
  t.like(table.findBrokerAddressInSubscribe('broker-a', 0, false), {addr: '127.0.0.1:10911', brokerId: 0, slave: false})
  // brokerId 2 is not there: id+1 (3) is not either, so the lowest id (the master) is used.
  t.like(table.findBrokerAddressInSubscribe('broker-a', 2, false), {brokerId: 0})
  t.is(table.findBrokerAddressInSubscribe('broker-a', 2, true), undefined)
  t.like(table.findBrokerAddressInSubscribe('broker-a', 0, true), {brokerId: 0})
})

test('broker lookups when the master is gone: subscribe and admin use the slave, publish finds nothing', (t) => {
  const table = new BrokerAddrTable()
  table.updateFromRoute(twoGroups)
  table.updateFromRoute({queueDatas: [], brokerDatas: [{brokerName: 'broker-a', brokerAddrs: {'1': '127.0.0.1:10921'}}]})
  t.is(table.findBrokerAddressInPublish('broker-a'), undefined)
  t.like(table.findBrokerAddressInSubscribe('broker-a', 0, false), {addr: '127.0.0.1:10921', brokerId: 1, slave: true})
  t.is(table.findBrokerAddressInSubscribe('broker-a', 0, true), undefined)
  t.like(table.findBrokerAddressInAdmin('broker-a'), {brokerId: 1, slave: true})
  t.like(table.findBrokerAddressInAdmin('broker-b'), {brokerId: 0, slave: false})
  t.is(table.allBrokers().length, 2)
})
