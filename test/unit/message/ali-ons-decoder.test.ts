import test from 'ava'
import {createRequire} from 'node:module'
import {encodeStoredRecord} from '../../../runtime/message/message-encoder.js'
import {createOffsetMessageId} from '../../../runtime/message/message-id.js'
import {message} from '../../helpers/store-fixtures.js'

// ali-ons (a real RocketMQ client, pure JS) decodes pull bodies with its own MessageDecoder: our stored
// records must read back identically through it.
const require = createRequire(import.meta.url)
const aliDecoder = require('ali-ons/lib/message/message_decoder') as {decodes(bb: unknown): Array<Record<string, unknown>>}
const ByteBuffer = require('byte') as {wrap(b: Buffer): unknown}

test('ali-ons decodes our pull bodies field for field', (t) => {
  const msgs = [message('TopicTest', 3, 'Hello 1', 'TagA', {KEYS: 'k0'}), message('TopicTest', 3, Buffer.from('€ body'), undefined, {UNIQ_KEY: 'ABC'})]
  msgs[1].reconsumeTimes = 2
  msgs[1].flag = 9
  let offset = 1_000_000
  const records = msgs.map((m, i) => {
    const r = encodeStoredRecord(m, {queueOffset: 40 + i, physicalOffset: offset, storeTimestamp: 1_700_000_000_500 + i})
    offset += r.length
    return r
  })
  const decoded = aliDecoder.decodes(ByteBuffer.wrap(Buffer.concat(records)))
  t.is(decoded.length, 2)
  t.like(decoded[0], {
    topic: 'TopicTest',
    queueId: 3,
    queueOffset: 40,
    commitLogOffset: 1_000_000,
    storeSize: records[0].length,
    bornTimestamp: 1_700_000_000_000,
    storeTimestamp: 1_700_000_000_500,
    bornHost: '127.0.0.1:50000',
    storeHost: '127.0.0.1:10911',
    msgId: createOffsetMessageId({ip: '127.0.0.1', port: 10911}, 1_000_000),
  })
  t.is((decoded[0].body as Buffer).toString(), 'Hello 1')
  t.like(decoded[0].properties as object, {TAGS: 'TagA', KEYS: 'k0'})
  t.like(decoded[1], {queueOffset: 41, commitLogOffset: 1_000_000 + records[0].length, reconsumeTimes: 2, flag: 9})
  t.is((decoded[1].body as Buffer).toString(), '€ body')
  t.like(decoded[1].properties as object, {UNIQ_KEY: 'ABC'})
})
