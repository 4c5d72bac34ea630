import test from 'ava'
import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {decodeMessage} from '../../../runtime/message/message-decoder.js'
import {DefaultMessageStore} from '../../../runtime/store/default-message-store.js'
import {message, storeConfig, tempDir} from '../../helpers/store-fixtures.js'

const SEG = 4096

test('expired segments go at deleteWhen, never the one being written; consume queues follow', async (t) => {
  const dir = await tempDir(t)
  let now = new Date(2024, 0, 15, 2, 30).getTime()
  const s = new DefaultMessageStore(
    storeConfig(dir, {mappedFileSizeCommitLog: SEG, mappedFileSizeConsumeQueue: 20 * 4, deleteWhen: '04;16', fileReservedTime: 1}),
    {clock: () => now, cleanResourceInterval: 0},
  )
  await s.start()
  t.teardown(() => s.shutdown())
  const offsets: number[] = []
  for (let i = 0; i < 40; i++) offsets.push((await s.putMessage(message('Ret', 0, Buffer.alloc(300, i))))!.appendResult!.wroteOffset)
  await s.flush()
  const segments = async () => (await fsp.readdir(join(dir, 'commitlog'))).sort()
  const before = await segments()
  t.is(before.length, 4)

  now = new Date(2024, 0, 15, 3, 45).getTime() // expired, but not a deleteWhen hour
  t.is(await s.runCleanOnce(), 0)
  now = new Date(2024, 0, 15, 4, 5).getTime()
  // Newer writes keep the last segments young: only segments last written at 02:30 may go.
  for (let i = 40; i < 45; i++) await s.putMessage(message('Ret', 0, Buffer.alloc(300, i)))
  const deleted = await s.runCleanOnce()
  const after = await segments()
  // Segments 0–2 were last written at 02:30; segment 3 took the 04:05 writes and is young.
  t.is(deleted, before.length - 1)
  t.is(after[0], before[before.length - 1])
  const min = s.getMinPhyOffset()
  t.is(min, Number(after[0]))
  // Consume-queue files that only pointed below the new minimum are gone; the min queue offset moved.
  const minQ = s.getMinOffsetInQueue('Ret', 0)
  t.is(
    minQ,
    offsets.findIndex((o) => o >= min),
  )
  const cqFiles = await fsp.readdir(join(dir, 'consumequeue', 'Ret', '0'))
  t.true(
    cqFiles.every((f) => Number(f) + 80 > minQ * 20),
    `${cqFiles} vs min ${minQ}`,
  )
  const tooSmall = await s.getMessage('g', 'Ret', 0, 0, 32)
  t.like(tooSmall, {status: 'OFFSET_TOO_SMALL', nextBeginOffset: minQ})
  const first = await s.getMessage('g', 'Ret', 0, minQ, 1)
  t.is(decodeMessage(first.messages[0]).body[0], minQ)

  now += 1000 * 3600 * 24 * 30
  await s.runCleanOnce()
  t.is((await segments()).length, 1, 'the segment being written stays')
  t.is((await s.putMessage(message('Ret', 0, 'still works'))).status, 'PUT_OK')
})

test('retention survives a restart: the minimum offsets are recomputed from what is left', async (t) => {
  const dir = await tempDir(t)
  let now = new Date(2024, 0, 15, 4, 0).getTime()
  const cfg = storeConfig(dir, {mappedFileSizeCommitLog: SEG, mappedFileSizeConsumeQueue: 20 * 4, deleteWhen: '04', fileReservedTime: 1})
  const a = new DefaultMessageStore(cfg, {clock: () => now, cleanResourceInterval: 0})
  await a.start()
  for (let i = 0; i < 30; i++) await a.putMessage(message('Ret', 1, Buffer.alloc(300, i)))
  now = new Date(2024, 0, 16, 4, 0).getTime() // a day later, at the deleteWhen hour
  t.true((await a.runCleanOnce()) > 0)
  const minQ = a.getMinOffsetInQueue('Ret', 1)
  const minPhy = a.getMinPhyOffset()
  await a.shutdown()
  const b = new DefaultMessageStore(cfg, {clock: () => now, cleanResourceInterval: 0})
  await b.start()
  t.teardown(() => b.shutdown())
  t.is(b.getMinPhyOffset(), minPhy)
  t.is(b.getMinOffsetInQueue('Ret', 1), minQ)
  t.is(b.getMaxOffsetInQueue('Ret', 1), 30)
  const r = await b.getMessage('g', 'Ret', 1, minQ, 32)
  t.is(decodeMessage(r.messages[0]).body[0], minQ)
})

test('reads racing retention: MESSAGE_WAS_REMOVING and OFFSET_FOUND_NULL skip ahead', async (t) => {
  const dir = await tempDir(t)
  let now = new Date(2024, 0, 15, 1, 0).getTime()
  const s = new DefaultMessageStore(storeConfig(dir, {mappedFileSizeCommitLog: SEG, mappedFileSizeConsumeQueue: 20 * 4}), {
    clock: () => now,
    cleanResourceInterval: 0,
  })
  await s.start()
  t.teardown(() => s.shutdown())
  for (let i = 0; i < 30; i++) await s.putMessage(message('Race', 0, Buffer.alloc(300, i)))
  await s.flush()
  now += 100 * 3600_000
  // The commitlog loses its oldest segments, but the consume queue has not been corrected yet.
  t.true((await s.commitLog.deleteExpiredFile(3600_000, now, false, 2)) === 2)
  const removing = await s.getMessage('g', 'Race', 0, 0, 4)
  t.is(removing.status, 'MESSAGE_WAS_REMOVING')
  t.is(removing.nextBeginOffset, 4) // the whole consume-queue file was scanned past
  const later = await s.getMessage('g', 'Race', 0, 20, 4)
  t.is(later.status, 'FOUND')
  // A consume-queue file vanishes under a reader: OFFSET_FOUND_NULL with the next file's start.
  const cq = s.consumeQueues.find('Race', 0)!
  await cq.queue.deleteFirst(1)
  const missing = await s.getMessage('g', 'Race', 0, 1, 4)
  t.like(missing, {status: 'OFFSET_FOUND_NULL', nextBeginOffset: 4})
})
