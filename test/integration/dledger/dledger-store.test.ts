/**
 * The DLedger entry log on real files: DLedger's entry and index layout byte for byte, the blank that closes
 * a data file, recovery after a torn or garbage tail (cut at the last whole entry, everything before kept),
 * follower truncation, retention, and the currterm/checkpoint files.
 */
import test from 'ava'
import {mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync, closeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {DLedgerMmapFileStore} from '../../../runtime/dledger/store/dledger-mmap-file-store.js'
import {loadCheckpoint, loadTermState, saveCheckpoint, saveTermState} from '../../../runtime/dledger/store/dledger-state-files.js'

const FILE = 256

function tempDir(t: {teardown: (fn: () => void) => void}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mqlab-dledger-'))
  t.teardown(() => rmSync(dir, {recursive: true, force: true}))
  return dir
}

function open(dir: string, hook?: (pos: number, bytes: Buffer) => void): DLedgerMmapFileStore {
  const s = new DLedgerMmapFileStore({baseDir: dir, dataFileSize: FILE, indexFileSize: 32 * 8, appendHook: hook})
  s.open()
  return s
}

const body = (n: number, fill = 0x61) => Buffer.alloc(n, fill)

test("an entry is written in DLedger's layout and indexed with a 32-byte record", (t) => {
  const dir = tempDir(t)
  const s = open(dir)
  const e = s.appendAsLeader(2, Buffer.from('hi'))
  t.deepEqual({index: e.index, term: e.term, pos: e.pos}, {index: 0, term: 2, pos: 0})
  s.close()
  const data = readFileSync(join(dir, 'data', '00000000000000000000'))
  t.is(data.length, FILE)
  t.is(
    data.subarray(0, 50).toString('hex'),
    '00000001' + '00000032' + '0000000000000000' + '0000000000000002' + '0000000000000000' + '00000000' + '00000000' + '00000000' + '00000002' + '6869',
  )
  const index = readFileSync(join(dir, 'index', '00000000000000000000'))
  t.is(index.subarray(0, 32).toString('hex'), '00000001' + '0000000000000000' + '00000032' + '0000000000000000' + '0000000000000002')
})

test('the append hook sees the entry position before the bytes are written (RocketMQ writes PHYSICALOFFSET there)', (t) => {
  const dir = tempDir(t)
  const s = open(dir, (pos, bytes) => bytes.writeInt32BE(pos + 48, 48))
  s.appendAsLeader(1, body(10))
  const e = s.appendAsLeader(1, body(10))
  t.is(e.pos, 58)
  t.is(Buffer.from(s.get(1)!.body).readInt32BE(0), 58 + 48)
  s.close()
})

test('an entry that would leave fewer than 8 bytes goes to the next file after a −1 blank', (t) => {
  const dir = tempDir(t)
  const s = open(dir)
  s.appendAsLeader(1, body(100)) // 148 bytes at 0
  const second = s.appendAsLeader(1, body(60)) // 108 bytes: 148 + 108 = 256 leaves 0 < 8 → next file
  t.is(second.pos, FILE)
  s.close()
  t.deepEqual(readdirSync(join(dir, 'data')).sort(), ['00000000000000000000', '00000000000000000256'])
  const first = readFileSync(join(dir, 'data', '00000000000000000000'))
  t.is(first.readInt32BE(148), -1)
  t.is(first.readInt32BE(152), FILE - 148)
  const again = open(dir)
  t.is(again.endIndex(), 1)
  t.is(again.get(1)!.pos, FILE)
  again.close()
})

test('recovery after kill -9: a garbage or torn tail is cut at the last whole entry and everything before is kept', (t) => {
  for (const tail of [Buffer.from('00000001000000ff', 'hex'), Buffer.from('deadbeefdeadbeefdeadbeef', 'hex')]) {
    const dir = tempDir(t)
    const s = open(dir)
    for (let i = 0; i < 3; i++) s.appendAsLeader(1, body(10, 0x30 + i))
    const end = s.endPos()
    s.close()
    const fd = openSync(join(dir, 'data', '00000000000000000000'), 'r+')
    writeSync(fd, tail, 0, tail.length, end)
    closeSync(fd)
    const r = open(dir)
    t.is(r.endIndex(), 2)
    t.is(r.endPos(), end)
    t.is(Buffer.from(r.get(2)!.body).toString(), '2'.repeat(10))
    t.is(r.appendAsLeader(1, body(1)).pos, end, 'the next entry overwrites the cut tail')
    r.close()
  }
})

test('recovery rewrites index records that disagree with the data and drops records past the end', (t) => {
  const dir = tempDir(t)
  const s = open(dir)
  for (let i = 0; i < 3; i++) s.appendAsLeader(1, body(10))
  s.close()
  const fd = openSync(join(dir, 'index', '00000000000000000000'), 'r+')
  writeSync(fd, Buffer.alloc(32, 0xee), 0, 32, 32) // record 1 garbage
  writeSync(fd, Buffer.from('00000001', 'hex'), 0, 4, 3 * 32) // a record past the end
  closeSync(fd)
  const r = new DLedgerMmapFileStore({baseDir: dir, dataFileSize: FILE, indexFileSize: 256})
  const report = r.open()
  t.is(report.rewrittenIndexRecords, 1)
  t.is(r.get(1)!.pos, 58)
  t.is(readFileSync(join(dir, 'index', '00000000000000000000')).readInt32BE(3 * 32), 0)
  r.close()
})

test('follower truncate keeps an equal entry and cuts after it, or replaces a different one', (t) => {
  const dir = tempDir(t)
  const s = open(dir)
  for (let i = 0; i < 4; i++) s.appendAsLeader(1, body(10, 0x41 + i))
  const keep = s.get(1)!
  s.truncate(keep)
  t.is(s.endIndex(), 1)
  const other = {index: 1, term: 2, pos: keep.pos, body: body(10, 0x7a)}
  s.truncate(other)
  t.is(s.endIndex(), 1)
  t.is(s.endTerm(), 2)
  t.is(Buffer.from(s.get(1)!.body).toString(), 'z'.repeat(10))
  t.throws(() => s.appendAsFollower({index: 2, term: 2, pos: 999, body: body(1)}), {message: /belongs at 999/})
  s.appendAsFollower({index: 2, term: 2, pos: s.endPos(), body: body(1)})
  t.is(s.endIndex(), 2)
  s.close()
  const r = open(dir)
  t.is(r.endIndex(), 2)
  r.close()
})

test("a follower with no overlap starts over at the leader's entry position", (t) => {
  const dir = tempDir(t)
  const s = open(dir)
  s.truncate({index: 40, term: 3, pos: 3 * FILE + 16, body: body(8)})
  t.is(s.beginIndex(), 40)
  t.is(s.endIndex(), 40)
  s.appendAsFollower({index: 41, term: 3, pos: 3 * FILE + 16 + 56, body: body(8)})
  s.close()
  const r = open(dir)
  t.deepEqual([r.beginIndex(), r.endIndex()], [40, 41])
  r.close()
})

test('retention deletes whole data files below a position and moves the begin index', (t) => {
  const dir = tempDir(t)
  const s = open(dir)
  for (let i = 0; i < 9; i++) s.appendAsLeader(1, body(50)) // 98 bytes: two per file
  t.is(s.deleteExpiredFiles(2 * FILE), 2)
  t.is(s.beginIndex(), 4)
  t.is(s.get(3), undefined)
  t.is(s.get(4)!.pos, 2 * FILE)
  s.close()
  const r = open(dir)
  t.deepEqual([r.beginIndex(), r.endIndex()], [4, 8])
  r.close()
})

test('currterm and checkpoint files as DLedger writes them, with a .bak of the previous content', (t) => {
  const dir = tempDir(t)
  t.deepEqual(loadTermState(dir), {term: 0, voteFor: null})
  saveTermState(dir, {term: 3, voteFor: 'n1'})
  saveTermState(dir, {term: 4, voteFor: null})
  t.is(readFileSync(join(dir, 'currterm'), 'utf8'), 'voteLeader=\ncurrTerm=4\n')
  t.is(readFileSync(join(dir, 'currterm.bak'), 'utf8'), 'voteLeader=n1\ncurrTerm=3\n')
  t.deepEqual(loadTermState(dir), {term: 4, voteFor: null})
  saveCheckpoint(dir, {endIndex: 10, committedIndex: 9})
  t.is(readFileSync(join(dir, 'checkpoint'), 'utf8'), 'endIndex=10\ncommittedIndex=9\n')
  t.deepEqual(loadCheckpoint(dir), {endIndex: 10, committedIndex: 9})
})
