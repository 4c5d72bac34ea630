import test from 'ava'
import {decodeSendMessageResponseHeader} from '../../../runtime/remoting/header/send-message-response-header.js'
import {decodePullMessageResponseHeader} from '../../../runtime/remoting/header/pull-message-response-header.js'
import {decodeOffsetMessageId} from '../../../runtime/message/message-id.js'
import {decodeMessage} from '../../../runtime/message/message-decoder.js'
import {encodeBatchBody} from '../../../runtime/message/message-batch-codec.js'
import {encodeSendMessageRequestHeaderV2} from '../../../runtime/remoting/header/send-message-request-header-v2.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MqTestClient} from '../../helpers/mq-test-client.js'
import {startBrokerLab} from '../../helpers/broker-lab.js'
import {waitUntil} from '../../helpers/wait-until.js'

test('send V1 and V2, pull them back with all header fields, tags filtered by hash', async (t) => {
  const lab = await startBrokerLab(t)
  const {client} = lab
  t.is((await lab.client.createTopic(lab.brokerAddr, 'Orders', 2)).code, ResponseCode.SUCCESS)
  const sends = [
    await client.send(lab.brokerAddr, {topic: 'Orders', body: 'a', tags: 'TagA', keys: 'k1', queueId: 0}),
    await client.send(lab.brokerAddr, {topic: 'Orders', body: 'b', tags: 'TagB', queueId: 0, v1: true, properties: {WAIT: 'true'}}),
    await client.send(lab.brokerAddr, {topic: 'Orders', body: 'c', tags: 'TagA', queueId: 0}),
  ]
  for (const s of sends) {
    t.is(s.code, ResponseCode.SUCCESS, s.remark)
    t.is(s.extFields?.MSG_REGION, 'DefaultRegion')
    t.is(s.extFields?.TRACE_ON, 'true')
  }
  const headers = sends.map((s) => decodeSendMessageResponseHeader(s.extFields))
  t.deepEqual(
    headers.map((h) => [h.queueId, h.queueOffset]),
    [
      [0, 0],
      [0, 1],
      [0, 2],
    ],
  )
  const id = decodeOffsetMessageId(headers[1]!.msgId)
  t.deepEqual(id.storeHost, {ip: '127.0.0.1', port: lab.broker.listenPort})

  const all = await client.pull(lab.brokerAddr, {group: 'G1', topic: 'Orders', queueId: 0, offset: 0})
  t.is(all.code, ResponseCode.SUCCESS)
  t.is(all.remark, 'FOUND')
  t.deepEqual(decodePullMessageResponseHeader(all.extFields), {suggestWhichBrokerId: 0, nextBeginOffset: 3, minOffset: 0, maxOffset: 3})
  const msgs = MqTestClient.messages(all)
  t.deepEqual(
    msgs.map((m) => m.body.toString()),
    ['a', 'b', 'c'],
  )
  t.is(msgs[0]!.properties.CLUSTER, 'TestCluster')
  t.is(msgs[0]!.properties.KEYS, 'k1')
  t.false('WAIT' in msgs[1]!.properties, 'WAIT is not stored')
  t.is(msgs[1]!.msgId, headers[1]!.msgId)
  t.is(msgs[0]!.bornHost.ip, '127.0.0.1')

  const onlyA = await client.pull(lab.brokerAddr, {group: 'G1', topic: 'Orders', queueId: 0, offset: 0, subscription: 'TagA'})
  t.deepEqual(
    MqTestClient.messages(onlyA).map((m) => m.body.toString()),
    ['a', 'c'],
  )
  const onlyB = await client.pull(lab.brokerAddr, {group: 'G1', topic: 'Orders', queueId: 0, offset: 2, subscription: 'TagB'})
  t.is(onlyB.code, ResponseCode.PULL_RETRY_IMMEDIATELY, 'everything scanned was filtered out')

  const none = await client.pull(lab.brokerAddr, {group: 'G1', topic: 'Orders', queueId: 1, offset: 0})
  t.is(none.code, ResponseCode.PULL_NOT_FOUND)
  t.deepEqual(Object.keys(none.extFields ?? {}).sort(), ['maxOffset', 'minOffset', 'nextBeginOffset', 'suggestWhichBrokerId'])
  const moved = await client.pull(lab.brokerAddr, {group: 'G1', topic: 'Orders', queueId: 0, offset: 10})
  t.is(moved.code, ResponseCode.PULL_OFFSET_MOVED)
  t.is(decodePullMessageResponseHeader(moved.extFields).nextBeginOffset, 3)

  const view = await client.invoke(lab.brokerAddr, RequestCode.VIEW_MESSAGE_BY_ID, {offset: id.commitLogOffset})
  t.is(view.code, ResponseCode.SUCCESS)
  t.is(decodeMessage(view.body!).body.toString(), 'b')
})

test('a long-polling pull is answered when a message arrives, and not before', async (t) => {
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'Poll', 1)
  let answered = false
  // Held for 10 minutes, far beyond the test's own timeout: an answer can only come from the arrival.
  const pulling = lab.client.pull(lab.brokerAddr, {group: 'G', topic: 'Poll', queueId: 0, offset: 0, suspendMs: 600_000}, 620_000).then((r) => {
    answered = true
    return r
  })
  // Held, not answered: wait until the broker has parked it, then give it a chance to answer wrongly.
  await waitUntil(() => lab.broker.pullRequestHoldService.size === 1, 'the pull to be held')
  await lab.client.invoke(lab.brokerAddr, RequestCode.GET_MAX_OFFSET, {topic: 'Poll', queueId: 0})
  t.false(answered, 'the pull must wait while nothing arrives')
  t.is(lab.broker.pullRequestHoldService.size, 1)
  const sent = await lab.client.send(lab.brokerAddr, {topic: 'Poll', body: 'wake', queueId: 0})
  t.is(sent.code, 0)
  const r = await pulling
  t.is(r.code, ResponseCode.SUCCESS)
  t.deepEqual(
    MqTestClient.messages(r).map((m) => m.body.toString()),
    ['wake'],
  )
})

test('a long-polling pull times out with PULL_NOT_FOUND after its suspend time', async (t) => {
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'Quiet', 1)
  const started = Date.now()
  const r = await lab.client.pull(lab.brokerAddr, {group: 'G', topic: 'Quiet', queueId: 0, offset: 0, suspendMs: 300})
  t.is(r.code, ResponseCode.PULL_NOT_FOUND)
  t.true(Date.now() - started >= 290)
})

test('unknown topic: TOPIC_NOT_EXIST with auto-create off', async (t) => {
  const lab = await startBrokerLab(t, {autoCreateTopicEnable: false})
  const r = await lab.client.send(lab.brokerAddr, {topic: 'Nowhere', body: 'x'})
  t.is(r.code, ResponseCode.TOPIC_NOT_EXIST)
  t.regex(r.remark ?? '', /topic\[Nowhere\] not exist/)
  const pull = await lab.client.pull(lab.brokerAddr, {group: 'G', topic: 'Nowhere', queueId: 0, offset: 0})
  t.is(pull.code, ResponseCode.TOPIC_NOT_EXIST)
})

test('auto-create through TBW102 takes min(d, TBW102 queues) and registers the route', async (t) => {
  const lab = await startBrokerLab(t, {defaultTopicQueueNums: 3})
  const r = await lab.client.send(lab.brokerAddr, {topic: 'Fresh', body: 'x', defaultTopicQueueNums: 4, queueId: 2})
  t.is(r.code, ResponseCode.SUCCESS, r.remark)
  t.like(lab.broker.topicConfigManager.selectTopicConfig('Fresh'), {readQueueNums: 3, writeQueueNums: 3, perm: 6})
  const route = await waitUntilRoute(lab.client, lab.namesrv.address, 'Fresh')
  t.is(route.queueDatas[0]?.writeQueueNums, 3)
  const bad = await lab.client.send(lab.brokerAddr, {topic: 'Fresh', body: 'x', queueId: 3})
  t.is(bad.code, ResponseCode.SYSTEM_ERROR)
  t.regex(bad.remark ?? '', /queueId\[3\] is illegal/)
})

test('MESSAGE_ILLEGAL names the maxMessageSize limit; invalid and forbidden topics are refused', async (t) => {
  const lab = await startBrokerLab(t, {maxMessageSize: 1024})
  await lab.client.createTopic(lab.brokerAddr, 'Small', 1)
  const big = await lab.client.send(lab.brokerAddr, {topic: 'Small', body: Buffer.alloc(1025)})
  t.is(big.code, ResponseCode.MESSAGE_ILLEGAL)
  t.regex(big.remark ?? '', /1024/)
  t.is((await lab.client.send(lab.brokerAddr, {topic: 'Small', body: Buffer.alloc(1024)})).code, ResponseCode.SUCCESS)
  const invalid = await lab.client.send(lab.brokerAddr, {topic: 'bad topic', body: 'x'})
  t.is(invalid.code, ResponseCode.SYSTEM_ERROR)
  t.regex(invalid.remark ?? '', /illegal characters/)
  const forbidden = await lab.client.send(lab.brokerAddr, {topic: 'SCHEDULE_TOPIC_XXXX', body: 'x'})
  t.is(forbidden.code, ResponseCode.NO_PERMISSION)
})

test('SEND_BATCH_MESSAGE stores every message of the batch in one queue', async (t) => {
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'Batch', 1)
  const body = encodeBatchBody([0, 1, 2].map((i) => ({flag: 0, body: Buffer.from(`m${i}`), properties: {TAGS: 'T', UNIQ_KEY: `u${i}`}})))
  const ext = encodeSendMessageRequestHeaderV2({
    producerGroup: 'P',
    topic: 'Batch',
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: 4,
    queueId: 0,
    sysFlag: 0,
    bornTimestamp: Date.now(),
    flag: 0,
    batch: true,
  })
  const r = await lab.client.remoting.invoke(lab.brokerAddr, createRequest(RequestCode.SEND_BATCH_MESSAGE, ext, body), 10_000)
  t.is(r.code, ResponseCode.SUCCESS, r.remark)
  const h = decodeSendMessageResponseHeader(r.extFields)
  t.is(h.msgId.split(',').length, 3)
  t.is(h.queueOffset, 0)
  const pulled = MqTestClient.messages(await lab.client.pull(lab.brokerAddr, {group: 'G', topic: 'Batch', queueId: 0, offset: 0}))
  t.deepEqual(
    pulled.map((m) => [m.body.toString(), m.properties.UNIQ_KEY, m.properties.CLUSTER]),
    [
      ['m0', 'u0', 'TestCluster'],
      ['m1', 'u1', 'TestCluster'],
      ['m2', 'u2', 'TestCluster'],
    ],
  )
})

function waitUntilRoute(client: MqTestClient, namesrv: string, topic: string) {
  return waitUntil(() => client.route(namesrv, topic), `a route for ${topic}`)
}
