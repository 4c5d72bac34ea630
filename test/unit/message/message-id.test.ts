import test from 'ava'
import {createOffsetMessageId, createUniqueMessageId, decodeOffsetMessageId} from '../../../runtime/message/message-id.js'

test('offset msg id matches the mock-run example and decodes back', (t) => {
  // 127.0.0.1:20911, offset 0x93 = 147 (docs/rocketmq-facts.md §3.5).
  const id = createOffsetMessageId({ip: '127.0.0.1', port: 20911}, 147)
  t.is(id, '7F000001000051AF0000000000000093')
  t.deepEqual(decodeOffsetMessageId(id), {storeHost: {ip: '127.0.0.1', port: 20911}, commitLogOffset: 147})
  t.deepEqual(decodeOffsetMessageId(id.toLowerCase()).commitLogOffset, 147)
})

test('offset msg id: IPv4-mapped hosts are IPv4, large offsets survive', (t) => {
  const id = createOffsetMessageId({ip: '::ffff:10.1.2.3', port: 10911}, 2 ** 40 + 5)
  t.is(id.length, 32)
  t.deepEqual(decodeOffsetMessageId(id), {storeHost: {ip: '10.1.2.3', port: 10911}, commitLogOffset: 2 ** 40 + 5})
})

test('offset msg id: IPv6 store host gives 56 chars', (t) => {
  const id = createOffsetMessageId({ip: '::1', port: 10911}, 9)
  t.is(id.length, 56)
  t.deepEqual(decodeOffsetMessageId(id), {storeHost: {ip: '0:0:0:0:0:0:0:1', port: 10911}, commitLogOffset: 9})
})

test('decodeOffsetMessageId rejects what is not an id', (t) => {
  t.throws(() => decodeOffsetMessageId('xyz'), {message: /not an offset message id/})
  t.throws(() => decodeOffsetMessageId('7F00000100'), {message: /not an offset message id/})
})

test('unique id: 16 bytes of ip, pid, hash, ms since month start, counter', (t) => {
  const now = Date.now()
  const a = createUniqueMessageId(now)
  const b = createUniqueMessageId(now)
  t.regex(a, /^[0-9A-F]{32}$/)
  t.is(a.slice(0, 20), b.slice(0, 20))
  const bufA = Buffer.from(a, 'hex')
  const bufB = Buffer.from(b, 'hex')
  t.is(bufA.readUInt16BE(4), process.pid & 0xffff)
  const d = new Date(now)
  t.is(bufA.readInt32BE(10), now - new Date(d.getFullYear(), d.getMonth(), 1).getTime())
  t.is((bufB.readUInt16BE(14) - bufA.readUInt16BE(14)) & 0xffff, 1)
})
