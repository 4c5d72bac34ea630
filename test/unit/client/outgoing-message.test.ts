import test from 'ava'
import {inflateSync} from 'node:zlib'
import {createUniqueMessageId} from '../../../runtime/message/message-id.js'
import {parseMessageProperties} from '../../../runtime/message/message-properties.js'
import {MQClientError} from '../../../src/client/client-errors.js'
import {checkTopic, prepareMessage, ZLIB_COMPRESSION_TYPE} from '../../../src/client/producer/outgoing-message.js'

const options = {compressMsgBodyOverHowmuch: 4096, maxMessageSize: 4 * 1024 * 1024, createUniqId: () => 'UNIQ-1'}

test('properties carry TAGS, KEYS, WAIT and the client-generated UNIQ_KEY', (t) => {
  const p = prepareMessage({topic: 'T', body: 'hello', tags: 'TagA', keys: ['k1', 'k2']}, options)
  t.is(p.body.toString(), 'hello')
  t.is(p.sysFlag, 0)
  t.is(p.uniqKey, 'UNIQ-1')
  t.deepEqual(parseMessageProperties(p.propertiesString), {TAGS: 'TagA', KEYS: 'k1 k2', WAIT: 'true', UNIQ_KEY: 'UNIQ-1'})
  t.is(p.tags, 'TagA')
  t.deepEqual(p.keys, ['k1', 'k2'])
})

test('an explicit UNIQ_KEY is kept, as MessageClientIDSetter.setUniqID keeps one', (t) => {
  const p = prepareMessage({topic: 'T', body: 'x', properties: {UNIQ_KEY: 'MINE'}}, options)
  t.is(p.uniqKey, 'MINE')
})

test('delay level and waitStoreMsgOK=false become DELAY and WAIT=false', (t) => {
  const p = prepareMessage({topic: 'T', body: 'x', delayTimeLevel: 3, waitStoreMsgOK: false}, options)
  t.like(p.properties, {DELAY: '3', WAIT: 'false'})
})

test('bodies of 4 KiB and more are zlib-compressed and flagged COMPRESSED | ZLIB', (t) => {
  const body = Buffer.alloc(4096, 'a')
  const p = prepareMessage({topic: 'T', body}, options)
  t.is(p.sysFlag, 1 | ZLIB_COMPRESSION_TYPE)
  t.true(p.body.length < body.length)
  t.deepEqual(inflateSync(p.body), body)
  t.is(prepareMessage({topic: 'T', body: Buffer.alloc(4095, 'a')}, options).sysFlag, 0)
})

test('bad messages are refused before sending with MESSAGE_ILLEGAL', (t) => {
  for (const msg of [
    {topic: 'T', body: ''},
    {topic: 'bad topic', body: 'x'},
    {topic: '', body: 'x'},
    {topic: 'x'.repeat(128), body: 'x'},
  ]) {
    const err = t.throws(() => prepareMessage(msg, options), {instanceOf: MQClientError})
    t.is(err?.code, 'MESSAGE_ILLEGAL')
  }
  const big = t.throws(() => prepareMessage({topic: 'T', body: Buffer.alloc(11)}, {...options, maxMessageSize: 10}))
  t.regex(big?.message ?? '', /over max value/)
})

test('topic check accepts RocketMQ topic characters including %RETRY% names', (t) => {
  t.is(checkTopic('%RETRY%group_1|x-y'), undefined)
  t.regex(checkTopic('a.b') ?? '', /illegal characters/)
})

test('UNIQ_KEY format: 32 upper-case hex chars, fixed prefix, counter in the last 2 bytes', (t) => {
  const a = createUniqueMessageId(Date.UTC(2024, 0, 15))
  const b = createUniqueMessageId(Date.UTC(2024, 0, 15))
  t.regex(a, /^[0-9A-F]{32}$/)
  t.is(a.slice(0, 20), b.slice(0, 20), 'ip + pid + class-loader hash are fixed per process')
  t.is(a.slice(20, 28), b.slice(20, 28), 'same millisecond → same time field')
  t.is((parseInt(b.slice(28), 16) - parseInt(a.slice(28), 16)) & 0xffff, 1, 'the counter increments')
  const pid = parseInt(a.slice(8, 12), 16)
  t.is(pid, process.pid & 0xffff)
})
