import test from 'ava'
import {MQClientError} from '../../../src/client/client-errors.js'
import {generateMessages, sizedBody} from '../../../src/client/producer/message-generator.js'

test('{i} expands to the index in the body and keys', (t) => {
  const msgs = [...generateMessages({topic: 'T', count: 3, body: 'order {i} of {i}', keys: ['k{i}'], tags: 'A'})]
  t.deepEqual(
    msgs.map((m) => m.body),
    ['order 0 of 0', 'order 1 of 1', 'order 2 of 2'],
  )
  t.deepEqual(
    msgs.map((m) => m.keys),
    [['k0'], ['k1'], ['k2']],
  )
  t.true(msgs.every((m) => m.tags === 'A' && m.topic === 'T'))
})

test('size gives bodies of exactly that many bytes', (t) => {
  for (const size of [1, 42, 43, 1024, 4097]) {
    t.is(sizedBody(size).length, size)
    const [m] = [...generateMessages({topic: 'T', size})]
    t.is((m!.body as Buffer).length, size)
  }
})

test('defaults: one message with an indexed greeting', (t) => {
  t.deepEqual(
    [...generateMessages({topic: 'T'})].map((m) => m.body),
    ['Hello mqlab 0'],
  )
})

test('body and size together, or bad numbers, are refused', (t) => {
  for (const bad of [{body: 'x', size: 3}, {size: 0}, {size: 1.5}, {count: -1}]) {
    const err = t.throws(() => [...generateMessages({topic: 'T', ...bad})], {instanceOf: MQClientError})
    t.is(err?.code, 'INVALID_ARGUMENT')
  }
})

test('generation is lazy: a huge count costs nothing until iterated', (t) => {
  const it = generateMessages({topic: 'T', count: 1e9})
  t.is(it.next().value?.body, 'Hello mqlab 0')
})
