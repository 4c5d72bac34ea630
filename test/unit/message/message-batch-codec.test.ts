import test from 'ava'
import {type BatchMessage, decodeBatchBody, encodeBatchBody} from '../../../runtime/message/message-batch-codec.js'

test('batch body layout: size, magic 0, crc 0, flag, body, properties', (t) => {
  const body = encodeBatchBody([{flag: 5, body: Buffer.from('abc'), properties: {TAGS: 'T'}}])
  // 20 fixed + 3 body + 2 + "TAGS\u0001T" (6)
  t.is(body.length, 31)
  t.is(body.readInt32BE(0), 31)
  t.is(body.readInt32BE(4), 0)
  t.is(body.readInt32BE(8), 0)
  t.is(body.readInt32BE(12), 5)
  t.is(body.readInt32BE(16), 3)
  t.is(body.toString('utf8', 20, 23), 'abc')
  t.is(body.readInt16BE(23), 6)
  t.is(body.toString('utf8', 25), 'TAGS\u0001T')
})

test('batch round trip', (t) => {
  const msgs: BatchMessage[] = [
    {flag: 0, body: Buffer.from('one'), properties: {KEYS: 'k1', UNIQ_KEY: 'X'}},
    {flag: 1, body: Buffer.alloc(0), properties: {}},
    {flag: 2, body: Buffer.alloc(5000, 7), properties: {TAGS: 'TagA'}},
  ]
  const out = decodeBatchBody(encodeBatchBody(msgs))
  t.is(out.length, 3)
  out.forEach((m, i) => {
    t.is(m.flag, msgs[i].flag)
    t.true(m.body.equals(msgs[i].body))
    t.deepEqual(m.properties, msgs[i].properties)
  })
})

test('a truncated batch throws', (t) => {
  const body = encodeBatchBody([{flag: 0, body: Buffer.from('one'), properties: {}}])
  t.throws(() => decodeBatchBody(body.subarray(0, body.length - 1)), {name: 'MessageDecodeError'})
  t.throws(() => decodeBatchBody(body.subarray(0, 10)), {name: 'MessageDecodeError'})
})
