import test from 'ava'
import {decodeMessage} from '../../../runtime/message/message-decoder.js'
import {DefaultMessageStore, type DefaultMessageStoreConfig} from '../../../runtime/store/default-message-store.js'
import {FaultyFs, message, storeConfig, tempDir} from '../../helpers/store-fixtures.js'

type Ctx = Parameters<typeof tempDir>[0]

async function open(t: Ctx, dir: string, fs: FaultyFs, over: Partial<DefaultMessageStoreConfig> = {}) {
  const s = new DefaultMessageStore(storeConfig(dir, {mappedFileSizeCommitLog: 8192, ...over}), {fs, cleanResourceInterval: 0})
  await s.start()
  t.teardown(() => s.shutdown())
  return s
}

const isCommitLog = (p: string) => p.includes('/commitlog/')

async function bodiesOf(s: DefaultMessageStore, topic: string): Promise<string[]> {
  const r = await s.getMessage('g', topic, 0, s.getMinOffsetInQueue(topic, 0), 1000)
  return r.messages.map((m) => decodeMessage(m).body.toString())
}

test('a failing write fails exactly the puts in it; nothing half-stored; the store carries on', async (t) => {
  const dir = await tempDir(t)
  const fs = new FaultyFs()
  const s = await open(t, dir, fs)
  t.is((await s.putMessage(message('F', 0, 'ok-0'))).status, 'PUT_OK')
  fs.fault = {kind: 'fail', match: isCommitLog}
  const failed = await Promise.all([1, 2, 3].map((i) => s.putMessage(message('F', 0, `lost-${i}`))))
  t.deepEqual(
    failed.map((r) => r.status),
    ['UNKNOWN_ERROR', 'UNKNOWN_ERROR', 'UNKNOWN_ERROR'],
  )
  t.regex(failed[0].remark ?? '', /EIO: injected/)
  t.is(s.getMaxOffsetInQueue('F', 0), 1)
  fs.fault = undefined
  const after = await s.putMessage(message('F', 0, 'ok-1'))
  t.is(after.status, 'PUT_OK')
  t.is(after.appendResult?.logicsOffset, 1) // the failed puts' queue offsets were given back
  t.deepEqual(await bodiesOf(s, 'F'), ['ok-0', 'ok-1'])
  await s.shutdown()
  const again = await open(t, dir, new FaultyFs())
  t.deepEqual(await bodiesOf(again, 'F'), ['ok-0', 'ok-1'])
})

test('a torn write followed by a crash: recovery cuts the half record, acknowledged ones survive', async (t) => {
  const dir = await tempDir(t)
  const fs = new FaultyFs()
  const s = new DefaultMessageStore(storeConfig(dir, {mappedFileSizeCommitLog: 8192}), {fs, cleanResourceInterval: 0})
  await s.start()
  for (let i = 0; i < 5; i++) t.is((await s.putMessage(message('F', 0, `ok-${i}`))).status, 'PUT_OK')
  fs.fault = {kind: 'torn', match: isCommitLog}
  t.is((await s.putMessage(message('F', 0, Buffer.alloc(600, 1)))).status, 'UNKNOWN_ERROR')
  await s.halt()
  const again = await open(t, dir, new FaultyFs())
  t.is(again.lastRecovery?.lastExitOK, false)
  t.deepEqual(await bodiesOf(again, 'F'), ['ok-0', 'ok-1', 'ok-2', 'ok-3', 'ok-4'])
  t.is((await again.putMessage(message('F', 0, 'ok-5'))).appendResult?.logicsOffset, 5)
})

test('leftovers of a torn write are zeroed before the next write, so a later crash cannot revive them', async (t) => {
  const dir = await tempDir(t)
  const fs = new FaultyFs()
  const s = new DefaultMessageStore(storeConfig(dir, {mappedFileSizeCommitLog: 8192}), {fs, cleanResourceInterval: 0})
  await s.start()
  t.is((await s.putMessage(message('F', 0, 'ok-0'))).status, 'PUT_OK')
  fs.fault = {kind: 'torn', match: isCommitLog}
  // Two records in one write: the first lands whole on disk before the write fails.
  const lost = await Promise.all([s.putMessage(message('F', 0, 'a'.repeat(50))), s.putMessage(message('F', 0, 'b'.repeat(400)))])
  t.deepEqual(
    lost.map((r) => r.status),
    ['UNKNOWN_ERROR', 'UNKNOWN_ERROR'],
  )
  fs.fault = undefined
  t.is((await s.putMessage(message('F', 0, 'ok-1'))).status, 'PUT_OK')
  await s.halt()
  const again = await open(t, dir, new FaultyFs())
  t.deepEqual(await bodiesOf(again, 'F'), ['ok-0', 'ok-1'])
})

test('a segment that cannot be created answers CREATE_MAPEDFILE_FAILED', async (t) => {
  const dir = await tempDir(t)
  const fs = new FaultyFs()
  const s = await open(t, dir, fs, {mappedFileSizeCommitLog: 1024})
  t.is((await s.putMessage(message('F', 0, Buffer.alloc(500)))).status, 'PUT_OK')
  fs.failOpenFor = isCommitLog
  const r = await s.putMessage(message('F', 0, Buffer.alloc(500))) // needs the second segment
  t.is(r.status, 'CREATE_MAPEDFILE_FAILED')
  fs.failOpenFor = undefined
  const ok = await s.putMessage(message('F', 0, Buffer.alloc(500)))
  t.like(ok, {status: 'PUT_OK'})
  t.like(ok.appendResult, {wroteOffset: 1024, logicsOffset: 1})
})

test('SYNC_FLUSH answers FLUSH_DISK_TIMEOUT when fdatasync hangs, and the message is still stored', async (t) => {
  const dir = await tempDir(t)
  const fs = new FaultyFs()
  const s = await open(t, dir, fs, {flushDiskType: 'SYNC_FLUSH', syncFlushTimeout: 150})
  let release!: () => void
  fs.datasyncGate = new Promise<void>((r) => (release = r))
  t.teardown(() => release())
  const started = Date.now()
  const r = await s.putMessage(message('F', 0, 'slow'))
  t.is(r.status, 'FLUSH_DISK_TIMEOUT')
  t.true(Date.now() - started >= 140)
  t.truthy(r.appendResult)
  t.deepEqual(await bodiesOf(s, 'F'), ['slow'])
  release()
})
