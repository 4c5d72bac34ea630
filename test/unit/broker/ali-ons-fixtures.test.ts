// Requests are a real client's bytes (ali-ons); responses are mqlab's own broker answers recorded once:
// format-stability guards, not proof of what Java answers (see test/fixtures/ali-ons/README.md).
import test from 'ava'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {decodeCommand} from '../../../runtime/remoting/remoting-command-decoder.js'
import {encodeFrame} from '../../../runtime/remoting/frame-encoder.js'
import type {RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {decodeSendMessageRequestHeaderV2} from '../../../runtime/remoting/header/send-message-request-header-v2.js'
import {decodeSendMessageResponseHeader, encodeSendMessageResponseHeader} from '../../../runtime/remoting/header/send-message-response-header.js'
import {decodeHeartbeatData} from '../../../runtime/remoting/body/heartbeat-data.js'
import {decodeQueryConsumerOffsetRequestHeader} from '../../../runtime/remoting/header/query-consumer-offset-request-header.js'
import {
  decodeQueryConsumerOffsetResponseHeader,
  encodeQueryConsumerOffsetResponseHeader,
} from '../../../runtime/remoting/header/query-consumer-offset-response-header.js'
import {decodePullMessageRequestHeader} from '../../../runtime/remoting/header/pull-message-request-header.js'
import {decodePullMessageResponseHeader, encodePullMessageResponseHeader} from '../../../runtime/remoting/header/pull-message-response-header.js'
import {decodeUpdateConsumerOffsetRequestHeader} from '../../../runtime/remoting/header/update-consumer-offset-request-header.js'
import {decodeMessages} from '../../../runtime/message/message-decoder.js'
import {parseMessageProperties} from '../../../runtime/message/message-properties.js'

// Frames captured from ali-ons 3.12.0 talking to mqlab's broker (test/fixtures/ali-ons/capture-broker-frames.ts).
const dir = fileURLToPath(new URL('../../../../test/fixtures/ali-ons/', import.meta.url))
function fixture(name: string): {bytes: Buffer; command: RemotingCommand} {
  const bytes = Buffer.from(readFileSync(`${dir}${name}.hex`, 'utf8').trim(), 'hex')
  return {bytes, command: decodeCommand(bytes.subarray(4))}
}

test('SEND_MESSAGE_V2: ali-ons sends JSON numbers and booleans in the one-letter header', (t) => {
  const {command} = fixture('send-message-v2.request')
  t.like(command, {code: 310, language: 'JAVA', version: 121, flag: 0, serializeType: 0})
  t.deepEqual(decodeSendMessageRequestHeaderV2(command.extFields), {
    producerGroup: 'PID_capture',
    topic: 'TopicTest',
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: 4,
    queueId: 0,
    sysFlag: 0,
    bornTimestamp: 1795276178738,
    flag: 0,
    properties: 'TAGS\u0001TagA\u0002KEYS\u0001k1\u0002',
    reconsumeTimes: 0,
    unitMode: false,
    maxReconsumeTimes: undefined,
    batch: undefined,
    brokerName: undefined,
  })
  t.deepEqual(parseMessageProperties(command.extFields!.i!), {TAGS: 'TagA', KEYS: 'k1'})
  t.is(command.body?.toString(), 'hello')
})

test('SEND_MESSAGE_V2 response: msgId/queueId/queueOffset plus MSG_REGION and TRACE_ON; re-encodes byte for byte', (t) => {
  const {bytes, command} = fixture('send-message-v2.response')
  t.like(command, {code: 0, flag: 1, opaque: 2, version: 409})
  const h = decodeSendMessageResponseHeader(command.extFields)
  t.deepEqual(h, {msgId: '7F000001000051AF0000000000000000', queueId: 0, queueOffset: 0, transactionId: undefined})
  t.deepEqual(command.extFields, {...encodeSendMessageResponseHeader(h), MSG_REGION: 'DefaultRegion', TRACE_ON: 'true'})
  t.deepEqual(encodeFrame(command), bytes)
})

test('HEART_BEAT: ali-ons body with its consumer group, retry subscription and inner producer', (t) => {
  const {command} = fixture('heart-beat.request')
  t.like(command, {code: 34, version: 121})
  t.deepEqual(decodeHeartbeatData(command.body), {
    clientID: '127.0.0.1@capture',
    producerDataSet: [{groupName: 'CLIENT_INNER_PRODUCER'}, {groupName: 'PID_capture'}],
    consumerDataSet: [
      {
        groupName: 'GID_capture',
        consumeType: 'CONSUME_PASSIVELY',
        messageModel: 'CLUSTERING',
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        unitMode: false,
        subscriptionDataSet: [
          {topic: 'TopicTest', subString: '*', tagsSet: [], codeSet: [], subVersion: 1795276178751, classFilterMode: false, expressionType: 'TAG'},
          {topic: '%RETRY%GID_capture', subString: '*', tagsSet: [], codeSet: [], subVersion: 1795276178751, classFilterMode: false, expressionType: 'TAG'},
        ],
      },
    ],
  })
  const response = fixture('heart-beat.response')
  t.like(response.command, {code: 0, flag: 1, opaque: command.opaque})
  t.deepEqual(encodeFrame(response.command), response.bytes)
})

test('QUERY_CONSUMER_OFFSET: a fresh queue answers offset 0', (t) => {
  const {command} = fixture('query-consumer-offset.request')
  t.deepEqual(decodeQueryConsumerOffsetRequestHeader(command.extFields), {consumerGroup: 'GID_capture', topic: 'TopicTest', queueId: 0})
  const response = fixture('query-consumer-offset.response')
  t.deepEqual(decodeQueryConsumerOffsetResponseHeader(response.command.extFields), {offset: 0})
  t.deepEqual(response.command.extFields, encodeQueryConsumerOffsetResponseHeader({offset: 0}))
  t.deepEqual(encodeFrame(response.command), response.bytes)
})

test('PULL_MESSAGE: suspend + subscription flags; the response carries all four fields and the stored record', (t) => {
  const {command} = fixture('pull-message.request')
  t.deepEqual(decodePullMessageRequestHeader(command.extFields), {
    consumerGroup: 'GID_capture',
    topic: 'TopicTest',
    queueId: 0,
    queueOffset: 0,
    maxMsgNums: 32,
    sysFlag: 6,
    commitOffset: 0,
    suspendTimeoutMillis: 15000,
    subVersion: 1795276178751,
    subscription: '*',
    expressionType: undefined,
    bname: undefined,
  })
  const response = fixture('pull-message.response')
  t.like(response.command, {code: 0, remark: 'FOUND'})
  const h = decodePullMessageResponseHeader(response.command.extFields)
  t.deepEqual(h, {suggestWhichBrokerId: 0, nextBeginOffset: 1, minOffset: 0, maxOffset: 1})
  t.deepEqual(response.command.extFields, encodePullMessageResponseHeader(h))
  const [msg, ...rest] = decodeMessages(response.command.body!)
  t.is(rest.length, 0)
  t.deepEqual(
    {...msg!, body: msg!.body.toString()},
    {
      topic: 'TopicTest',
      queueId: 0,
      flag: 0,
      body: 'hello',
      properties: {TAGS: 'TagA', KEYS: 'k1', CLUSTER: 'DefaultCluster'},
      sysFlag: 0,
      bornTimestamp: 1795276178738,
      bornHost: {ip: '127.0.0.1', port: 36714},
      storeTimestamp: 1795276178745,
      storeHost: {ip: '127.0.0.1', port: 20911},
      queueOffset: 0,
      commitLogOffset: 0,
      storeSize: 145,
      bodyCRC: 907060870,
      reconsumeTimes: 0,
      preparedTransactionOffset: 0,
      msgId: '7F000001000051AF0000000000000000',
    },
  )
  t.deepEqual(encodeFrame(response.command), response.bytes)
})

test('UPDATE_CONSUMER_OFFSET: sent without the oneway bit, answered with SUCCESS', (t) => {
  const {command} = fixture('update-consumer-offset.request')
  t.is(command.flag, 0)
  t.deepEqual(decodeUpdateConsumerOffsetRequestHeader(command.extFields), {consumerGroup: 'GID_capture', topic: 'TopicTest', queueId: 0, commitOffset: 1})
  const response = fixture('update-consumer-offset.response')
  t.like(response.command, {code: 0, flag: 1, opaque: command.opaque})
  t.deepEqual(encodeFrame(response.command), response.bytes)
})
