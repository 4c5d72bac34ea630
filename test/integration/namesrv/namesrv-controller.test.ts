import test from 'ava'
import {readFile} from 'node:fs/promises'
import {crc32} from '../../../runtime/common/crc32.js'
import {decodeClusterInfo} from '../../../runtime/remoting/body/cluster-info.js'
import {decodeKVTable} from '../../../runtime/remoting/body/kv-table.js'
import {encodeRegisterBrokerBody, type RegisterBrokerBody} from '../../../runtime/remoting/body/register-broker-body.js'
import {newTopicConfig} from '../../../runtime/remoting/body/topic-config.js'
import {decodeTopicList} from '../../../runtime/remoting/body/topic-list.js'
import {decodeTopicRouteData} from '../../../runtime/remoting/body/topic-route-data.js'
import {encodeRegisterBrokerRequestHeader} from '../../../runtime/remoting/header/register-broker-request-header.js'
import {createRequest, type RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {RemotingClient} from '../../../runtime/remoting/remoting-client.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {startNamesrv} from '../../helpers/namesrv-fixture.js'
import {waitUntil} from '../../helpers/wait-until.js'

function body(topics: Record<string, number>, counter = 1): RegisterBrokerBody {
  const topicConfigTable: RegisterBrokerBody['topicConfigSerializeWrapper']['topicConfigTable'] = {}
  for (const [name, q] of Object.entries(topics)) topicConfigTable[name] = newTopicConfig(name, {readQueueNums: q, writeQueueNums: q})
  return {topicConfigSerializeWrapper: {topicConfigTable, dataVersion: {timestamp: 1, counter}}, filterServerList: []}
}

function registerRequest(brokerName: string, brokerAddr: string, brokerId: number, topics: Record<string, number>, compressed = false): RemotingCommand {
  const bytes = encodeRegisterBrokerBody(body(topics), compressed)
  const ha = brokerAddr.replace(/\d+$/, (p) => String(Number(p) + 1))
  return createRequest(
    RequestCode.REGISTER_BROKER,
    encodeRegisterBrokerRequestHeader({brokerName, brokerAddr, clusterName: 'DefaultCluster', haServerAddr: ha, brokerId, compressed, bodyCrc32: crc32(bytes)}),
    bytes,
  )
}

function client(t: {teardown(fn: () => unknown): void}): RemotingClient {
  const c = new RemotingClient()
  t.teardown(() => c.close())
  return c
}

async function route(c: RemotingClient, addr: string, topic: string, version?: number): Promise<RemotingCommand> {
  const req = createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, {topic})
  if (version !== undefined) req.version = version
  return c.invoke(addr, req, 3000)
}

test("register a master and a slave; routes, cluster info and the slave's master addresses", async (t) => {
  const ns = await startNamesrv(t)
  const master = client(t)
  const slave = client(t)
  const r1 = await master.invoke(ns.address, registerRequest('broker-a', '127.0.0.1:10911', 0, {TopicTest: 4}), 3000)
  t.is(r1.code, ResponseCode.SUCCESS)
  t.deepEqual(r1.extFields ?? {}, {})
  t.is(r1.body, undefined, 'no ORDER_TOPIC_CONFIG namespace yet')
  const r2 = await slave.invoke(ns.address, registerRequest('broker-a', '127.0.0.1:10921', 1, {TopicTest: 4}, true), 3000)
  t.deepEqual(r2.extFields, {haServerAddr: '127.0.0.1:10912', masterAddr: '127.0.0.1:10911'})

  const legacy = await route(master, ns.address, 'TopicTest', 121)
  t.is(legacy.code, ResponseCode.SUCCESS)
  t.regex(legacy.body!.toString(), /"brokerAddrs":\{0:"127\.0\.0\.1:10911",1:"127\.0\.0\.1:10921"\}/)
  const standard = await route(master, ns.address, 'TopicTest', 409)
  const parsed = JSON.parse(standard.body!.toString())
  t.deepEqual(parsed.brokerDatas[0].brokerAddrs, {'0': '127.0.0.1:10911', '1': '127.0.0.1:10921'})
  t.deepEqual(decodeTopicRouteData(legacy.body!), decodeTopicRouteData(standard.body!))
  const accept = await master.invoke(
    ns.address,
    createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, {topic: 'TopicTest', acceptStandardJsonOnly: true}, undefined),
    3000,
  )
  t.notThrows(() => JSON.parse(accept.body!.toString()))

  const info = await master.invoke(ns.address, createRequest(RequestCode.GET_BROKER_CLUSTER_INFO), 3000)
  t.deepEqual(decodeClusterInfo(info.body!), {
    brokerAddrTable: {'broker-a': {cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: {'0': '127.0.0.1:10911', '1': '127.0.0.1:10921'}}},
    clusterAddrTable: {DefaultCluster: ['broker-a']},
  })
  const topics = await master.invoke(ns.address, createRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER), 3000)
  t.deepEqual(decodeTopicList(topics.body!).topicList, ['TopicTest'])
})

test("unknown topic → TOPIC_NOT_EXIST with RocketMQ's remark", async (t) => {
  const ns = await startNamesrv(t)
  const res = await route(client(t), ns.address, 'Nope')
  t.is(res.code, ResponseCode.TOPIC_NOT_EXIST)
  t.true(res.remark!.startsWith('No topic route info in name server for the topic: Nope'))
})

test('a broker disappears the moment its connection closes', async (t) => {
  const ns = await startNamesrv(t)
  const broker = client(t)
  const observer = client(t)
  await broker.invoke(ns.address, registerRequest('broker-a', '127.0.0.1:10911', 0, {T: 2}), 3000)
  t.is((await route(observer, ns.address, 'T')).code, 0)
  broker.closeConnection(ns.address)
  await waitUntil(async () => (await route(observer, ns.address, 'T').catch(() => undefined))?.code === ResponseCode.TOPIC_NOT_EXIST, 'route dropped', {
    timeoutMs: 15_000,
  })
  const info = await observer.invoke(ns.address, createRequest(RequestCode.GET_BROKER_CLUSTER_INFO), 3000)
  t.deepEqual(decodeClusterInfo(info.body!), {brokerAddrTable: {}, clusterAddrTable: {}})
})

test('a broker that stops registering expires after the configured time (scan closes its connection)', async (t) => {
  // The name server's clock is driven by the test: checking the route right after registering used to race a
  // 300 ms wall-clock expiry whenever a loaded machine stalled this process for longer than that.
  let now = 1_000_000
  const ns = await startNamesrv(t, {brokerChannelExpiredMs: 300, scanIntervalMs: 50, scanInitialDelayMs: 50, clock: () => now})
  const broker = client(t)
  const observer = client(t)
  await broker.invoke(ns.address, registerRequest('broker-a', '127.0.0.1:10911', 0, {T: 2}), 3000)
  t.is((await route(observer, ns.address, 'T')).code, 0)
  // Exactly at the expiry time the broker is still live (RocketMQ drops it only when last + expiry < now).
  now += 300
  ns.scanNotActiveBroker()
  t.is((await route(observer, ns.address, 'T')).code, 0)
  now += 1
  // The periodic scan, not the test, drops it; generous deadline as the 50 ms timer can lag on loaded cores.
  await waitUntil(async () => (await route(observer, ns.address, 'T').catch(() => undefined))?.code === ResponseCode.TOPIC_NOT_EXIST, 'expiry', {
    timeoutMs: 15_000,
  })
})

test('two name servers are independent', async (t) => {
  const ns1 = await startNamesrv(t)
  const ns2 = await startNamesrv(t)
  const broker = client(t)
  await broker.invoke(ns1.address, registerRequest('broker-a', '127.0.0.1:10911', 0, {T: 2}), 3000)
  t.is((await route(broker, ns1.address, 'T')).code, 0)
  t.is((await route(broker, ns2.address, 'T')).code, ResponseCode.TOPIC_NOT_EXIST)
  await broker.invoke(ns2.address, registerRequest('broker-a', '127.0.0.1:10911', 0, {T: 2}), 3000)
  await ns1.shutdown()
  t.is((await route(broker, ns2.address, 'T')).code, 0)
})

test('unregister removes the broker', async (t) => {
  const ns = await startNamesrv(t)
  const c = client(t)
  await c.invoke(ns.address, registerRequest('broker-a', '127.0.0.1:10911', 0, {T: 2}), 3000)
  const res = await c.invoke(
    ns.address,
    createRequest(RequestCode.UNREGISTER_BROKER, {brokerName: 'broker-a', brokerAddr: '127.0.0.1:10911', clusterName: 'DefaultCluster', brokerId: 0}),
    3000,
  )
  t.is(res.code, 0)
  t.is((await route(c, ns.address, 'T')).code, ResponseCode.TOPIC_NOT_EXIST)
})

test('bad registrations: crc mismatch, missing header field, undecodable body → SYSTEM_ERROR; server keeps serving', async (t) => {
  const ns = await startNamesrv(t)
  const c = client(t)
  const bad = registerRequest('broker-a', '127.0.0.1:10911', 0, {T: 2})
  bad.extFields!.bodyCrc32 = '12345'
  const r1 = await c.invoke(ns.address, bad, 3000)
  t.is(r1.code, ResponseCode.SYSTEM_ERROR)
  t.is(r1.remark, 'crc32 not match')
  const missing = registerRequest('broker-a', '127.0.0.1:10911', 0, {T: 2})
  delete missing.extFields!.brokerId
  const r2 = await c.invoke(ns.address, missing, 3000)
  t.is(r2.code, ResponseCode.SYSTEM_ERROR)
  t.regex(r2.remark!, /brokerId/)
  const garbage = createRequest(
    RequestCode.REGISTER_BROKER,
    {brokerName: 'b', brokerAddr: 'h:1', clusterName: 'C', haServerAddr: 'h:2', brokerId: 0, compressed: true},
    Buffer.from('not zlib'),
  )
  const r3 = await c.invoke(ns.address, garbage, 3000)
  t.is(r3.code, ResponseCode.SYSTEM_ERROR)
  t.regex(r3.remark!, /RegisterBrokerBody/)
  t.is((await route(c, ns.address, 'T')).code, ResponseCode.TOPIC_NOT_EXIST)
  // RocketMQ 4.9.8's name server leaves an unknown code unanswered (its default processor returns
  // null): the caller times out, and the connection stays usable.
  const unknown = await c.invoke(ns.address, createRequest(9999), 300).then(
    (r) => `answered ${r.code}`,
    (err: Error) => err.message,
  )
  t.regex(unknown, /timeout|timed out/i)
  t.is((await route(c, ns.address, 'T')).code, ResponseCode.TOPIC_NOT_EXIST, 'the same connection still answers')
})

test('KV config: put, get, not found (22), list, delete; persisted to kvConfigPath and order conf in routes', async (t) => {
  const ns = await startNamesrv(t, {config: {orderMessageEnable: true}})
  const c = client(t)
  const get = (namespace: string, key: string) => c.invoke(ns.address, createRequest(RequestCode.GET_KV_CONFIG, {namespace, key}), 3000)
  const missing = await get('N', 'k')
  t.is(missing.code, ResponseCode.QUERY_NOT_FOUND)
  t.is(missing.remark, 'No config item, Namespace: N Key: k')
  t.is((await c.invoke(ns.address, createRequest(RequestCode.PUT_KV_CONFIG, {namespace: 'N', key: 'k', value: 'v'}), 3000)).code, 0)
  t.deepEqual((await get('N', 'k')).extFields, {value: 'v'})
  const list = await c.invoke(ns.address, createRequest(RequestCode.GET_KVLIST_BY_NAMESPACE, {namespace: 'N'}), 3000)
  t.deepEqual(decodeKVTable(list.body!), {table: {k: 'v'}})
  const noList = await c.invoke(ns.address, createRequest(RequestCode.GET_KVLIST_BY_NAMESPACE, {namespace: 'Z'}), 3000)
  t.is(noList.code, ResponseCode.QUERY_NOT_FOUND)
  t.is((await c.invoke(ns.address, createRequest(RequestCode.DELETE_KV_CONFIG, {namespace: 'N', key: 'k'}), 3000)).code, 0)
  t.is((await get('N', 'k')).code, ResponseCode.QUERY_NOT_FOUND)

  await c.invoke(ns.address, createRequest(RequestCode.PUT_KV_CONFIG, {namespace: 'ORDER_TOPIC_CONFIG', key: 'T', value: 'broker-a:2'}), 3000)
  const reg = await c.invoke(ns.address, registerRequest('broker-a', '127.0.0.1:10911', 0, {T: 2}), 3000)
  t.deepEqual(decodeKVTable(reg.body!), {table: {T: 'broker-a:2'}}, 'REGISTER_BROKER answers the order-topic namespace')
  t.is(decodeTopicRouteData((await route(c, ns.address, 'T')).body!).orderTopicConf, 'broker-a:2')
  await ns.kvConfigManager.flush()
  const saved = JSON.parse(await readFile(ns.config.kvConfigPath!, 'utf8'))
  t.deepEqual(saved.configTable.ORDER_TOPIC_CONFIG, {T: 'broker-a:2'})
})

test('admin codes: topics by cluster, system topics, delete topic, wipe/add write perm, namesrv config', async (t) => {
  const ns = await startNamesrv(t)
  const c = client(t)
  await c.invoke(ns.address, registerRequest('broker-a', '127.0.0.1:10911', 0, {T: 2, U: 1}), 3000)
  const byCluster = await c.invoke(ns.address, createRequest(RequestCode.GET_TOPICS_BY_CLUSTER, {cluster: 'DefaultCluster'}), 3000)
  t.deepEqual(decodeTopicList(byCluster.body!).topicList.sort(), ['T', 'U'])
  const sys = await c.invoke(ns.address, createRequest(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS), 3000)
  t.deepEqual(decodeTopicList(sys.body!), {topicList: ['DefaultCluster', 'broker-a'], brokerAddr: '127.0.0.1:10911'})
  const wipe = await c.invoke(ns.address, createRequest(RequestCode.WIPE_WRITE_PERM_OF_BROKER, {brokerName: 'broker-a'}), 3000)
  t.deepEqual(wipe.extFields, {wipeTopicCount: '2'})
  t.is(decodeTopicRouteData((await route(c, ns.address, 'T')).body!).queueDatas[0]!.perm, 4)
  const add = await c.invoke(ns.address, createRequest(RequestCode.ADD_WRITE_PERM_OF_BROKER, {brokerName: 'broker-a'}), 3000)
  t.deepEqual(add.extFields, {addTopicCount: '2'})
  await c.invoke(ns.address, createRequest(RequestCode.DELETE_TOPIC_IN_NAMESRV, {topic: 'U'}), 3000)
  t.is((await route(c, ns.address, 'U')).code, ResponseCode.TOPIC_NOT_EXIST)
  const conf = await c.invoke(ns.address, createRequest(RequestCode.GET_NAMESRV_CONFIG), 3000)
  t.regex(conf.body!.toString(), /^listenPort=0$/m)
  const black = await c.invoke(ns.address, createRequest(RequestCode.UPDATE_NAMESRV_CONFIG, undefined, Buffer.from('kvConfigPath=/tmp/x\n')), 3000)
  t.is(black.code, ResponseCode.NO_PERMISSION)
  const ok = await c.invoke(ns.address, createRequest(RequestCode.UPDATE_NAMESRV_CONFIG, undefined, Buffer.from('orderMessageEnable=true\n')), 3000)
  t.is(ok.code, 0)
  t.true(ns.config.orderMessageEnable)
})

test('QUERY_DATA_VERSION tells a broker whether its topic config changed', async (t) => {
  const ns = await startNamesrv(t)
  const c = client(t)
  await c.invoke(ns.address, registerRequest('broker-a', '127.0.0.1:10911', 0, {T: 2}), 3000)
  const header = {brokerName: 'broker-a', brokerAddr: '127.0.0.1:10911', clusterName: 'DefaultCluster', brokerId: 0}
  const same = await c.invoke(ns.address, createRequest(RequestCode.QUERY_DATA_VERSION, header, Buffer.from('{"counter":1,"timestamp":1}')), 3000)
  t.deepEqual(same.extFields, {changed: 'false'})
  const changed = await c.invoke(ns.address, createRequest(RequestCode.QUERY_DATA_VERSION, header, Buffer.from('{"counter":2,"timestamp":1}')), 3000)
  t.deepEqual(changed.extFields, {changed: 'true'})
  t.deepEqual(JSON.parse(changed.body!.toString()), {counter: 1, timestamp: 1})
})

test('KV entries survive a restart', async (t) => {
  const ns = await startNamesrv(t)
  const c = client(t)
  await c.invoke(ns.address, createRequest(RequestCode.PUT_KV_CONFIG, {namespace: 'N', key: 'k', value: 'kept'}), 3000)
  await ns.shutdown()
  const again = await startNamesrv(t, {config: {kvConfigPath: ns.config.kvConfigPath}})
  const res = await c.invoke(again.address, createRequest(RequestCode.GET_KV_CONFIG, {namespace: 'N', key: 'k'}), 3000)
  t.deepEqual(res.extFields, {value: 'kept'})
})
