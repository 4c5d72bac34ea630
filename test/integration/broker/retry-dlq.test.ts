import test from 'ava'
import {decodeSendMessageResponseHeader} from '../../../runtime/remoting/header/send-message-response-header.js'
import {decodeOffsetMessageId} from '../../../runtime/message/message-id.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MqTestClient} from '../../helpers/mq-test-client.js'
import {startBrokerLab, type BrokerLab} from '../../helpers/broker-lab.js'
import {waitUntil} from '../../helpers/wait-until.js'

// 1 s at every level keeps the scheduled re-delivery quick.
const FAST_LEVELS = Array.from({length: 18}, () => '1s').join(' ')

async function pullAll(lab: BrokerLab, topic: string, group = 'G') {
  const r = await lab.client.pull(lab.brokerAddr, {group, topic, queueId: 0, offset: 0})
  return MqTestClient.messages(r)
}

test('CONSUMER_SEND_MSG_BACK re-delivers through %RETRY%group after the delay, then to %DLQ%group', async (t) => {
  const lab = await startBrokerLab(t, {messageDelayLevel: FAST_LEVELS})
  const {client} = lab
  await client.createTopic(lab.brokerAddr, 'Work', 1)
  const sent = await client.send(lab.brokerAddr, {topic: 'Work', body: 'job', tags: 'T1', keys: 'K'})
  const original = decodeSendMessageResponseHeader(sent.extFields)
  const back = (offset: number, maxReconsumeTimes: number) =>
    client.invoke(lab.brokerAddr, RequestCode.CONSUMER_SEND_MSG_BACK, {
      offset,
      group: 'G',
      delayLevel: 0,
      originMsgId: original.msgId,
      originTopic: 'Work',
      unitMode: false,
      maxReconsumeTimes,
    })

  const first = await back(decodeOffsetMessageId(original.msgId).commitLogOffset, 2)
  t.is(first.code, ResponseCode.SUCCESS, first.remark)
  t.truthy(lab.broker.topicConfigManager.selectTopicConfig('%RETRY%G'))
  // Parked in SCHEDULE_TOPIC_XXXX level 3 (3 + reconsumeTimes 0), then delivered to the retry topic.
  t.true(lab.broker.store.getMaxOffsetInQueue('SCHEDULE_TOPIC_XXXX', 2) === 1)
  const retried = await waitUntil(async () => (await pullAll(lab, '%RETRY%G'))[0], 'the retry to be delivered', {timeoutMs: 8000})
  t.is(retried.body.toString(), 'job')
  t.is(retried.reconsumeTimes, 1)
  t.is(retried.properties.RETRY_TOPIC, 'Work')
  t.is(retried.properties.ORIGIN_MESSAGE_ID, original.msgId)
  t.is(retried.properties.TAGS, 'T1')
  t.false('DELAY' in retried.properties)

  // Second failure: reconsumeTimes 1 < 2, retried again.
  t.is((await back(retried.commitLogOffset, 2)).code, ResponseCode.SUCCESS)
  const again = await waitUntil(async () => (await pullAll(lab, '%RETRY%G'))[1], 'the second retry', {timeoutMs: 8000})
  t.is(again.reconsumeTimes, 2)
  // Third failure: reconsumeTimes 2 >= max 2 → dead-letter queue at once.
  t.is((await back(again.commitLogOffset, 2)).code, ResponseCode.SUCCESS)
  const dead = await pullAll(lab, '%DLQ%G')
  t.is(dead.length, 1)
  t.is(dead[0]!.body.toString(), 'job')
  t.is(dead[0]!.reconsumeTimes, 3)
  t.is(dead[0]!.properties.ORIGIN_MESSAGE_ID, original.msgId)
})

test('a negative delay level goes straight to the DLQ; an unknown offset is an error', async (t) => {
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'Work', 1)
  const sent = decodeSendMessageResponseHeader((await lab.client.send(lab.brokerAddr, {topic: 'Work', body: 'x'})).extFields)
  const offset = decodeOffsetMessageId(sent.msgId).commitLogOffset
  const r = await lab.client.invoke(lab.brokerAddr, RequestCode.CONSUMER_SEND_MSG_BACK, {offset, group: 'G', delayLevel: -1})
  t.is(r.code, ResponseCode.SUCCESS)
  t.is((await pullAll(lab, '%DLQ%G')).length, 1)
  const missing = await lab.client.invoke(lab.brokerAddr, RequestCode.CONSUMER_SEND_MSG_BACK, {offset: 999_999, group: 'G', delayLevel: 0})
  t.is(missing.code, ResponseCode.SYSTEM_ERROR)
})

test('a producer re-sending to %RETRY%group past its max reconsume times lands in the DLQ', async (t) => {
  const lab = await startBrokerLab(t)
  const r = await lab.client.send(lab.brokerAddr, {topic: '%RETRY%G2', body: 'x', reconsumeTimes: 3, maxReconsumeTimes: 3})
  t.is(r.code, ResponseCode.SUCCESS, r.remark)
  t.is((await pullAll(lab, '%DLQ%G2', 'G2')).length, 1)
})

test('a message with DELAY is held in SCHEDULE_TOPIC_XXXX and delivered to its topic when due', async (t) => {
  const lab = await startBrokerLab(t, {messageDelayLevel: FAST_LEVELS})
  await lab.client.createTopic(lab.brokerAddr, 'Later', 1)
  const sentAt = Date.now()
  t.is((await lab.client.send(lab.brokerAddr, {topic: 'Later', body: 'soon', properties: {DELAY: '1'}})).code, 0)
  t.is((await pullAll(lab, 'Later')).length, 0)
  const msg = await waitUntil(async () => (await pullAll(lab, 'Later'))[0], 'the delayed message', {timeoutMs: 8000})
  t.is(msg.body.toString(), 'soon')
  t.is(msg.properties.REAL_TOPIC, 'Later')
  t.true(Date.now() - sentAt >= 900, 'not delivered before its delay')
  t.is(lab.broker.scheduleMessageService.offsetOf(1), 1)
})
