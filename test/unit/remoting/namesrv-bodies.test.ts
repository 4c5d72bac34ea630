import test from 'ava'
import {createRequire} from 'node:module'
import {deflateSync, inflateSync} from 'node:zlib'
import {decodeClusterInfo, encodeClusterInfo} from '../../../runtime/remoting/body/cluster-info.js'
import {decodeKVTable, encodeKVTable} from '../../../runtime/remoting/body/kv-table.js'
import {decodeRegisterBrokerBody, encodeRegisterBrokerBody, type RegisterBrokerBody} from '../../../runtime/remoting/body/register-broker-body.js'
import {decodeTopicList, encodeTopicList} from '../../../runtime/remoting/body/topic-list.js'
import {decodeTopicRouteData, encodeTopicRouteData, routeJsonDialect, type TopicRouteData} from '../../../runtime/remoting/body/topic-route-data.js'
import {newTopicConfig} from '../../../runtime/remoting/body/topic-config.js'

const route: TopicRouteData = {
  queueDatas: [{brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0}],
  brokerDatas: [{cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: {'1': '127.0.0.1:10921', '0': '127.0.0.1:10911'}}],
  filterServerTable: {},
}

test("legacy route JSON is fastjson's: bare brokerId keys, alphabetical keys (docs/rocketmq-facts.md §2.3 example)", (t) => {
  t.is(
    encodeTopicRouteData(route, 'legacy').toString(),
    '{"brokerDatas":[{"brokerAddrs":{0:"127.0.0.1:10911",1:"127.0.0.1:10921"},"brokerName":"broker-a","cluster":"DefaultCluster"}],"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}',
  )
  t.throws(() => JSON.parse(encodeTopicRouteData(route, 'legacy').toString()))
})

test('standard route JSON quotes the keys and is valid JSON', (t) => {
  const text = encodeTopicRouteData({...route, orderTopicConf: 'broker-a:4'}, 'standard').toString()
  t.is(
    text,
    '{"brokerDatas":[{"brokerAddrs":{"0":"127.0.0.1:10911","1":"127.0.0.1:10921"},"brokerName":"broker-a","cluster":"DefaultCluster"}],"filterServerTable":{},"orderTopicConf":"broker-a:4","queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}',
  )
  t.notThrows(() => JSON.parse(text))
})

test('standard JSON escapes non-ASCII (BrowserCompatible); legacy keeps UTF-8', (t) => {
  const r = {...route, brokerDatas: [{...route.brokerDatas[0]!, cluster: 'Clüster'}]}
  t.true(encodeTopicRouteData(r, 'standard').toString().includes('"Cl\\u00FCster"'))
  t.true(encodeTopicRouteData(r, 'legacy').toString().includes('"Clüster"'))
  t.is(decodeTopicRouteData(encodeTopicRouteData(r, 'standard')).brokerDatas[0]!.cluster, 'Clüster')
})

test('dialect by version as 4.9.8: < 401 legacy unless acceptStandardJsonOnly', (t) => {
  t.is(routeJsonDialect(121, undefined), 'legacy')
  t.is(routeJsonDialect(400, false), 'legacy')
  t.is(routeJsonDialect(121, true), 'standard')
  t.is(routeJsonDialect(401, undefined), 'standard')
  t.is(routeJsonDialect(409, false), 'standard')
})

test('both dialects decode to the same object, with topicSynFlag (≤ 4.8) accepted', (t) => {
  const sorted = {...route, brokerDatas: [{...route.brokerDatas[0]!, brokerAddrs: {'0': '127.0.0.1:10911', '1': '127.0.0.1:10921'}}]}
  t.deepEqual(decodeTopicRouteData(encodeTopicRouteData(route, 'legacy')), sorted)
  t.deepEqual(decodeTopicRouteData(encodeTopicRouteData(route, 'standard')), sorted)
  const old = '{"brokerDatas":[],"filterServerTable":{},"queueDatas":[{"brokerName":"b","perm":6,"readQueueNums":1,"topicSynFlag":3,"writeQueueNums":1}]}'
  t.is(decodeTopicRouteData(old).queueDatas[0]!.topicSysFlag, 3)
  t.throws(() => decodeTopicRouteData('[]'))
})

test("ali-ons's parser (JSON2, eval-based) reads the legacy route", (t) => {
  const require = createRequire(import.meta.url)
  const JSON2 = require('JSON2') as {parse(s: string): any}
  const parsed = JSON2.parse(encodeTopicRouteData(route, 'legacy').toString())
  t.is(parsed.brokerDatas[0].brokerAddrs['0'], '127.0.0.1:10911')
  t.is(parsed.queueDatas[0].writeQueueNums, 4)
})

test('cluster info is legacy by default and round-trips', (t) => {
  const info = {
    brokerAddrTable: {'broker-a': {cluster: 'C', brokerName: 'broker-a', brokerAddrs: {'0': '127.0.0.1:10911'}}},
    clusterAddrTable: {C: ['broker-a']},
  }
  const text = encodeClusterInfo(info).toString()
  t.is(
    text,
    '{"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"C"}},"clusterAddrTable":{"C":["broker-a"]}}',
  )
  t.deepEqual(decodeClusterInfo(text), info)
  t.deepEqual(decodeClusterInfo(encodeClusterInfo(info, 'standard')), info)
})

test('KV table and topic list', (t) => {
  t.is(encodeKVTable({table: {a: '1'}}).toString(), '{"table":{"a":"1"}}')
  t.deepEqual(decodeKVTable('{"table":{"a":1,"b":"x"}}'), {table: {a: '1', b: 'x'}})
  t.is(encodeTopicList({topicList: ['A', 'B']}).toString(), '{"topicList":["A","B"]}')
  t.is(encodeTopicList({topicList: ['A'], brokerAddr: 'h:1'}).toString(), '{"brokerAddr":"h:1","topicList":["A"]}')
  t.deepEqual(decodeTopicList('{"brokerAddr":"h:1","topicList":["A"]}'), {topicList: ['A'], brokerAddr: 'h:1'})
})

const body: RegisterBrokerBody = {
  topicConfigSerializeWrapper: {
    topicConfigTable: {
      TopicTest: newTopicConfig('TopicTest', {readQueueNums: 4, writeQueueNums: 4}),
      '%RETRY%g': newTopicConfig('%RETRY%g', {readQueueNums: 1, writeQueueNums: 1}),
    },
    dataVersion: {timestamp: 1700000000000, counter: 7},
  },
  filterServerList: [],
}

test('register body, plain JSON form, in fastjson key order', (t) => {
  const bytes = encodeRegisterBrokerBody(body)
  const text = bytes.toString()
  t.true(text.startsWith('{"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{"counter":7,"timestamp":1700000000000},"topicConfigTable":{'))
  t.deepEqual(decodeRegisterBrokerBody(bytes, false), body)
})

test('register body, compressed form: zlib stream of length-prefixed parts as RegisterBrokerBody.encode(true)', (t) => {
  const bytes = encodeRegisterBrokerBody(body, true)
  t.is(bytes[0], 0x78) // zlib header, as Java's DeflaterOutputStream writes
  const raw = inflateSync(bytes)
  const dvLength = raw.readInt32BE(0)
  t.is(raw.toString('utf8', 4, 4 + dvLength), '{"counter":7,"timestamp":1700000000000}')
  t.is(raw.readInt32BE(4 + dvLength), 2)
  const firstLength = raw.readInt32BE(8 + dvLength)
  t.is(raw.toString('utf8', 12 + dvLength, 12 + dvLength + firstLength), 'TopicTest 4 4 6 SINGLE_TAG')
  t.deepEqual(decodeRegisterBrokerBody(bytes, true), body)
})

test('register body: missing data version gets `now`; garbage is rejected', (t) => {
  const decoded = decodeRegisterBrokerBody(Buffer.from('{"topicConfigSerializeWrapper":{"topicConfigTable":{}}}'), false, 42)
  t.deepEqual(decoded.topicConfigSerializeWrapper.dataVersion, {timestamp: 42, counter: 0})
  t.throws(() => decodeRegisterBrokerBody(Buffer.from('not json'), false))
  t.throws(() => decodeRegisterBrokerBody(Buffer.from('not zlib'), true))
  const truncated = encodeRegisterBrokerBody(body, true)
  const raw = inflateSync(truncated)
  t.throws(() => decodeRegisterBrokerBody(deflateSync(raw.subarray(0, raw.length - 3)), true), {message: /truncated/})
})
