import test from 'ava'
import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {decodeMessage, decodeMessages} from '../../../runtime/message/message-decoder.js'
import {BLANK_MAGIC_CODE, MESSAGE_MAGIC_CODE} from '../../../runtime/message/stored-record-layout.js'
import {tagsString2tagsCode} from '../../../runtime/message/tags-code.js'
import {DefaultMessageStore} from '../../../runtime/store/default-message-store.js'
import {message, storeConfig, tempDir} from '../../helpers/store-fixtures.js'

async function openStore(t: Parameters<typeof tempDir>[0], dir: string, overrides = {}) {
  const store = new DefaultMessageStore(storeConfig(dir, overrides), {cleanResourceInterval: 0})
  await store.start()
  t.teardown(() => store.shutdown())
  return store
}

test('put then get returns byte-exact records with consecutive queue offsets', async (t) => {
  const dir = await tempDir(t)
  const store = await openStore(t, dir)
  const results = await Promise.all([0, 1, 2].map((i) => store.putMessage(message('TopicA', 1, `body-${i}`, 'TagA'))))
  t.deepEqual(
    results.map((r) => r.status),
    ['PUT_OK', 'PUT_OK', 'PUT_OK'],
  )
  t.deepEqual(
    results.map((r) => r.appendResult?.logicsOffset),
    [0, 1, 2],
  )
  t.is(results[1].appendResult?.wroteOffset, results[0].appendResult!.wroteBytes)
  t.is(store.getMaxOffsetInQueue('TopicA', 1), 3)
  const got = await store.getMessage('g', 'TopicA', 1, 0, 32)
  t.is(got.status, 'FOUND')
  t.is(got.nextBeginOffset, 3)
  const msgs = decodeMessages(Buffer.concat(got.messages))
  t.deepEqual(
    msgs.map((m) => m.body.toString()),
    ['body-0', 'body-1', 'body-2'],
  )
  t.deepEqual(
    msgs.map((m) => m.queueOffset),
    [0, 1, 2],
  )
  t.is(msgs[0].msgId, results[0].appendResult!.msgId)
  t.is(msgs[2].commitLogOffset, results[2].appendResult!.wroteOffset)
  const exact = await store.lookMessageByOffset(results[1].appendResult!.wroteOffset)
  t.true(exact?.equals(got.messages[1]))
  t.is(await store.getCommitLogOffsetInQueue('TopicA', 1, 2), results[2].appendResult!.wroteOffset)
  t.is(await store.getCommitLogOffsetInQueue('TopicA', 1, 3), -1)
  t.like(store.getRuntimeInfo(), {
    commitLogMinOffset: '0',
    commitLogMaxOffset: String(store.getMaxPhyOffset()),
    putMessageTimesTotal: '3',
    getMessageTimesTotalFound: '1',
  })
  t.deepEqual(store.getTopicQueueIds().get('TopicA'), [1])
})

test('arriving-message listeners hear every dispatched record with the queue max offset', async (t) => {
  const dir = await tempDir(t)
  const store = await openStore(t, dir)
  const heard: Array<[string, number, number, number]> = []
  store.onMessageArrived((topic, queueId, maxOffset, tagsCode) => heard.push([topic, queueId, maxOffset, tagsCode]))
  await store.putMessage(message('L', 2, 'a', 'TagA'))
  await store.putMessage(message('L', 2, 'b'))
  t.deepEqual(heard, [
    ['L', 2, 1, 2598919],
    ['L', 2, 2, 0],
  ])
})

test('search by time, earliest time, and unused topics', async (t) => {
  const dir = await tempDir(t)
  let now = 1_000_000
  const store = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0, clock: () => now})
  await store.start()
  t.teardown(() => store.shutdown())
  for (let i = 0; i < 10; i++) {
    now = 1_000_000 + i * 1000
    await store.putMessage(message('Time', 0, `t${i}`))
  }
  t.is(await store.getOffsetInQueueByTime('Time', 0, 0), 0)
  t.is(await store.getOffsetInQueueByTime('Time', 0, 1_004_000), 4)
  t.is(await store.getOffsetInQueueByTime('Time', 0, 1_004_001), 5)
  t.is(await store.getOffsetInQueueByTime('Time', 0, 9_999_999), 10)
  t.is(await store.getEarliestMessageTime('Time', 0), 1_000_000)
  t.is(await store.getEarliestMessageTime('Nope', 0), -1)
  await store.putMessage(message('Gone', 0, 'x'))
  await store.cleanUnusedTopics(new Set(['Time']))
  t.deepEqual([...store.getTopicQueueIds().keys()], ['Time'])
  t.is(store.getMaxOffsetInQueue('Gone', 0), 0)
  t.is((await store.putMessage(message('Gone', 0, 'again'))).appendResult?.logicsOffset, 0)
})

test('records roll to the next segment behind a blank end marker', async (t) => {
  const dir = await tempDir(t)
  const store = await openStore(t, dir, {mappedFileSizeCommitLog: 4096})
  const body = Buffer.alloc(1000, 7)
  const rs = []
  for (let i = 0; i < 10; i++) rs.push(await store.putMessage(message('Roll', 0, body)))
  t.true(rs.every((r) => r.status === 'PUT_OK'))
  const size = rs[0].appendResult!.wroteBytes // 91 + 1000 + 4 + 0
  t.is(size, 1095)
  // 3 records fit a 4096-byte segment (3 × 1095 + 8 ≤ 4096; a 4th would leave < 8 for the blank).
  t.deepEqual(rs.map((r) => r.appendResult!.wroteOffset).slice(0, 5), [0, 1095, 2190, 4096, 5191])
  await store.flush()
  const files = (await fsp.readdir(join(dir, 'commitlog'))).sort()
  t.deepEqual(files, ['00000000000000000000', '00000000000000004096', '00000000000000008192', '00000000000000012288'])
  const seg0 = await fsp.readFile(join(dir, 'commitlog', files[0]))
  t.is(seg0.length, 4096)
  t.is(seg0.readInt32BE(3285), 4096 - 3285)
  t.is(seg0.readInt32BE(3289), BLANK_MAGIC_CODE)
  t.is(seg0.readInt32BE(4), MESSAGE_MAGIC_CODE)
  const got = await store.getMessage('g', 'Roll', 0, 2, 32)
  t.is(got.status, 'FOUND')
  t.deepEqual(
    got.messages.map((m) => decodeMessage(m).commitLogOffset),
    rs.slice(2).map((r) => r.appendResult!.wroteOffset),
  )
})

test('getMessage statuses and next offsets follow the pull table', async (t) => {
  const dir = await tempDir(t)
  const store = await openStore(t, dir)
  t.like(await store.getMessage('g', 'Nope', 0, 5, 32), {status: 'NO_MATCHED_LOGIC_QUEUE', nextBeginOffset: 0})
  for (let i = 0; i < 4; i++) await store.putMessage(message('S', 0, `m${i}`, i % 2 === 0 ? 'TagA' : 'TagB'))
  t.like(await store.getMessage('g', 'S', 0, 4, 32), {status: 'OFFSET_OVERFLOW_ONE', nextBeginOffset: 4, minOffset: 0, maxOffset: 4})
  t.like(await store.getMessage('g', 'S', 0, 9, 32), {status: 'OFFSET_OVERFLOW_BADLY', nextBeginOffset: 4})
  const tagA = tagsString2tagsCode('TagA')
  const filtered = await store.getMessage('g', 'S', 0, 0, 32, (code) => code === tagA)
  t.is(filtered.status, 'FOUND')
  t.is(filtered.nextBeginOffset, 4)
  t.deepEqual(
    filtered.messages.map((m) => decodeMessage(m).body.toString()),
    ['m0', 'm2'],
  )
  const none = await store.getMessage('g', 'S', 0, 0, 32, () => false)
  t.like(none, {status: 'NO_MATCHED_MESSAGE', nextBeginOffset: 4})
  t.is(none.messages.length, 0)
  const two = await store.getMessage('g', 'S', 0, 1, 2)
  t.like(two, {status: 'FOUND', nextBeginOffset: 3})
  t.is(two.messages.length, 2)
})

test('message size limits come back as statuses with a remark', async (t) => {
  const dir = await tempDir(t)
  const store = await openStore(t, dir, {maxMessageSize: 1000})
  const big = await store.putMessage(message('L', 0, Buffer.alloc(1001)))
  t.is(big.status, 'MESSAGE_ILLEGAL')
  t.regex(big.remark ?? '', /1001 exceeds maxMessageSize 1000/)
  const props = await store.putMessage(message('L', 0, 'x', undefined, {K: 'v'.repeat(40_000)}))
  t.is(props.status, 'PROPERTIES_SIZE_EXCEEDED')
  t.is(store.getMaxOffsetInQueue('L', 0), 0)
  t.is((await store.putMessage(message('L', 0, 'ok'))).status, 'PUT_OK')
})

test('a clean restart keeps everything and continues the queue offsets', async (t) => {
  const dir = await tempDir(t)
  const cfg = {mappedFileSizeCommitLog: 4096}
  const first = new DefaultMessageStore(storeConfig(dir, cfg), {cleanResourceInterval: 0})
  await first.start()
  for (let i = 0; i < 20; i++) await first.putMessage(message('R', i % 2, `v${i}`, 'T'))
  const max = first.getMaxPhyOffset()
  await first.shutdown()
  await t.throwsAsync(fsp.access(join(dir, 'abort')))
  const second = await openStore(t, dir, cfg)
  t.is(second.lastRecovery?.lastExitOK, true)
  t.is(second.getMaxPhyOffset(), max)
  t.is(second.getMaxOffsetInQueue('R', 0), 10)
  t.is(second.getMaxOffsetInQueue('R', 1), 10)
  const r = await second.putMessage(message('R', 1, 'after'))
  t.is(r.appendResult?.logicsOffset, 10)
  const got = await second.getMessage('g', 'R', 1, 0, 32)
  t.deepEqual(
    got.messages.map((m) => decodeMessage(m).body.toString()),
    [...Array.from({length: 10}, (_, i) => `v${i * 2 + 1}`), 'after'],
  )
})
