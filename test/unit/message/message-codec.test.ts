import test from 'ava'
import {crc32} from '../../../runtime/common/crc32.js'
import {decodeMessage, decodeMessages} from '../../../runtime/message/message-decoder.js'
import {encodeStoredRecord} from '../../../runtime/message/message-encoder.js'
import type {MessageExtBrokerInner} from '../../../runtime/message/message-ext-broker-inner.js'
import {MessageSysFlag} from '../../../runtime/message/message-sys-flag.js'
import {MESSAGE_MAGIC_CODE} from '../../../runtime/message/stored-record-layout.js'

function inner(overrides: Partial<MessageExtBrokerInner> = {}): MessageExtBrokerInner {
  return {
    topic: 'TopicTest',
    queueId: 3,
    flag: 7,
    body: Buffer.from('Hello 1'),
    propertiesString: 'TAGS\u0001TagA\u0002KEYS\u0001k0\u0002CLUSTER\u0001DefaultCluster',
    sysFlag: 0,
    bornTimestamp: 1795274149035,
    bornHost: {ip: '::ffff:127.0.0.1', port: 54321},
    storeHost: {ip: '127.0.0.1', port: 20911},
    reconsumeTimes: 2,
    preparedTransactionOffset: 0,
    tagsCode: 2598919,
    ...overrides,
  }
}

test('stored record has the exact §3.2 byte layout (91 + body + topic + props)', (t) => {
  const msg = inner()
  const rec = encodeStoredRecord(msg, {queueOffset: 42, physicalOffset: 1_000_147, storeTimestamp: 1795274149099})
  const props = Buffer.from(msg.propertiesString)
  const size = 91 + 7 + 9 + props.length
  t.is(rec.length, size)
  t.is(rec.readInt32BE(0), size)
  t.is(rec.readInt32BE(4), MESSAGE_MAGIC_CODE)
  t.is(rec.readUInt32BE(4), 0xdaa320a7)
  t.is(rec.readInt32BE(8), crc32(msg.body))
  t.is(rec.readInt32BE(12), 3)
  t.is(rec.readInt32BE(16), 7)
  t.is(rec.readBigInt64BE(20), 42n)
  t.is(rec.readBigInt64BE(28), 1_000_147n)
  t.is(rec.readInt32BE(36), 0)
  t.is(rec.readBigInt64BE(40), 1795274149035n)
  t.deepEqual([...rec.subarray(48, 52)], [127, 0, 0, 1])
  t.is(rec.readInt32BE(52), 54321)
  t.is(rec.readBigInt64BE(56), 1795274149099n)
  t.deepEqual([...rec.subarray(64, 68)], [127, 0, 0, 1])
  t.is(rec.readInt32BE(68), 20911)
  t.is(rec.readInt32BE(72), 2)
  t.is(rec.readBigInt64BE(76), 0n)
  t.is(rec.readInt32BE(84), 7)
  t.is(rec.toString('utf8', 88, 95), 'Hello 1')
  t.is(rec.readInt8(95), 9)
  t.is(rec.toString('utf8', 96, 105), 'TopicTest')
  t.is(rec.readInt16BE(105), props.length)
  t.is(rec.toString('utf8', 107), msg.propertiesString)
})

test('decode gives back every field', (t) => {
  const msg = inner()
  const rec = encodeStoredRecord(msg, {queueOffset: 42, physicalOffset: 147, storeTimestamp: 1795274149099})
  const m = decodeMessage(rec)
  t.like(m, {
    topic: 'TopicTest',
    queueId: 3,
    flag: 7,
    sysFlag: 0,
    bornTimestamp: 1795274149035,
    storeTimestamp: 1795274149099,
    queueOffset: 42,
    commitLogOffset: 147,
    storeSize: rec.length,
    bodyCRC: crc32(msg.body),
    reconsumeTimes: 2,
    preparedTransactionOffset: 0,
    msgId: '7F000001000051AF0000000000000093',
  })
  t.deepEqual(m.bornHost, {ip: '127.0.0.1', port: 54321})
  t.deepEqual(m.storeHost, {ip: '127.0.0.1', port: 20911})
  t.deepEqual(m.properties, {TAGS: 'TagA', KEYS: 'k0', CLUSTER: 'DefaultCluster'})
  t.is(m.body.toString(), 'Hello 1')
})

test('empty body and empty properties', (t) => {
  const rec = encodeStoredRecord(inner({body: Buffer.alloc(0), propertiesString: ''}), {queueOffset: 0, physicalOffset: 0, storeTimestamp: 1})
  t.is(rec.length, 91 + 9)
  const m = decodeMessage(rec)
  t.is(m.body.length, 0)
  t.deepEqual(m.properties, {})
})

test('IPv6 hosts widen the record and set sysFlag bits 4 and 5', (t) => {
  const rec = encodeStoredRecord(inner({bornHost: {ip: '::1', port: 1}, storeHost: {ip: 'fe80::2', port: 2}}), {
    queueOffset: 0,
    physicalOffset: 0,
    storeTimestamp: 1,
  })
  const m = decodeMessage(rec)
  t.is(rec.length, 91 + 24 + 7 + 9 + Buffer.byteLength(inner().propertiesString))
  t.is(m.sysFlag, MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG)
  t.deepEqual(m.bornHost, {ip: '0:0:0:0:0:0:0:1', port: 1})
  t.deepEqual(m.storeHost, {ip: 'fe80:0:0:0:0:0:0:2', port: 2})
})

test('a pull body decodes into its records; multi-byte topic and body', (t) => {
  const a = encodeStoredRecord(inner(), {queueOffset: 0, physicalOffset: 0, storeTimestamp: 1})
  const b = encodeStoredRecord(inner({topic: 'Tópico', body: Buffer.from('€€'), propertiesString: ''}), {
    queueOffset: 1,
    physicalOffset: a.length,
    storeTimestamp: 2,
  })
  const list = decodeMessages(Buffer.concat([a, b]))
  t.is(list.length, 2)
  t.is(list[1].topic, 'Tópico')
  t.is(list[1].body.toString(), '€€')
  t.is(list[1].commitLogOffset, a.length)
  t.deepEqual(decodeMessages(Buffer.alloc(0)), [])
})

test('corrupt bytes throw MessageDecodeError, never return garbage', (t) => {
  const rec = encodeStoredRecord(inner(), {queueOffset: 0, physicalOffset: 0, storeTimestamp: 1})
  const badMagic = Buffer.from(rec)
  badMagic.writeInt32BE(123, 4)
  t.throws(() => decodeMessage(badMagic), {name: 'MessageDecodeError', message: /bad magic/})
  t.throws(() => decodeMessages(rec.subarray(0, rec.length - 1)), {name: 'MessageDecodeError'})
  t.throws(() => decodeMessages(Buffer.concat([rec, Buffer.from([1, 2])])), {name: 'MessageDecodeError'})
  const badBodyLen = Buffer.from(rec)
  badBodyLen.writeInt32BE(10_000, 84)
  t.throws(() => decodeMessage(badBodyLen), {name: 'MessageDecodeError', message: /truncated/})
})
