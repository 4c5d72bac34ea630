import test from 'ava'
import {combineStatus, combineStoreAndReplica} from '../../../runtime/store/flush-replica-combine.js'
import type {PutMessageResult, PutMessageStatus} from '../../../runtime/store/message-store.js'
import {RecentPutStatus} from '../../../runtime/store/recent-put-status.js'

const stored = (status: PutMessageStatus): PutMessageResult => ({
  status,
  appendResult: {wroteOffset: 0, wroteBytes: 10, msgId: 'X', storeTimestamp: 1, logicsOffset: 0, msgNum: 1},
})

test('replica failure wins, then flush failure, else PUT_OK (CommitLog thenCombine)', (t) => {
  t.is(combineStatus(stored('PUT_OK'), 'PUT_OK').status, 'PUT_OK')
  t.is(combineStatus(stored('FLUSH_DISK_TIMEOUT'), 'PUT_OK').status, 'FLUSH_DISK_TIMEOUT')
  t.is(combineStatus(stored('PUT_OK'), 'FLUSH_SLAVE_TIMEOUT').status, 'FLUSH_SLAVE_TIMEOUT')
  t.is(combineStatus(stored('FLUSH_DISK_TIMEOUT'), 'SLAVE_NOT_AVAILABLE').status, 'SLAVE_NOT_AVAILABLE')
  t.is(
    combineStatus({status: 'UNKNOWN_ERROR', remark: 'write failed'}, 'FLUSH_SLAVE_TIMEOUT').status,
    'UNKNOWN_ERROR',
    'an unwritten put is not a replication problem',
  )
})

test('both waits run together; the answer comes when both are done', async (t) => {
  let resolveReplica!: (s: PutMessageStatus) => void
  const replica = new Promise<PutMessageStatus>((r) => (resolveReplica = r))
  let done = false
  const combined = combineStoreAndReplica(Promise.resolve(stored('PUT_OK')), replica).then((r) => {
    done = true
    return r
  })
  await new Promise((r) => setImmediate(r))
  t.false(done, 'written, but the slave has not acknowledged yet')
  resolveReplica('PUT_OK')
  t.is((await combined).status, 'PUT_OK')
})

test('a failed write answers at once, without waiting for a replication that cannot come', async (t) => {
  const never = new Promise<PutMessageStatus>(() => undefined)
  const r = await combineStoreAndReplica(Promise.resolve({status: 'CREATE_MAPEDFILE_FAILED'} as PutMessageResult), never)
  t.is(r.status, 'CREATE_MAPEDFILE_FAILED')
  t.is((await combineStoreAndReplica(Promise.resolve(stored('PUT_OK')), 'SLAVE_NOT_AVAILABLE')).status, 'SLAVE_NOT_AVAILABLE')
})

test('recent put outcomes: a sliding minute of send statuses', (t) => {
  const r = new RecentPutStatus()
  r.count('PUT_OK', 1_000)
  r.count('PUT_OK', 1_500)
  r.count('FLUSH_SLAVE_TIMEOUT', 30_000)
  r.count('MESSAGE_ILLEGAL', 30_000)
  t.deepEqual(r.counts(31_000), {SEND_OK: 2, FLUSH_DISK_TIMEOUT: 0, FLUSH_SLAVE_TIMEOUT: 1, SLAVE_NOT_AVAILABLE: 0})
  t.deepEqual(r.counts(61_000), {SEND_OK: 0, FLUSH_DISK_TIMEOUT: 0, FLUSH_SLAVE_TIMEOUT: 1, SLAVE_NOT_AVAILABLE: 0})
  t.deepEqual(r.counts(100_000), {SEND_OK: 0, FLUSH_DISK_TIMEOUT: 0, FLUSH_SLAVE_TIMEOUT: 0, SLAVE_NOT_AVAILABLE: 0})
})
