import test from 'ava'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {decodeQueryConsumerOffsetResponseHeader} from '../../../runtime/remoting/header/query-consumer-offset-response-header.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MqTestClient} from '../../helpers/mq-test-client.js'
import {startBrokerLab} from '../../helpers/broker-lab.js'

test('committed offsets, topics and messages survive a graceful broker restart', async (t) => {
  const lab = await startBrokerLab(t)
  const {client} = lab
  await client.createTopic(lab.brokerAddr, 'Durable', 2)
  for (let i = 0; i < 5; i++) t.is((await client.send(lab.brokerAddr, {topic: 'Durable', body: `m${i}`, queueId: i % 2})).code, 0)

  // A new group on a fresh queue starts at 0 (the first message is still in memory).
  const fresh = await client.invoke(lab.brokerAddr, RequestCode.QUERY_CONSUMER_OFFSET, {consumerGroup: 'G', topic: 'Durable', queueId: 0})
  t.is(fresh.code, ResponseCode.SUCCESS)
  t.is(decodeQueryConsumerOffsetResponseHeader(fresh.extFields).offset, 0)

  t.is((await client.invoke(lab.brokerAddr, RequestCode.UPDATE_CONSUMER_OFFSET, {consumerGroup: 'G', topic: 'Durable', queueId: 0, commitOffset: 2})).code, 0)
  // The COMMIT_OFFSET bit of a pull commits too.
  await client.pull(lab.brokerAddr, {group: 'G', topic: 'Durable', queueId: 1, offset: 1, commitOffset: 1})

  await lab.restartBroker()
  const q0 = await client.invoke(lab.brokerAddr, RequestCode.QUERY_CONSUMER_OFFSET, {consumerGroup: 'G', topic: 'Durable', queueId: 0})
  const q1 = await client.invoke(lab.brokerAddr, RequestCode.QUERY_CONSUMER_OFFSET, {consumerGroup: 'G', topic: 'Durable', queueId: 1})
  t.is(decodeQueryConsumerOffsetResponseHeader(q0.extFields).offset, 2)
  t.is(decodeQueryConsumerOffsetResponseHeader(q1.extFields).offset, 1)
  t.like(lab.broker.topicConfigManager.selectTopicConfig('Durable'), {readQueueNums: 2, writeQueueNums: 2})
  const pulled = await client.pull(lab.brokerAddr, {group: 'G', topic: 'Durable', queueId: 0, offset: 2})
  t.deepEqual(
    MqTestClient.messages(pulled).map((m) => m.body.toString()),
    ['m4'],
  )

  const saved = JSON.parse(await readFile(join(lab.storeDir, 'config', 'consumerOffset.json'), 'utf8'))
  t.deepEqual(saved.offsetTable['Durable@G'], {0: 2, 1: 1})
  const topics = JSON.parse(await readFile(join(lab.storeDir, 'config', 'topics.json'), 'utf8'))
  t.like(topics.topicConfigTable.Durable, {topicName: 'Durable', readQueueNums: 2, perm: 6, topicFilterType: 'SINGLE_TAG'})
})

test('GET_MAX/MIN_OFFSET, SEARCH_OFFSET_BY_TIMESTAMP and GET_EARLIEST_MSG_STORETIME', async (t) => {
  const lab = await startBrokerLab(t)
  const {client} = lab
  await client.createTopic(lab.brokerAddr, 'Times', 1)
  const before = Date.now()
  for (let i = 0; i < 3; i++) await client.send(lab.brokerAddr, {topic: 'Times', body: `m${i}`})
  const max = await client.invoke(lab.brokerAddr, RequestCode.GET_MAX_OFFSET, {topic: 'Times', queueId: 0})
  t.is(max.extFields?.offset, '3')
  const min = await client.invoke(lab.brokerAddr, RequestCode.GET_MIN_OFFSET, {topic: 'Times', queueId: 0})
  t.is(min.extFields?.offset, '0')
  const search = await client.invoke(lab.brokerAddr, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, {topic: 'Times', queueId: 0, timestamp: before - 1000})
  t.is(search.code, 0)
  t.is(search.extFields?.offset, '0')
  const earliest = await client.invoke(lab.brokerAddr, RequestCode.GET_EARLIEST_MSG_STORETIME, {topic: 'Times', queueId: 0})
  t.true(Number(earliest.extFields?.timestamp) >= before - 1000)
  const all = await client.invoke(lab.brokerAddr, RequestCode.GET_ALL_CONSUMER_OFFSET)
  t.deepEqual(JSON.parse(all.body!.toString()), {offsetTable: {}})
})
