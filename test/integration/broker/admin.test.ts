import test from 'ava'
import {decodeKVTable} from '../../../runtime/remoting/body/kv-table.js'
import {decodeTopicConfigSerializeWrapper} from '../../../runtime/remoting/body/topic-config-serialize-wrapper.js'
import {decodeSubscriptionGroupWrapper} from '../../../runtime/remoting/body/subscription-group-wrapper.js'
import {newSubscriptionGroupConfig} from '../../../runtime/remoting/body/subscription-group-config.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {startBrokerLab} from '../../helpers/broker-lab.js'
import {waitUntil} from '../../helpers/wait-until.js'

test('GET_BROKER_RUNTIME_INFO has the offsets, counters and every key mqadmin clusterList reads', async (t) => {
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'T', 1)
  await lab.client.send(lab.brokerAddr, {topic: 'T', body: 'x'})
  await lab.client.pull(lab.brokerAddr, {group: 'G', topic: 'T', queueId: 0, offset: 0})
  const r = await lab.client.invoke(lab.brokerAddr, RequestCode.GET_BROKER_RUNTIME_INFO)
  t.is(r.code, ResponseCode.SUCCESS)
  const {table} = decodeKVTable(r.body!)
  for (const key of [
    'commitLogMinOffset',
    'commitLogMaxOffset',
    'msgPutTotalTodayNow',
    'msgGetTotalTodayNow',
    'msgPutTotalYesterdayMorning',
    'msgPutTotalTodayMorning',
    'msgGetTotalYesterdayMorning',
    'msgGetTotalTodayMorning',
    'putTps',
    'getTransferedTps',
    'sendThreadPoolQueueSize',
    'pullThreadPoolQueueSize',
    'sendThreadPoolQueueHeadWaitTimeMills',
    'pullThreadPoolQueueHeadWaitTimeMills',
    'pageCacheLockTimeMills',
    'earliestMessageTimeStamp',
    'commitLogDiskRatio',
    'brokerVersionDesc',
    'brokerVersion',
    'runtime',
  ]) {
    t.true(key in table, `missing ${key}`)
  }
  t.is(table.brokerVersionDesc, 'V4_9_8')
  t.is(table.brokerVersion, '409')
  t.is(table.msgPutTotalTodayNow, '1')
  t.is(table.msgGetTotalTodayNow, '1')
  t.true(Number(table.commitLogMaxOffset) > 0)
  t.regex(table.runtime!, /^\[ \d+ days, \d+ hours, \d+ minutes, \d+ seconds \]$/)
  t.is(table.putTps!.split(' ').length, 3)
  // Measured even before the first retention pass (mqlab cluster showed #space -1.0000).
  const ratio = Number(table.commitLogDiskRatio)
  t.true(ratio >= 0 && ratio <= 1, `commitLogDiskRatio ${table.commitLogDiskRatio}`)
})

test('GET_BROKER_CONFIG returns properties text; topic and group tables can be listed', async (t) => {
  const lab = await startBrokerLab(t)
  const cfg = await lab.client.invoke(lab.brokerAddr, RequestCode.GET_BROKER_CONFIG)
  t.is(cfg.code, 0)
  const text = cfg.body!.toString()
  t.regex(text, /^brokerClusterName=TestCluster$/m)
  t.regex(text, /^brokerName=broker-t$/m)
  t.truthy(cfg.extFields?.version)

  const topics = decodeTopicConfigSerializeWrapper((await lab.client.invoke(lab.brokerAddr, RequestCode.GET_ALL_TOPIC_CONFIG)).body!.toString())
  t.truthy(topics.topicConfigTable.TBW102)
  t.truthy(topics.topicConfigTable['TestCluster_REPLY_TOPIC'])

  const group = {...newSubscriptionGroupConfig('GX'), retryMaxTimes: 2}
  const up = await lab.client.invoke(lab.brokerAddr, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, undefined, Buffer.from(JSON.stringify(group)))
  t.is(up.code, 0)
  const groups = decodeSubscriptionGroupWrapper((await lab.client.invoke(lab.brokerAddr, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG)).body!.toString())
  t.is(groups.subscriptionGroupTable.GX?.retryMaxTimes, 2)
  const delay = await lab.client.invoke(lab.brokerAddr, RequestCode.GET_ALL_DELAY_OFFSET)
  t.deepEqual(JSON.parse(delay.body!.toString()), {offsetTable: {}})
})

test('UPDATE_AND_CREATE_TOPIC refuses system topics; DELETE_TOPIC_IN_BROKER forgets a topic', async (t) => {
  const lab = await startBrokerLab(t)
  const sys = await lab.client.createTopic(lab.brokerAddr, 'TBW102', 4)
  t.is(sys.code, ResponseCode.SYSTEM_ERROR)
  t.regex(sys.remark ?? '', /conflict with system topic/)
  t.is((await lab.client.createTopic(lab.brokerAddr, 'Gone', 2)).code, 0)
  await lab.client.send(lab.brokerAddr, {topic: 'Gone', body: 'x'})
  const del = await lab.client.invoke(lab.brokerAddr, RequestCode.DELETE_TOPIC_IN_BROKER, {topic: 'Gone'})
  t.is(del.code, 0)
  t.is(lab.broker.topicConfigManager.selectTopicConfig('Gone'), undefined)
  // As in RocketMQ, the name server keeps the route until DELETE_TOPIC_IN_NAMESRV (mqadmin sends both).
  t.is((await lab.client.pull(lab.brokerAddr, {group: 'G', topic: 'Gone', queueId: 0, offset: 0})).code, ResponseCode.TOPIC_NOT_EXIST)
})

test('a slave refuses sends with SERVICE_NOT_AVAILABLE and topic changes with SYSTEM_ERROR', async (t) => {
  const lab = await startBrokerLab(t, {brokerRole: 'SLAVE', brokerId: 1})
  const send = await lab.client.send(lab.brokerAddr, {topic: 'TBW102x', body: 'x'})
  t.is(send.code, ResponseCode.SERVICE_NOT_AVAILABLE)
  const create = await lab.client.createTopic(lab.brokerAddr, 'T', 1)
  t.is(create.code, ResponseCode.SYSTEM_ERROR)
  t.regex(create.remark ?? '', /slave/)
})

test('the broker is in the cluster info while it runs and leaves it on graceful shutdown; PULL is not served on the fast port', async (t) => {
  const lab = await startBrokerLab(t)
  t.true(await lab.client.brokerRegistered(lab.namesrv.address, lab.brokerAddr))
  const fast = `127.0.0.1:${lab.broker.fastListenPort}`
  const pullOnFast = await lab.client.invoke(fast, RequestCode.PULL_MESSAGE, {consumerGroup: 'G'})
  t.is(pullOnFast.code, ResponseCode.REQUEST_CODE_NOT_SUPPORTED)
  await lab.client.createTopic(fast, 'ViaFast', 1)
  t.is((await lab.client.send(fast, {topic: 'ViaFast', body: 'x'})).code, 0)
  const addr = lab.brokerAddr
  await lab.broker.shutdown()
  t.false(await lab.client.brokerRegistered(lab.namesrv.address, addr))
})

test('UPDATE_BROKER_CONFIG applies known keys at run time; brokerPermission reaches the route at once', async (t) => {
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'Perm', 1)
  const update = (text: string) => lab.client.invoke(lab.brokerAddr, RequestCode.UPDATE_BROKER_CONFIG, undefined, Buffer.from(text))
  t.is((await update('brokerPermission=4\nnoSuchKey=1\n')).code, ResponseCode.SUCCESS)
  t.is(lab.broker.config.brokerPermission, 4)
  const route = await waitUntil(async () => {
    const r = await lab.client.route(lab.namesrv.address, 'Perm')
    return r?.queueDatas[0]?.perm === 4 ? r : undefined
  }, 'the read-only permission in the route')
  t.is(route.queueDatas[0]?.perm, 4)
  const pull = await lab.client.pull(lab.brokerAddr, {group: 'G', topic: 'Perm', queueId: 0, offset: 0})
  t.is(pull.code, ResponseCode.PULL_NOT_FOUND, 'still readable')
  t.is((await update('listenPort=1\n')).code, ResponseCode.NO_PERMISSION)
  t.is((await update('brokerPermission=lots\n')).code, ResponseCode.SYSTEM_ERROR)
  const cfg = await lab.client.invoke(lab.brokerAddr, RequestCode.GET_BROKER_CONFIG)
  t.regex(cfg.body!.toString(), /^brokerPermission=4$/m)
})
