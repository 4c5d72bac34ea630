import test from 'ava'
import {decodeMessages} from '../../../runtime/message/message-decoder.js'
import {decodeBrokerStatsData} from '../../../runtime/remoting/body/broker-stats-data.js'
import {decodeConsumeStats} from '../../../runtime/remoting/body/consume-stats.js'
import {decodeConsumerConnection, decodeProducerConnection} from '../../../runtime/remoting/body/connection.js'
import {decodeGroupList} from '../../../runtime/remoting/body/group-list.js'
import {decodeKVTable} from '../../../runtime/remoting/body/kv-table.js'
import {decodeResetOffsetBody} from '../../../runtime/remoting/body/reset-offset-body.js'
import {decodeTopicList} from '../../../runtime/remoting/body/topic-list.js'
import {decodeTopicStatsTable} from '../../../runtime/remoting/body/topic-stats-table.js'
import {decodeQueryMessageResponseHeader} from '../../../runtime/remoting/header/query-message-response-header.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {groupProgress, resetOffset} from '../../../src/client/admin/group-admin.js'
import {messageAtQueueOffset, messagesById, messagesByKey} from '../../../src/client/admin/message-query.js'
import {deleteTopic, topicStatus} from '../../../src/client/admin/topic-admin.js'
import {MqTestClient} from '../../helpers/mq-test-client.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {startClientLab} from '../client/client-lab.js'

// The admin requests against a real master and its slave (in this process, real TCP and stores): each
// is answered by both, from their own stores, in the encodings 4.9.8 uses; then the client views fall
// back to the slave when the master is gone.
test('master and slave answer topic stats, consume stats, connections, system topics, consume-by-who, stats data and QUERY_MESSAGE', async (t) => {
  const lab = await startClientLab(t, ['broker-a'], {}, ['broker-a'])
  const master = lab.brokers.get('broker-a')!
  const slave = lab.brokers.get('broker-a-s')!
  const client = new MqTestClient()
  t.teardown(() => client.close())
  t.is((await client.createTopic(master.brokerAddr, 'AdminViews', 4)).code, ResponseCode.SUCCESS)
  const sent: string[] = []
  for (let i = 0; i < 10; i++) {
    const r = await client.send(master.brokerAddr, {
      topic: 'AdminViews',
      queueId: i % 2,
      body: `m${i}`,
      keys: `key-${i} shared`,
      producerGroup: 'PID_views',
      properties: {UNIQ_KEY: `UNIQ${i}`},
    })
    t.is(r.code, ResponseCode.SUCCESS)
    sent.push(r.extFields!.msgId as string)
  }
  t.is(
    (await client.invoke(master.brokerAddr, RequestCode.UPDATE_CONSUMER_OFFSET, {consumerGroup: 'GV', topic: 'AdminViews', queueId: 0, commitOffset: 2})).code,
    ResponseCode.SUCCESS,
  )
  for (const b of [master, slave]) {
    t.is((await client.heartbeat(b.brokerAddr, '127.0.0.1@views', [{group: 'GV', topics: ['AdminViews']}], ['PID_views'])).code, ResponseCode.SUCCESS)
  }
  await lab.replicate('broker-a')
  // What SlaveSynchronize copies from the master (topics, offsets), done here at once.
  slave.topicConfigManager.replaceAll(master.topicConfigManager.buildSerializeWrapper())
  slave.consumerOffsetManager.putAll(master.consumerOffsetManager.buildSerializeWrapper())
  await waitUntil(() => slave.store.getMaxOffsetInQueue('AdminViews', 0) === 5, 'slave dispatched', {timeoutMs: 10_000})
  master.stats.sample()

  for (const [role, b] of [
    ['master', master],
    ['slave', slave],
  ] as const) {
    const addr = b.brokerAddr
    const stats = await client.invoke(addr, RequestCode.GET_TOPIC_STATS_INFO, {topic: 'AdminViews'})
    t.is(stats.code, ResponseCode.SUCCESS, role)
    const table = decodeTopicStatsTable(stats.body!)
    t.deepEqual(
      table.map(([mq, o]) => [mq.brokerName, mq.queueId, o.minOffset, o.maxOffset]),
      [
        ['broker-a', 0, 0, 5],
        ['broker-a', 1, 0, 5],
        ['broker-a', 2, 0, 0],
        ['broker-a', 3, 0, 0],
      ],
      role,
    )
    t.true(table[0]![1].lastUpdateTimestamp > 0 && table[2]![1].lastUpdateTimestamp === 0, role)
    t.is((await client.invoke(addr, RequestCode.GET_TOPIC_STATS_INFO, {topic: 'Nope'})).code, ResponseCode.TOPIC_NOT_EXIST)

    const cs = decodeConsumeStats((await client.invoke(addr, RequestCode.GET_CONSUME_STATS, {consumerGroup: 'GV'})).body!)
    t.deepEqual(
      cs.offsetTable.map(([mq, o]) => [mq.queueId, o.brokerOffset, o.consumerOffset]),
      [
        [0, 5, 2],
        [1, 5, 0],
        [2, 0, 0],
        [3, 0, 0],
      ],
      role,
    )
    t.true(cs.offsetTable[0]![1].lastTimestamp > 0, `${role}: store time of the last consumed message`)

    const cc = await client.invoke(addr, RequestCode.GET_CONSUMER_CONNECTION_LIST, {consumerGroup: 'GV'})
    t.is(cc.code, ResponseCode.SUCCESS, role)
    const conn = decodeConsumerConnection(cc.body!)
    t.deepEqual(
      conn.connectionSet.map((c) => c.clientId),
      ['127.0.0.1@views'],
    )
    t.like(conn, {consumeType: 'CONSUME_PASSIVELY', messageModel: 'CLUSTERING', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET'})
    t.deepEqual(Object.keys(conn.subscriptionTable), ['AdminViews'])
    t.is((await client.invoke(addr, RequestCode.GET_CONSUMER_CONNECTION_LIST, {consumerGroup: 'Offline'})).code, ResponseCode.CONSUMER_NOT_ONLINE)
    const pc = await client.invoke(addr, RequestCode.GET_PRODUCER_CONNECTION_LIST, {producerGroup: 'PID_views'})
    t.deepEqual(
      decodeProducerConnection(pc.body!).map((c) => c.clientId),
      ['127.0.0.1@views'],
    )
    t.is((await client.invoke(addr, RequestCode.GET_PRODUCER_CONNECTION_LIST, {producerGroup: 'PID_none'})).code, ResponseCode.SYSTEM_ERROR)

    const sys = decodeTopicList((await client.invoke(addr, RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER)).body!).topicList
    for (const s of ['TBW102', 'SCHEDULE_TOPIC_XXXX', 'broker-a', lab.cluster]) t.true(sys.includes(s), `${role}: ${s}`)
    t.deepEqual(decodeGroupList((await client.invoke(addr, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, {topic: 'AdminViews'})).body!), ['GV'])

    const q = await client.invoke(addr, RequestCode.QUERY_MESSAGE, {
      topic: 'AdminViews',
      key: 'key-3',
      maxNum: 32,
      beginTimestamp: 0,
      endTimestamp: '9223372036854775807',
    })
    t.is(q.code, ResponseCode.SUCCESS, role)
    t.deepEqual(
      decodeMessages(q.body!).map((m) => m.body.toString()),
      ['m3'],
    )
    t.true(decodeQueryMessageResponseHeader(q.extFields).indexLastUpdatePhyoffset > 0)
    const shared = await client.invoke(addr, RequestCode.QUERY_MESSAGE, {
      topic: 'AdminViews',
      key: 'shared',
      maxNum: 4,
      beginTimestamp: 0,
      endTimestamp: Date.now() + 60_000,
    })
    t.is(decodeMessages(shared.body!).length, 4, `${role}: maxNum caps`)
    const uniq = await client.invoke(addr, RequestCode.QUERY_MESSAGE, {
      topic: 'AdminViews',
      key: 'UNIQ7',
      maxNum: 1,
      beginTimestamp: 0,
      endTimestamp: Date.now() + 60_000,
      _UNIQUE_KEY_QUERY: 'true',
    })
    t.deepEqual(
      decodeMessages(uniq.body!).map((m) => m.body.toString()),
      ['m7'],
    )
    const none = await client.invoke(addr, RequestCode.QUERY_MESSAGE, {
      topic: 'AdminViews',
      key: 'nope',
      maxNum: 32,
      beginTimestamp: 0,
      endTimestamp: Date.now(),
    })
    t.is(none.code, ResponseCode.QUERY_NOT_FOUND)
    t.is(none.remark, 'can not find message, maybe time range not correct')

    const rt = decodeKVTable((await client.invoke(addr, RequestCode.GET_BROKER_RUNTIME_INFO)).body!).table
    // Every key 4.9.8 puts: AdminBrokerProcessor.prepareRuntimeInfo, StoreStatsService.getRuntimeInfo and
    // DefaultMessageStore.getRuntimeInfo (remainHowManyDataToCommit only with the transient store pool).
    const keys4_9_8 = [
      'brokerVersionDesc',
      'brokerVersion',
      'msgPutTotalYesterdayMorning',
      'msgPutTotalTodayMorning',
      'msgPutTotalTodayNow',
      'msgGetTotalYesterdayMorning',
      'msgGetTotalTodayMorning',
      'msgGetTotalTodayNow',
      'sendThreadPoolQueueSize',
      'sendThreadPoolQueueCapacity',
      'pullThreadPoolQueueSize',
      'pullThreadPoolQueueCapacity',
      'queryThreadPoolQueueSize',
      'queryThreadPoolQueueCapacity',
      'EndTransactionQueueSize',
      'EndTransactionThreadPoolQueueCapacity',
      'dispatchBehindBytes',
      'pageCacheLockTimeMills',
      'sendThreadPoolQueueHeadWaitTimeMills',
      'pullThreadPoolQueueHeadWaitTimeMills',
      'queryThreadPoolQueueHeadWaitTimeMills',
      'earliestMessageTimeStamp',
      'startAcceptSendRequestTimeStamp',
      'remainTransientStoreBufferNumbs',
      'remainHowManyDataToFlush',
      'commitLogDirCapacity',
      'bootTimestamp',
      'runtime',
      'putMessageEntireTimeMax',
      'putMessageTimesTotal',
      'putMessageFailedTimes',
      'putMessageSizeTotal',
      'putMessageDistributeTime',
      'putMessageAverageSize',
      'dispatchMaxBuffer',
      'getMessageEntireTimeMax',
      'putTps',
      'getFoundTps',
      'getMissTps',
      'getTotalTps',
      'getTransferedTps',
      'putLatency99',
      'putLatency999',
      'commitLogDiskRatio',
      `commitLogDiskRatio_${b.config.storePathCommitLog}`,
      'consumeQueueDiskRatio',
      'commitLogMinOffset',
      'commitLogMaxOffset',
    ]
    t.deepEqual(
      keys4_9_8.filter((k) => !(k in rt)),
      [],
      `${role}: every runtime-info key of 4.9.8`,
    )
    t.is(rt.getTotalTps!.split(' ').length, 3)
  }

  const view = await client.invoke(master.brokerAddr, RequestCode.VIEW_BROKER_STATS_DATA, {statsName: 'TOPIC_PUT_NUMS', statsKey: 'AdminViews'})
  t.is(view.code, ResponseCode.SUCCESS)
  t.true(decodeBrokerStatsData(view.body!).statsMinute.sum >= 0)
  const noStats = await client.invoke(master.brokerAddr, RequestCode.VIEW_BROKER_STATS_DATA, {statsName: 'TOPIC_PUT_NUMS', statsKey: 'Nope'})
  t.is(noStats.code, ResponseCode.SYSTEM_ERROR)
  t.is(noStats.remark, 'The stats <TOPIC_PUT_NUMS> <Nope> not exist')

  // Client views: offset msg id, unique key, key, queue offset, progress — then with the master gone.
  t.is((await messagesById(lab.admin, sent[4]!))[0]!.message.body.toString(), 'm4')
  t.is((await messagesById(lab.admin, 'UNIQ5', 'AdminViews'))[0]!.message.body.toString(), 'm5')
  t.deepEqual(
    (await messagesByKey(lab.admin, 'AdminViews', 'key-6')).map((f) => [f.message.body.toString(), f.servedBy.brokerId]),
    [['m6', 0]],
  )
  t.is((await messageAtQueueOffset(lab.admin, 'AdminViews', 1, 2))[0]!.message.body.toString(), 'm5')
  const progress = await groupProgress(lab.admin, 'GV', 'AdminViews')
  t.is(progress.totalDiff, 8)
  t.deepEqual(
    progress.queues.filter((x) => x.brokerOffset > 0).map((x) => x.clientId),
    ['127.0.0.1@views', '127.0.0.1@views'],
  )

  await lab.stopBroker('broker-a')
  await waitUntil(async () => (await lab.admin.topicRoute('AdminViews')).brokerDatas[0]?.brokerAddrs['0'] === undefined, 'master gone from the route', {
    timeoutMs: 10_000,
  })
  const status = await topicStatus(lab.admin, 'AdminViews')
  t.deepEqual(
    status.answeredBy.map((a) => [a.brokerName, a.brokerId]),
    [['broker-a', 1]],
  )
  t.is(status.totalMessages, 10)
  const fromSlave = await messagesById(lab.admin, sent[4]!)
  t.deepEqual(
    fromSlave.map((f) => [f.message.body.toString(), f.servedBy.brokerId, f.servedBy.addr]),
    [['m4', 1, slave.brokerAddr]],
    'an offset id naming the dead master is read from its slave',
  )
  t.deepEqual(
    (await messagesByKey(lab.admin, 'AdminViews', 'key-6')).map((f) => f.servedBy.brokerId),
    [1],
  )
  t.is((await groupProgress(lab.admin, 'GV', 'AdminViews')).answeredBy[0]!.brokerId, 1)
})

test('reset offset: pushed to the online clients, or committed directly when none is online; delete group and topic', async (t) => {
  const lab = await startClientLab(t, ['broker-a'])
  const master = lab.brokers.get('broker-a')!
  const client = new MqTestClient()
  t.teardown(() => client.close())
  t.is((await client.createTopic(master.brokerAddr, 'Resets', 2)).code, ResponseCode.SUCCESS)
  for (let i = 0; i < 6; i++) await client.send(master.brokerAddr, {topic: 'Resets', queueId: i % 2, body: `r${i}`})
  await lab.admin.topicRoute('Resets')
  for (const q of [0, 1])
    await client.invoke(master.brokerAddr, RequestCode.UPDATE_CONSUMER_OFFSET, {consumerGroup: 'GR', topic: 'Resets', queueId: q, commitOffset: 3})

  // Offline: the broker answers CONSUMER_NOT_ONLINE and mqlab commits the offsets itself.
  const offline = await resetOffset(lab.admin, 'GR', 'Resets', {kind: 'first'})
  t.like(offline[0], {ok: true, via: 'committed'})
  t.deepEqual(
    [0, 1].map((q) => master.consumerOffsetManager.queryOffset('GR', 'Resets', q)),
    [0, 0],
  )

  // Online: the broker pushes RESET_CONSUMER_CLIENT_OFFSET (220) with the ResetOffsetBody to the client.
  await client.heartbeat(master.brokerAddr, '127.0.0.1@reset', [{group: 'GR', topics: ['Resets']}])
  const raw = await client.invoke(master.brokerAddr, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, {topic: 'Resets', group: 'GR', timestamp: -1, isForce: true})
  t.is(raw.code, ResponseCode.SUCCESS)
  t.deepEqual(
    decodeResetOffsetBody(raw.body!).map(([mq, o]) => [mq.queueId, o]),
    [
      [0, 3],
      [1, 3],
    ],
  )
  await waitUntil(() => client.serverRequests.some((r) => r.request.code === RequestCode.RESET_CONSUMER_CLIENT_OFFSET), 'reset pushed', {timeoutMs: 5000})
  const push = client.serverRequests.find((r) => r.request.code === RequestCode.RESET_CONSUMER_CLIENT_OFFSET)!.request
  t.like(push.extFields, {topic: 'Resets', group: 'GR', timestamp: '-1'})
  t.deepEqual(
    decodeResetOffsetBody(push.body!).map(([mq, o]) => [mq.queueId, o]),
    [
      [0, 3],
      [1, 3],
    ],
  )
  const unknown = await client.invoke(master.brokerAddr, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, {topic: 'Nope', group: 'GR', timestamp: -1, isForce: true})
  t.is(unknown.code, ResponseCode.SYSTEM_ERROR)

  t.true(master.subscriptionGroupManager.getSubscriptionGroupConfig('GR') !== undefined)
  t.is((await client.invoke(master.brokerAddr, RequestCode.DELETE_SUBSCRIPTIONGROUP, {groupName: 'GR', removeOffset: true})).code, ResponseCode.SUCCESS)
  t.is(master.subscriptionGroupManager.getSubscriptionGroupConfig('GR'), undefined)
  t.is(master.consumerOffsetManager.queryOffset('GR', 'Resets', 0), -1, 'removeOffset dropped its offsets')

  const deleted = await deleteTopic(lab.admin, 'Resets', lab.namesrvAddr.split(';'))
  t.true(deleted.outcomes.every((o) => o.ok))
  t.deepEqual(
    deleted.outcomes.map((o) => o.kind),
    ['broker', 'namesrv'],
  )
  t.is(master.topicConfigManager.selectTopicConfig('Resets'), undefined)
  await t.throwsAsync(lab.admin.topicRoute('Resets'), {message: /No route info/})
})
