import test from 'ava'
import {allocateMessageQueueAveragely} from '../../../src/client/consumer/allocate-message-queue-averagely.js'
import type {MessageQueue} from '../../../src/client/route/message-queue.js'

const queues = (n: number, brokerName = 'broker-a'): MessageQueue[] => Array.from({length: n}, (_, queueId) => ({topic: 'T', brokerName, queueId}))
const ids = (qs: MessageQueue[]) => qs.map((q) => `${q.brokerName}/${q.queueId}`)

test('one consumer gets every queue', (t) => {
  t.deepEqual(ids(allocateMessageQueueAveragely('c1', queues(4), ['c1'])), ['broker-a/0', 'broker-a/1', 'broker-a/2', 'broker-a/3'])
})

test('8 queues over 3 consumers: 3, 3, 2 in contiguous blocks', (t) => {
  const cids = ['c2', 'c1', 'c3'] // sorted before use
  t.deepEqual(ids(allocateMessageQueueAveragely('c1', queues(8), cids)), ['broker-a/0', 'broker-a/1', 'broker-a/2'])
  t.deepEqual(ids(allocateMessageQueueAveragely('c2', queues(8), cids)), ['broker-a/3', 'broker-a/4', 'broker-a/5'])
  t.deepEqual(ids(allocateMessageQueueAveragely('c3', queues(8), cids)), ['broker-a/6', 'broker-a/7'])
})

test('more consumers than queues: one each, the rest get none', (t) => {
  const cids = ['a', 'b', 'c']
  t.deepEqual(ids(allocateMessageQueueAveragely('a', queues(2), cids)), ['broker-a/0'])
  t.deepEqual(ids(allocateMessageQueueAveragely('b', queues(2), cids)), ['broker-a/1'])
  t.deepEqual(ids(allocateMessageQueueAveragely('c', queues(2), cids)), [])
})

test('every queue is allocated exactly once, whatever the counts', (t) => {
  for (let nq = 0; nq <= 9; nq++) {
    for (let nc = 1; nc <= 5; nc++) {
      const all = [...queues(Math.ceil(nq / 2), 'broker-b'), ...queues(Math.floor(nq / 2), 'broker-a')]
      const cids = Array.from({length: nc}, (_, i) => `10.0.0.1@${i}`)
      const got = cids.flatMap((c) => ids(allocateMessageQueueAveragely(c, all, cids)))
      t.deepEqual([...got].sort(), ids(all).sort(), `${nq} queues, ${nc} consumers`)
    }
  }
})

test('queues are sorted by topic, brokerName, queueId before allocation', (t) => {
  const mixed = [...queues(2, 'broker-b'), ...queues(2, 'broker-a')].reverse()
  t.deepEqual(ids(allocateMessageQueueAveragely('x', mixed, ['x', 'y'])), ['broker-a/0', 'broker-a/1'])
})

test('a consumer missing from the list gets nothing', (t) => {
  t.deepEqual(allocateMessageQueueAveragely('ghost', queues(4), ['c1']), [])
})
