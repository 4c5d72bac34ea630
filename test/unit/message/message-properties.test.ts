import test from 'ava'
import {MessageConst, encodeMessageProperties, parseMessageProperties} from '../../../runtime/message/message-properties.js'

test('parses 4.9.8 properties without a trailing separator', (t) => {
  t.deepEqual(parseMessageProperties('TAGS\u0001TagA\u0002KEYS\u0001k0'), {TAGS: 'TagA', KEYS: 'k0'})
})

test('parses ali-ons / 4.4 properties with a trailing separator', (t) => {
  // Observed ali-ons header "i" (docs/rocketmq-facts.md §2.4).
  t.deepEqual(parseMessageProperties('TAGS\u0001TagA\u0002KEYS\u0001k0\u0002'), {TAGS: 'TagA', KEYS: 'k0'})
})

test('skips segments Java skips: too short, no separator, empty key or value', (t) => {
  t.deepEqual(parseMessageProperties(''), {})
  t.deepEqual(parseMessageProperties('\u0002\u0002A\u0001B\u0002noSep\u0002\u0001xy\u0002K\u0001\u0002'), {A: 'B'})
})

test('encodes without a trailing separator and round-trips', (t) => {
  const props = {[MessageConst.TAGS]: 'TagA', [MessageConst.KEYS]: 'a b', [MessageConst.UNIQ_KEY]: 'ü€'}
  const s = encodeMessageProperties(props)
  t.is(s, 'TAGS\u0001TagA\u0002KEYS\u0001a b\u0002UNIQ_KEY\u0001ü€')
  t.deepEqual(parseMessageProperties(s), props)
  t.is(encodeMessageProperties({}), '')
})
