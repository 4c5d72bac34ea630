import test from 'ava'
import {decodeGetConsumerListByGroupResponseBody} from '../../../runtime/remoting/body/get-consumer-list-by-group-response-body.js'
import {decodeLockBatchResponseBody, encodeLockBatchRequestBody} from '../../../runtime/remoting/body/lock-batch-request-body.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MqTestClient} from '../../helpers/mq-test-client.js'
import {startBrokerLab} from '../../helpers/broker-lab.js'
import {waitUntil} from '../../helpers/wait-until.js'

test('HEART_BEAT creates %RETRY%group and registers it with the name server at once', async (t) => {
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'T', 1)
  const r = await lab.client.heartbeat(lab.brokerAddr, '127.0.0.1@1', [{group: 'GID', topics: ['T', '%RETRY%GID']}], ['PID'])
  t.is(r.code, ResponseCode.SUCCESS)
  t.like(lab.broker.topicConfigManager.selectTopicConfig('%RETRY%GID'), {readQueueNums: 1, writeQueueNums: 1, perm: 6})
  const route = await waitUntil(() => lab.client.route(lab.namesrv.address, '%RETRY%GID'), 'the retry topic route')
  t.is(route.brokerDatas[0]?.brokerAddrs['0'], lab.brokerAddr)
  t.deepEqual(lab.broker.producerManager.groupNames(), ['PID'])
})

test('GET_CONSUMER_LIST_BY_GROUP and NOTIFY_CONSUMER_IDS_CHANGED when a consumer joins or leaves', async (t) => {
  const lab = await startBrokerLab(t)
  const none = await lab.client.invoke(lab.brokerAddr, RequestCode.GET_CONSUMER_LIST_BY_GROUP, {consumerGroup: 'G'})
  t.is(none.code, ResponseCode.SYSTEM_ERROR)
  t.regex(none.remark ?? '', /no consumer for this group, G/)

  const first = lab.client
  const second = new MqTestClient()
  t.teardown(() => second.close())
  await first.heartbeat(lab.brokerAddr, '127.0.0.1@first', [{group: 'G', topics: ['T']}])
  await second.heartbeat(lab.brokerAddr, '127.0.0.1@second', [{group: 'G', topics: ['T']}])
  const list = await first.invoke(lab.brokerAddr, RequestCode.GET_CONSUMER_LIST_BY_GROUP, {consumerGroup: 'G'})
  t.deepEqual(decodeGetConsumerListByGroupResponseBody(list.body!).consumerIdList.sort(), ['127.0.0.1@first', '127.0.0.1@second'])

  // The first consumer is told to rebalance when the second joins, by a oneway request.
  const notice = await waitUntil(() => first.serverRequests.find((r) => r.request.code === RequestCode.NOTIFY_CONSUMER_IDS_CHANGED), 'a notification')
  t.is(notice.request.extFields?.consumerGroup, 'G')
  t.is(notice.request.flag & 2, 2, 'oneway flag set')

  // When the second closes its connection, the first hears about it again and the list shrinks.
  const before = first.serverRequests.length
  await second.close()
  await waitUntil(() => first.serverRequests.length > before, 'a notification after the close')
  const after = await first.invoke(lab.brokerAddr, RequestCode.GET_CONSUMER_LIST_BY_GROUP, {consumerGroup: 'G'})
  t.deepEqual(decodeGetConsumerListByGroupResponseBody(after.body!).consumerIdList, ['127.0.0.1@first'])

  t.is((await first.invoke(lab.brokerAddr, RequestCode.UNREGISTER_CLIENT, {clientID: '127.0.0.1@first', consumerGroup: 'G'})).code, 0)
  t.is((await first.invoke(lab.brokerAddr, RequestCode.GET_CONSUMER_LIST_BY_GROUP, {consumerGroup: 'G'})).code, ResponseCode.SYSTEM_ERROR)
})

test('a pull without the SUBSCRIPTION bit uses the heartbeat subscription, and needs one', async (t) => {
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'T', 1)
  await lab.client.send(lab.brokerAddr, {topic: 'T', body: 'a', tags: 'A'})
  await lab.client.send(lab.brokerAddr, {topic: 'T', body: 'b', tags: 'B'})
  const pull = () =>
    lab.client.invoke(lab.brokerAddr, RequestCode.PULL_MESSAGE, {
      consumerGroup: 'G',
      topic: 'T',
      queueId: 0,
      queueOffset: 0,
      maxMsgNums: 32,
      sysFlag: 0,
      commitOffset: 0,
      suspendTimeoutMillis: 0,
      subVersion: 0,
    })
  t.is((await pull()).code, ResponseCode.SUBSCRIPTION_NOT_EXIST)
  await lab.client.heartbeat(lab.brokerAddr, 'c1', [{group: 'G', topics: [{topic: 'T', subString: 'B'}]}])
  const r = await pull()
  t.is(r.code, ResponseCode.SUCCESS)
  t.deepEqual(
    MqTestClient.messages(r).map((m) => m.body.toString()),
    ['b'],
  )
})

test('LOCK_BATCH_MQ gives a queue to one client until it unlocks', async (t) => {
  const lab = await startBrokerLab(t)
  const mq = {topic: 'T', brokerName: 'broker-t', queueId: 0}
  const lock = async (clientId: string) => {
    const r = await lab.client.invoke(
      lab.brokerAddr,
      RequestCode.LOCK_BATCH_MQ,
      undefined,
      encodeLockBatchRequestBody({consumerGroup: 'G', clientId, mqSet: [mq]}),
    )
    return decodeLockBatchResponseBody(r.body!)
  }
  t.deepEqual(await lock('a'), [mq])
  t.deepEqual(await lock('b'), [])
  await lab.client.invoke(lab.brokerAddr, RequestCode.UNLOCK_BATCH_MQ, undefined, encodeLockBatchRequestBody({consumerGroup: 'G', clientId: 'a', mqSet: [mq]}))
  t.deepEqual(await lock('b'), [mq])
})
