import test from 'ava'
import {decodeSendMessageRequestHeader, encodeSendMessageRequestHeader} from '../../../runtime/remoting/header/send-message-request-header.js'
import {decodeSendMessageRequestHeaderV2, encodeSendMessageRequestHeaderV2} from '../../../runtime/remoting/header/send-message-request-header-v2.js'
import {decodePullMessageRequestHeader, encodePullMessageRequestHeader} from '../../../runtime/remoting/header/pull-message-request-header.js'
import {decodeConsumerSendMsgBackRequestHeader} from '../../../runtime/remoting/header/consumer-send-msg-back-request-header.js'
import {decodeCreateTopicRequestHeader} from '../../../runtime/remoting/header/create-topic-request-header.js'
import {decodeHeartbeatData, encodeHeartbeatData} from '../../../runtime/remoting/body/heartbeat-data.js'
import {buildSubscriptionData, subscriptionDataFromJson} from '../../../runtime/remoting/body/subscription-data.js'
import {decodeTopicConfigSerializeWrapper, encodeTopicConfigSerializeWrapper} from '../../../runtime/remoting/body/topic-config-serialize-wrapper.js'
import {decodeConsumerOffsetSerializeWrapper} from '../../../runtime/remoting/body/consumer-offset-serialize-wrapper.js'
import {newTopicConfig} from '../../../runtime/remoting/body/topic-config.js'
import {quoteBareNumericKeys, parseFastjson} from '../../../runtime/remoting/body/fastjson-text.js'
import {decodeLockBatchRequestBody, encodeLockBatchRequestBody} from '../../../runtime/remoting/body/lock-batch-request-body.js'
import {HeaderFieldError} from '../../../runtime/remoting/header/header-fields.js'

const send = {
  producerGroup: 'P',
  topic: 'T',
  defaultTopic: 'TBW102',
  defaultTopicQueueNums: 4,
  queueId: -1,
  sysFlag: 0,
  bornTimestamp: 1_700_000_000_000,
  flag: 7,
  properties: 'TAGS\u0001A',
  reconsumeTimes: 2,
  unitMode: false,
  batch: true,
  maxReconsumeTimes: 16,
  brokerName: 'broker-a',
}

test('send headers round-trip through the long and the one-letter names', (t) => {
  t.deepEqual(decodeSendMessageRequestHeader(encodeSendMessageRequestHeader(send)), send)
  const v2 = encodeSendMessageRequestHeaderV2(send)
  t.deepEqual(Object.keys(v2).sort(), 'abcdefghijklmn'.split(''))
  t.deepEqual(decodeSendMessageRequestHeaderV2(v2), send)
  // Java sends strings, ali-ons numbers and booleans: both decode alike.
  t.deepEqual(decodeSendMessageRequestHeaderV2({...v2, d: 4, e: -1, g: 1_700_000_000_000, k: false, m: true}), send)
  t.throws(() => decodeSendMessageRequestHeaderV2({...v2, b: undefined}), {instanceOf: HeaderFieldError, message: /"b"/})
  t.throws(() => decodeSendMessageRequestHeaderV2({...v2, e: 'x'}), {instanceOf: HeaderFieldError})
})

test('pull and send-back headers', (t) => {
  const pull = {
    consumerGroup: 'G',
    topic: 'T',
    queueId: 1,
    queueOffset: 42,
    maxMsgNums: 32,
    sysFlag: 7,
    commitOffset: 40,
    suspendTimeoutMillis: 15000,
    subVersion: 123,
    subscription: 'A||B',
    expressionType: 'TAG',
    bname: undefined,
  }
  t.deepEqual(decodePullMessageRequestHeader(encodePullMessageRequestHeader(pull)), pull)
  t.deepEqual(decodeConsumerSendMsgBackRequestHeader({offset: '99', group: 'G', delayLevel: '0', maxReconsumeTimes: 3}), {
    offset: 99,
    group: 'G',
    delayLevel: 0,
    originMsgId: undefined,
    originTopic: undefined,
    unitMode: undefined,
    maxReconsumeTimes: 3,
  })
  t.like(
    decodeCreateTopicRequestHeader({topic: 'T', defaultTopic: 'TBW102', readQueueNums: '8', writeQueueNums: '8', perm: '6', topicFilterType: 'SINGLE_TAG'}),
    {
      readQueueNums: 8,
      perm: 6,
      order: undefined,
    },
  )
})

test('heartbeat body round-trips; subscriptions without sets are rebuilt from the expression', (t) => {
  const h = {
    clientID: '10.0.0.1@1',
    producerDataSet: [{groupName: 'P'}],
    consumerDataSet: [
      {
        groupName: 'G',
        consumeType: 'CONSUME_ACTIVELY',
        messageModel: 'BROADCASTING',
        consumeFromWhere: 'CONSUME_FROM_TIMESTAMP',
        unitMode: false,
        subscriptionDataSet: [buildSubscriptionData('T', 'A || B', 5)],
      },
    ],
  }
  t.deepEqual(decodeHeartbeatData(encodeHeartbeatData(h)), h)
  t.deepEqual(subscriptionDataFromJson({topic: 'T', subString: 'X||Y'}).tagsSet, ['X', 'Y'])
  t.throws(() => decodeHeartbeatData(Buffer.from('{"producerDataSet":[]}')), {message: /clientID/})
  t.throws(() => decodeHeartbeatData(undefined))
  t.deepEqual(buildSubscriptionData('T', '').subString, '*')
})

test('topic and offset wrappers, in standard JSON and fastjson bare-key form', (t) => {
  const w = {topicConfigTable: {T: newTopicConfig('T', {readQueueNums: 2, writeQueueNums: 2})}, dataVersion: {timestamp: 5, counter: 2}}
  const text = encodeTopicConfigSerializeWrapper(w)
  t.true(text.startsWith('{"dataVersion":{"counter":2,"timestamp":5},"topicConfigTable":{"T":{"order":false,"perm":6,"readQueueNums":2'))
  t.deepEqual(decodeTopicConfigSerializeWrapper(text), w)
  t.deepEqual(decodeConsumerOffsetSerializeWrapper('{"offsetTable":{"T@G":{0:5,1:6}}}'), {offsetTable: {'T@G': {0: 5, 1: 6}}})
  t.throws(() => decodeConsumerOffsetSerializeWrapper('{"offsetTable":{"T@G":{"x":5}}}'))
})

test('bare numeric keys are quoted outside strings only', (t) => {
  t.is(quoteBareNumericKeys('{0:"a",12:{-1:2}}'), '{"0":"a","12":{"-1":2}}')
  t.is(quoteBareNumericKeys('{"s":"{0:1}","n":[1,2]}'), '{"s":"{0:1}","n":[1,2]}')
  t.is(quoteBareNumericKeys('{"e":"a\\"{3:4"}'), '{"e":"a\\"{3:4"}')
  t.deepEqual(parseFastjson('{\n\t0:1\n}'), {0: 1})
})

test('lock batch body', (t) => {
  const b = {consumerGroup: 'G', clientId: 'c', mqSet: [{topic: 'T', brokerName: 'b', queueId: 1}], oneway: false}
  t.deepEqual(decodeLockBatchRequestBody(encodeLockBatchRequestBody(b)), b)
  t.throws(() => decodeLockBatchRequestBody(Buffer.from('{"mqSet":[]}')))
})
