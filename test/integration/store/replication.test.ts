import test from 'ava'
import {DefaultMessageStore} from '../../../runtime/store/default-message-store.js'
import {message, storeConfig, tempDir} from '../../helpers/store-fixtures.js'

type Ctx = Parameters<typeof tempDir>[0]
const SEG = 8192

async function open(t: Ctx, role: 'ASYNC_MASTER' | 'SLAVE'): Promise<DefaultMessageStore> {
  const dir = await tempDir(t)
  const s = new DefaultMessageStore(storeConfig(dir, {brokerRole: role, mappedFileSizeCommitLog: SEG}), {cleanResourceInterval: 0})
  await s.start()
  t.teardown(() => s.shutdown())
  return s
}

/** Copies the master's commitlog to the slave in small chunks, as HA transfers do. */
async function replicate(master: DefaultMessageStore, slave: DefaultMessageStore, chunk: number): Promise<number> {
  let transfers = 0
  while (slave.getMaxPhyOffset() < master.getMaxPhyOffset()) {
    const from = slave.getMaxPhyOffset()
    const data = await master.getCommitLogData(from, chunk)
    if (!data) throw new Error(`master has no data at ${from}`)
    if (Math.floor(from / SEG) !== Math.floor((from + data.length - 1) / SEG)) throw new Error('a transfer crossed a segment end')
    await slave.appendToCommitLog(from, data)
    transfers++
  }
  return transfers
}

test('a slave fed raw commitlog chunks ends byte-identical and serves the same pulls', async (t) => {
  const master = await open(t, 'ASYNC_MASTER')
  const slave = await open(t, 'SLAVE')
  const arrived: string[] = []
  slave.onMessageArrived((topic, queueId, maxOffset) => arrived.push(`${topic}/${queueId}/${maxOffset}`))
  for (let i = 0; i < 60; i++) await master.putMessage(message('Rep', i % 3, Buffer.alloc(200 + i, i), i % 2 ? 'odd' : 'even'))
  const transfers = await replicate(master, slave, 1000)
  t.true(transfers > 20)
  t.is(slave.getMaxPhyOffset(), master.getMaxPhyOffset())
  const a = await master.getCommitLogData(0, SEG)
  const b = await slave.getCommitLogData(0, SEG)
  t.true(a!.equals(b!))
  for (let q = 0; q < 3; q++) {
    t.is(slave.getMaxOffsetInQueue('Rep', q), 20)
    const pm = await master.getMessage('g', 'Rep', q, 0, 32)
    const ps = await slave.getMessage('g', 'Rep', q, 0, 32)
    t.true(Buffer.concat(ps.messages).equals(Buffer.concat(pm.messages)))
  }
  t.is(arrived.length, 60)
  t.is(slave.commitLog.topicQueueTable.get('Rep-1'), 20, 'a slave keeps the next queue offsets, ready to become master')
  t.true(arrived.includes('Rep/2/20'))
  const put = await slave.putMessage(message('Rep', 0, 'no'))
  t.is(put.status, 'SERVICE_NOT_AVAILABLE')
})

test('appendToCommitLog refuses data that does not start at the end', async (t) => {
  const master = await open(t, 'ASYNC_MASTER')
  const slave = await open(t, 'SLAVE')
  await master.putMessage(message('Rep', 0, 'x'))
  await master.putMessage(message('Rep', 0, 'y'))
  const data = await master.getCommitLogData(0, 1 << 20)
  await slave.appendToCommitLog(0, data!.subarray(0, 50))
  await t.throwsAsync(slave.appendToCommitLog(10, data!.subarray(10)), {message: /starts at 10, but the commitlog ends at 50/})
  t.is(slave.getMaxOffsetInQueue('Rep', 0), 0, 'half a record is not dispatched')
  await slave.appendToCommitLog(50, data!.subarray(50))
  t.is(slave.getMaxOffsetInQueue('Rep', 0), 2)
})

test('getCommitLogData never crosses a segment end and stops at the written end', async (t) => {
  const master = await open(t, 'ASYNC_MASTER')
  for (let i = 0; i < 30; i++) await master.putMessage(message('Rep', 0, Buffer.alloc(400)))
  const max = master.getMaxPhyOffset()
  t.true(max > SEG)
  t.is((await master.getCommitLogData(SEG - 100, 1000))!.length, 100)
  t.is((await master.getCommitLogData(max - 10, 1000))!.length, 10)
  t.is(await master.getCommitLogData(max, 1000), undefined)
})
