import test from 'ava'
import {encodeStoredRecord} from '../../../runtime/message/message-encoder.js'
import {BLANK_MAGIC_CODE} from '../../../runtime/message/stored-record-layout.js'
import {checkMessageAndReturnSize, scanRecords, type CheckOptions} from '../../../runtime/store/check-message-and-return-size.js'
import {message} from '../../helpers/store-fixtures.js'

const SEG = 4096

/** n records laid out from offset 0 as a commitlog segment would hold them. */
function segment(n: number, bodySize = 100): {bytes: Buffer; ends: number[]} {
  const bytes = Buffer.alloc(SEG)
  const ends: number[] = []
  let pos = 0
  for (let i = 0; i < n; i++) {
    const rec = encodeStoredRecord(message('T', 0, Buffer.alloc(bodySize, i + 1), 'TagA'), {queueOffset: i, physicalOffset: pos, storeTimestamp: 1000 + i})
    rec.copy(bytes, pos)
    pos += rec.length
    ends.push(pos)
  }
  return {bytes, ends}
}

const opts = (over: Partial<CheckOptions> = {}): CheckOptions => ({checkCRC: true, readProperties: true, bufferOffset: 0, bytesToSegmentEnd: SEG, ...over})

test('a valid record yields its size and dispatch fields', (t) => {
  const {bytes, ends} = segment(2)
  const r = checkMessageAndReturnSize(bytes, ends[0], opts())
  t.is(r.kind, 'message')
  if (r.kind !== 'message') return
  t.is(r.size, ends[1] - ends[0])
  t.like(r.request, {topic: 'T', queueId: 0, commitLogOffset: ends[0], consumeQueueOffset: 1, storeTimestamp: 1001, tagsCode: 2598919})
})

test('the scan stops at zeros after the last record (clean end)', (t) => {
  const {bytes, ends} = segment(3)
  const seen: number[] = []
  const r = scanRecords(bytes, 0, opts(), (req) => seen.push(req.commitLogOffset))
  t.like(r, {position: ends[2], stop: 'invalid', reason: 'end of data (zeros)', records: 3})
  t.deepEqual(seen, [0, ends[0], ends[1]])
})

test('a garbage tail is invalid at its first byte; everything before is kept', (t) => {
  const {bytes, ends} = segment(3)
  bytes.fill(0xab, ends[2], ends[2] + 300)
  const r = scanRecords(bytes, 0, opts())
  t.is(r.position, ends[2])
  t.is(r.stop, 'invalid')
  t.regex(r.reason ?? '', /illegal magic code/)
})

test('a torn last record (size and magic written, rest missing) is cut', (t) => {
  const {bytes, ends} = segment(3)
  bytes.fill(0, ends[1] + 40, ends[2])
  const r = scanRecords(bytes, 0, opts())
  t.is(r.position, ends[1])
  t.is(r.records, 2)
  t.is(r.stop, 'invalid')
})

test('a bad body CRC in the middle stops the scan there; without CRC checking it passes', (t) => {
  const {bytes, ends} = segment(4)
  bytes[ends[0] + 95] ^= 0xff // inside record 1's body
  const r = scanRecords(bytes, 0, opts())
  t.like(r, {position: ends[0], stop: 'invalid', records: 1})
  t.regex(r.reason ?? '', /body CRC/)
  t.is(scanRecords(bytes, 0, opts({checkCRC: false})).records, 4)
})

test('a record whose PHYSICALOFFSET disagrees with its position is invalid (stale bytes)', (t) => {
  const {bytes, ends} = segment(2)
  const r = checkMessageAndReturnSize(bytes, ends[0], opts({bufferOffset: 8192}))
  t.is(r.kind, 'invalid')
  if (r.kind === 'invalid') t.regex(r.reason, /says it is at offset/)
})

test('a size that disagrees with the fields, or runs past the segment, is invalid', (t) => {
  const {bytes, ends} = segment(2)
  const wrongSize = Buffer.from(bytes)
  wrongSize.writeInt32BE(ends[0] + 4, 0)
  t.is(checkMessageAndReturnSize(wrongSize, 0, opts()).kind, 'invalid')
  const huge = Buffer.from(bytes)
  huge.writeInt32BE(SEG * 2, 0)
  const r = checkMessageAndReturnSize(huge, 0, opts())
  t.is(r.kind, 'invalid')
  if (r.kind === 'invalid') t.regex(r.reason, /out of range/)
})

test('the blank end marker ends the segment', (t) => {
  const {bytes, ends} = segment(2)
  bytes.writeInt32BE(SEG - ends[1], ends[1])
  bytes.writeInt32BE(BLANK_MAGIC_CODE, ends[1] + 4)
  const r = scanRecords(bytes, 0, opts())
  t.like(r, {position: ends[1], stop: 'blank', records: 2})
})

test('a buffer that ends inside a record is incomplete, not invalid', (t) => {
  const {bytes, ends} = segment(2)
  const part = bytes.subarray(0, ends[1] - 10)
  t.like(scanRecords(part, 0, opts()), {position: ends[0], stop: 'incomplete', records: 1})
  t.deepEqual(checkMessageAndReturnSize(bytes.subarray(0, 5), 0, opts()), {kind: 'incomplete', need: 8})
})

test('records of a slice keep absolute offsets through bufferOffset', (t) => {
  const {bytes, ends} = segment(3)
  const tail = bytes.subarray(ends[0])
  const r = scanRecords(tail, 0, opts({bufferOffset: ends[0], bytesToSegmentEnd: SEG - ends[0]}))
  t.like(r, {position: ends[2] - ends[0], records: 2})
})
