import test from 'ava'
import {DefaultMessageStore} from '../../../runtime/store/default-message-store.js'
import {FaultyFs, message, storeConfig, tempDir} from '../../helpers/store-fixtures.js'

test('concurrent SYNC_FLUSH puts share fdatasyncs, and each is acknowledged only once flushed', async (t) => {
  const dir = await tempDir(t)
  const fs = new FaultyFs()
  const s = new DefaultMessageStore(storeConfig(dir, {flushDiskType: 'SYNC_FLUSH', mappedFileSizeCommitLog: 1024 * 1024}), {fs, cleanResourceInterval: 0})
  await s.start()
  t.teardown(() => s.shutdown())
  const before = fs.datasyncs
  const n = 300
  let unflushedAcks = 0
  const results = await Promise.all(
    Array.from({length: n}, (_, i) =>
      s.putMessage(message('G', i % 4, `m${i}`)).then((r) => {
        if (s.commitLog.queue.getFlushedWhere() < r.appendResult!.wroteOffset + r.appendResult!.wroteBytes) unflushedAcks++
        return r
      }),
    ),
  )
  t.true(results.every((r) => r.status === 'PUT_OK'))
  t.is(unflushedAcks, 0)
  const syncs = fs.datasyncs - before
  t.log(`${n} SYNC_FLUSH puts, ${syncs} fdatasyncs`)
  t.true(syncs >= 1)
  t.true(syncs < n / 4, `expected group commit to share fsyncs, got ${syncs} for ${n} puts`)
})

test('ASYNC_FLUSH acknowledges after the write without waiting for fdatasync', async (t) => {
  const dir = await tempDir(t)
  const fs = new FaultyFs()
  const s = new DefaultMessageStore(storeConfig(dir, {flushDiskType: 'ASYNC_FLUSH', flushIntervalCommitLog: 10}), {fs, cleanResourceInterval: 0})
  await s.start()
  let release!: () => void
  fs.datasyncGate = new Promise<void>((r) => (release = r))
  t.teardown(async () => {
    release()
    await s.shutdown()
  })
  const r = await s.putMessage(message('A', 0, 'x'))
  t.is(r.status, 'PUT_OK')
  t.true(s.commitLog.queue.getCommittedWhere() >= r.appendResult!.wroteBytes)
})
