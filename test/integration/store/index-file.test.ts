import test from 'ava'
import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {javaStringHashCode} from '../../../runtime/message/tags-code.js'
import {decodeMessage} from '../../../runtime/message/message-decoder.js'
import {DefaultMessageStore} from '../../../runtime/store/default-message-store.js'
import {IndexFile, indexFileSize} from '../../../runtime/store/index/index-file.js'
import {INDEX_HEADER_SIZE} from '../../../runtime/store/index/index-header.js'
import {indexKeyHash} from '../../../runtime/store/index/index-key-hash.js'
import {propertyOf} from '../../../runtime/store/index/index-keys.js'
import {nodeStoreFs} from '../../../runtime/store/store-fs.js'
import {StoreCheckpoint} from '../../../runtime/store/store-checkpoint.js'
import {spawnNode} from '../../helpers/child-process.js'
import {message, storeConfig, tempDir, waitFor} from '../../helpers/store-fixtures.js'

const child = fileURLToPath(new URL('../../fixtures/store/index-writer-child.js', import.meta.url))

test('index key hash is |String.hashCode| with MIN_VALUE as 0, and properties are picked from the encoded string', (t) => {
  t.is(indexKeyHash('T#k1'), Math.abs(javaStringHashCode('T#k1')))
  // "polygenelubricants".hashCode() == Integer.MIN_VALUE (a known Java example).
  t.is(javaStringHashCode('polygenelubricants'), -0x80000000)
  t.is(indexKeyHash('polygenelubricants'), 0)
  const props = 'KEYS\u0001a b\u0002UNIQ_KEY\u0001U1\u0002XKEYS\u0001no\u0002'
  t.is(propertyOf(props, 'KEYS'), 'a b')
  t.is(propertyOf(props, 'UNIQ_KEY'), 'U1')
  t.is(propertyOf('XKEYS\u0001no\u0002', 'KEYS'), undefined)
})

test('an index file is laid out as RocketMQ IndexFile: 40-byte header, 4-byte slots, 20-byte entries chained per slot', async (t) => {
  const dir = await tempDir(t)
  const path = join(dir, '20240115120000000')
  const f = IndexFile.create(nodeStoreFs, path, 4, 10, 0, 0)
  const begin = 1_700_000_000_000
  // Find two keys in one slot and one in another (4 slots), so the chain is exercised.
  const inSlot = (s: number) => Array.from({length: 200}, (_, i) => `T#k${i}`).filter((k) => indexKeyHash(k) % 4 === s)
  const [a, b] = inSlot(1) as [string, string]
  const [c] = inSlot(2) as [string]
  t.true(f.putKey(a, 100, begin))
  t.true(f.putKey(b, 200, begin + 5_000))
  t.true(f.putKey(c, 300, begin + 9_999))
  await f.flush(true)
  const bytes = await fsp.readFile(path)
  t.is(bytes.length, indexFileSize(4, 10))
  t.is(bytes.length, 40 + 4 * 4 + 10 * 20)
  // header: begin/end timestamp, begin/end phy offset, hashSlotCount, indexCount (starts at 1)
  t.is(Number(bytes.readBigInt64BE(0)), begin)
  t.is(Number(bytes.readBigInt64BE(8)), begin + 9_999)
  t.is(Number(bytes.readBigInt64BE(16)), 100)
  t.is(Number(bytes.readBigInt64BE(24)), 300)
  t.is(bytes.readInt32BE(32), 2, 'two slots in use')
  t.is(bytes.readInt32BE(36), 4, 'three entries after the unused entry 0')
  const slot = (s: number) => bytes.readInt32BE(INDEX_HEADER_SIZE + s * 4)
  t.deepEqual([slot(0), slot(1), slot(2), slot(3)], [0, 2, 3, 0], 'slot 1 holds its newest entry (2), slot 2 entry 3')
  const entry = (n: number) => {
    const at = INDEX_HEADER_SIZE + 4 * 4 + n * 20
    return [bytes.readInt32BE(at), Number(bytes.readBigInt64BE(at + 4)), bytes.readInt32BE(at + 12), bytes.readInt32BE(at + 16)]
  }
  t.deepEqual(entry(0), [0, 0, 0, 0], 'entry 0 is never used')
  t.deepEqual(entry(1), [indexKeyHash(a), 100, 0, 0])
  t.deepEqual(entry(2), [indexKeyHash(b), 200, 5, 1], 'seconds since begin; previous entry of the slot is 1')
  t.deepEqual(entry(3), [indexKeyHash(c), 300, 9, 0])
  // Lookups walk the chain and filter on the full hash; a time window cuts.
  const found = async (key: string, from = 0, to = Number.MAX_SAFE_INTEGER) => {
    const out: number[] = []
    await f.selectPhyOffset(out, key, 10, from, to)
    return out
  }
  t.deepEqual(await found(a), [100])
  t.deepEqual(await found(b), [200])
  t.deepEqual(await found(c), [300])
  t.deepEqual(await found(b, begin + 6_000), [], 'outside the time window')
  // Reloading from disk (sealed or not) gives the same answers.
  await f.close()
  const again = await IndexFile.load(nodeStoreFs, path, 4, 10, false)
  t.is(again.header.indexCount, 4)
  const out: number[] = []
  await again.selectPhyOffset(out, a, 10, 0, Number.MAX_SAFE_INTEGER)
  t.deepEqual(out, [100])
  await again.close()
})

test('many keys colliding in one slot are all found, newest first, and a full file rolls to a new one', async (t) => {
  const dir = await tempDir(t)
  const store = new DefaultMessageStore(storeConfig(dir, {maxHashSlotNum: 1, maxIndexNum: 50}), {cleanResourceInterval: 0})
  await store.start()
  t.teardown(() => store.shutdown())
  for (let i = 0; i < 60; i++) {
    const r = await store.putMessage(message('Coll', 0, `b${i}`, undefined, {KEYS: `key-${i % 3}`}))
    t.is(r.status, 'PUT_OK')
  }
  await store.flush()
  // One slot: every entry chains through it; 60 keys over files of 49 entries each.
  t.true(store.index!.indexFiles.length >= 2, 'a second file was started when the first was full')
  const r = await store.queryMessage('Coll', 'key-1', 64, 0, Number.MAX_SAFE_INTEGER)
  const bodies = r.messages.map((m) => decodeMessage(m).body.toString())
  t.deepEqual(bodies.sort(), Array.from({length: 20}, (_, k) => `b${k * 3 + 1}`).sort(), 'exactly the 20 messages with key-1, across both files')
  t.is(r.indexLastUpdatePhyoffset, store.index!.indexFiles.at(-1)!.header.endPhyOffset)
  t.is((await store.queryMessage('Coll', 'key-9', 64, 0, Number.MAX_SAFE_INTEGER)).messages.length, 0)
  t.is((await store.queryMessage('Other', 'key-1', 64, 0, Number.MAX_SAFE_INTEGER)).messages.length, 0, 'keys are per topic')
})

test('a store restarted cleanly keeps its index; after a crash, files newer than the checkpoint are rebuilt', async (t) => {
  const dir = await tempDir(t)
  const config = storeConfig(dir, {maxHashSlotNum: 16, maxIndexNum: 40})
  let store = new DefaultMessageStore(config, {cleanResourceInterval: 0})
  await store.start()
  for (let i = 0; i < 50; i++) await store.putMessage(message('Rec', i % 2, `b${i}`, undefined, {KEYS: `k${i}`, UNIQ_KEY: `U${i}`}))
  await store.shutdown()
  const files = (await fsp.readdir(join(dir, 'index'))).sort()
  t.true(files.length >= 2)
  const cp = await StoreCheckpoint.open(nodeStoreFs, join(dir, 'checkpoint'))
  t.true(cp.indexMsgTimestamp > 0, 'sealing a full file moved indexMsgTimestamp')
  await cp.close()

  store = new DefaultMessageStore(config, {cleanResourceInterval: 0})
  await store.start()
  t.true(store.lastRecovery!.lastExitOK)
  t.is((await store.queryMessage('Rec', 'k7', 10, 0, Number.MAX_SAFE_INTEGER)).messages.length, 1)
  t.is((await store.queryMessage('Rec', 'U49', 10, 0, Number.MAX_SAFE_INTEGER)).messages.length, 1, 'unique keys are indexed')
  for (let i = 50; i < 70; i++) await store.putMessage(message('Rec', i % 2, `b${i}`, undefined, {KEYS: `k${i}`}))
  await store.halt()

  store = new DefaultMessageStore(config, {cleanResourceInterval: 0})
  await store.start()
  t.teardown(() => store.shutdown())
  t.false(store.lastRecovery!.lastExitOK)
  for (const i of [0, 7, 49, 55, 69]) {
    const r = await store.queryMessage('Rec', `k${i}`, 10, 0, Number.MAX_SAFE_INTEGER)
    t.deepEqual(
      r.messages.map((m) => decodeMessage(m).body.toString()),
      [`b${i}`],
      `k${i} after the crash`,
    )
  }
})

test('retention: index files wholly below the commitlog minimum are deleted with it, never the newest', async (t) => {
  const dir = await tempDir(t)
  let now = Date.UTC(2024, 0, 15, 12, 0, 0)
  const store = new DefaultMessageStore(storeConfig(dir, {mappedFileSizeCommitLog: 4096, maxHashSlotNum: 8, maxIndexNum: 10, fileReservedTime: 1}), {
    clock: () => now,
    cleanResourceInterval: 0,
  })
  await store.start()
  t.teardown(() => store.shutdown())
  for (let i = 0; i < 60; i++) {
    now += 1000
    await store.putMessage(message('Ret', 0, `b${i}-${'x'.repeat(200)}`, undefined, {KEYS: `k${i}`}))
  }
  await store.flush()
  const before = store.index!.indexFiles.length
  t.true(before >= 4)
  now += 3 * 3600_000
  store.executeDeleteFilesManually()
  t.true((await store.runCleanOnce()) > 0, 'commitlog segments expired')
  const min = store.getMinPhyOffset()
  const after = store.index!.indexFiles
  t.true(after.length < before, 'index files went with the commitlog')
  t.true(after.length >= 1)
  t.true(after.slice(0, -1).every((f) => f.header.endPhyOffset >= min))
  t.is((await fsp.readdir(join(dir, 'index'))).length, after.length, 'their files are gone from disk')
  t.is((await store.queryMessage('Ret', 'k59', 10, 0, Number.MAX_SAFE_INTEGER)).messages.length, 1)
})

test('kill -9 while writing: every acknowledged key is found after recovery', async (t) => {
  const dir = await tempDir(t)
  const writer = spawnNode(t, child, [dir])
  await waitFor(() => (writer.stdout().match(/^ack /gm)?.length ?? 0) >= 1000 || writer.process.exitCode !== null, 30_000, 'acks')
  writer.process.kill('SIGKILL')
  await writer.exited
  t.is(writer.stderr(), '')
  const acked = writer
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('ack '))
    .map((l) => l.split(' '))
    .map(([, i, off]) => [Number(i), Number(off)] as const)
  const store = new DefaultMessageStore(storeConfig(dir, {mappedFileSizeCommitLog: 8 * 1024 * 1024, maxHashSlotNum: 64, maxIndexNum: 400}), {
    cleanResourceInterval: 0,
  })
  await store.start()
  t.teardown(() => store.shutdown())
  t.false(store.lastRecovery!.lastExitOK)
  const missing: number[] = []
  for (const [i, offset] of acked) {
    const r = await store.queryMessage('IndexKill', `key-${i}`, 4, 0, Number.MAX_SAFE_INTEGER)
    const u = await store.queryMessage('IndexKill', `uniq-${i}`, 4, 0, Number.MAX_SAFE_INTEGER)
    const ok = (x: typeof r) => x.messages.some((m) => decodeMessage(m).commitLogOffset === offset)
    if (!ok(r) || !ok(u)) missing.push(i)
  }
  t.deepEqual(missing, [], 'every acknowledged message is found by its key and its unique key')
  t.log(`${acked.length} acknowledged; ${store.index!.indexFiles.length} index files after recovery`)
})
