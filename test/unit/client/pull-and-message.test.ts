import test from 'ava'
import {deflateSync} from 'node:zlib'
import {encodeStoredRecord} from '../../../runtime/message/message-encoder.js'
import {encodeMessageProperties} from '../../../runtime/message/message-properties.js'
import {decodeMessage} from '../../../runtime/message/message-decoder.js'
import {PullSysFlag} from '../../../runtime/message/pull-sys-flag.js'
import {buildSubscriptionData} from '../../../runtime/remoting/body/subscription-data.js'
import {decodePullMessageRequestHeader} from '../../../runtime/remoting/header/pull-message-request-header.js'
import {createResponse} from '../../../runtime/remoting/remoting-command.js'
import {MQBrokerError} from '../../../src/client/client-errors.js'
import {toConsumedMessage} from '../../../src/client/consumer/consumed-message.js'
import {buildPullMessageRequest, processPullResponse, suspendTimeFor} from '../../../src/client/consumer/pull-message-request.js'
import {diffAssignment} from '../../../src/client/consumer/rebalance.js'

function record(i: number, props: Record<string, string>, body: Buffer = Buffer.from(`body-${i}`), topic = 'T', sysFlag = 0): Buffer {
  return encodeStoredRecord(
    {
      topic,
      queueId: 2,
      flag: 0,
      body,
      propertiesString: encodeMessageProperties(props),
      sysFlag,
      bornTimestamp: 1_700_000_000_000,
      bornHost: {ip: '127.0.0.1', port: 50000},
      storeHost: {ip: '127.0.0.1', port: 10911},
      reconsumeTimes: 0,
      preparedTransactionOffset: 0,
      tagsCode: 0,
    },
    {queueOffset: 10 + i, physicalOffset: 1000 * i, storeTimestamp: 1_700_000_000_100},
  )
}

const mq = {topic: 'T', brokerName: 'broker-a', queueId: 2}

test('pull request: suspend + subscription bits, never commit-offset; header round-trips', (t) => {
  const sub = buildSubscriptionData('T', 'TagA', 99)
  const req = buildPullMessageRequest('G', mq, 42, sub, {maxMsgNums: 32, suspendMs: 15000})
  t.is(req.code, 11)
  const h = decodePullMessageRequestHeader(req.extFields)
  t.like(h, {
    consumerGroup: 'G',
    topic: 'T',
    queueId: 2,
    queueOffset: 42,
    maxMsgNums: 32,
    commitOffset: 0,
    suspendTimeoutMillis: 15000,
    subVersion: 99,
    subscription: 'TagA',
    expressionType: 'TAG',
    bname: 'broker-a',
  })
  t.is(h.sysFlag, PullSysFlag.SUSPEND | PullSysFlag.SUBSCRIPTION)
  const noSuspend = decodePullMessageRequestHeader(buildPullMessageRequest('G', mq, 0, sub, {maxMsgNums: 1, suspendMs: 0}).extFields)
  t.is(noSuspend.sysFlag, PullSysFlag.SUBSCRIPTION)
  t.is(noSuspend.suspendTimeoutMillis, 0)
})

test('suspend time: 15 s at most, less near the deadline, none when too near', (t) => {
  t.is(suspendTimeFor(60_000), 15_000)
  t.is(suspendTimeFor(5000), 4900)
  t.is(suspendTimeFor(150), 0)
  t.is(suspendTimeFor(-5), 0)
})

const offsets = {suggestWhichBrokerId: '1', nextBeginOffset: '13', minOffset: '0', maxOffset: '20'}

test('pull response FOUND decodes the records and the four offsets', (t) => {
  const body = Buffer.concat([record(0, {TAGS: 'TagA'}), record(1, {TAGS: 'TagB'}), record(2, {})])
  const r = processPullResponse(createResponse({opaque: 1, serializeType: 0}, 0, 'FOUND', offsets, body), 'a:1')
  t.is(r.status, 'FOUND')
  t.like(r, {nextBeginOffset: 13, minOffset: 0, maxOffset: 20, suggestWhichBrokerId: 1})
  t.deepEqual(
    r.messages.map((m) => m.queueOffset),
    [10, 11, 12],
  )
})

test('pull response codes 19/20/21 are statuses; anything else is an error', (t) => {
  const status = (code: number) => processPullResponse(createResponse({opaque: 1, serializeType: 0}, code, undefined, offsets), 'a:1').status
  t.is(status(19), 'NO_NEW_MSG')
  t.is(status(20), 'NO_MATCHED_MSG')
  t.is(status(21), 'OFFSET_ILLEGAL')
  const err = t.throws(() => status(24), {instanceOf: MQBrokerError})
  t.is(err?.responseCode, 24)
})

test('consumed message: msgId prefers UNIQ_KEY, keys split, system properties hidden', (t) => {
  const msg = decodeMessage(record(0, {UNIQ_KEY: 'U1', TAGS: 'TagA', KEYS: 'k1 k2', WAIT: 'true', color: 'red'}))
  const c = toConsumedMessage(msg, {brokerName: 'broker-a', brokerId: 1})
  t.like(c, {msgId: 'U1', offsetMsgId: msg.msgId, topic: 'T', tags: 'TagA', body: 'body-0', queueId: 2, queueOffset: 10, brokerName: 'broker-a', brokerId: 1})
  t.deepEqual(c.keys, ['k1', 'k2'])
  t.deepEqual(c.properties, {color: 'red'})
  t.is(c.storeHost, '127.0.0.1:10911')
  const noUniq = toConsumedMessage(decodeMessage(record(1, {})), {brokerName: 'broker-a', brokerId: 0})
  t.is(noUniq.msgId, noUniq.offsetMsgId)
  t.regex(noUniq.msgId, /^7F00000100002A9F[0-9A-F]{16}$/)
})

test('consumed message: zlib bodies are inflated, retry-topic messages keep their original topic', (t) => {
  const text = 'x'.repeat(5000)
  const zipped = decodeMessage(record(0, {RETRY_TOPIC: 'Orig'}, deflateSync(Buffer.from(text)), '%RETRY%G', 1 | (3 << 8)))
  const c = toConsumedMessage(zipped, {brokerName: 'b', brokerId: 0})
  t.is(c.body, text)
  t.is(c.bodySize, 5000)
  t.false(c.bodyCompressed)
  t.is(c.topic, 'Orig')
  const lz4 = toConsumedMessage(decodeMessage(record(0, {}, Buffer.from('??'), 'T', 1 | (1 << 8))), {brokerName: 'b', brokerId: 0})
  t.true(lz4.bodyCompressed)
})

test('assignment diff: new queues started, lost ones dropped', (t) => {
  const q = (queueId: number) => ({topic: 'T', brokerName: 'broker-a', queueId})
  const {added, removed} = diffAssignment([q(0), q(1), q(2)], [q(1), q(2), q(3)])
  t.deepEqual(added, [q(3)])
  t.deepEqual(removed, [q(0)])
})
