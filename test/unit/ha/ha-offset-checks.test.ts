import test from 'ava'
import {checkFrameOffset, checkRecordStart, checkSlaveReport, RECORD_START_CHECK_BYTES, transferStartOffset} from '../../../runtime/ha/core/ha-offset-checks.js'
import {encodeStoredRecord} from '../../../runtime/message/message-encoder.js'
import {BLANK_MAGIC_CODE} from '../../../runtime/message/stored-record-layout.js'
import {message} from '../../helpers/store-fixtures.js'

const SEGMENT = 1024 * 1024

test("an empty slave starts at the beginning of the master's last segment, as RocketMQ 4.9.8 does", (t) => {
  t.is(transferStartOffset(0, {min: 0, max: 0, segmentSize: SEGMENT}), 0, 'an empty master')
  t.is(transferStartOffset(0, {min: 0, max: SEGMENT - 10, segmentSize: SEGMENT}), 0, 'one segment: everything')
  t.is(transferStartOffset(0, {min: 0, max: 2 * SEGMENT + 500, segmentSize: SEGMENT}), 2 * SEGMENT, 'three segments: only the last')
  t.is(transferStartOffset(0, {min: 0, max: 3 * SEGMENT, segmentSize: SEGMENT}), 3 * SEGMENT, 'the last segment just ended: from where the next begins')
  t.is(transferStartOffset(0, {min: -1, max: 0, segmentSize: SEGMENT}), 0, 'a master without segments')
  t.is(transferStartOffset(12345, {min: 0, max: 5 * SEGMENT, segmentSize: SEGMENT}), 12345, 'a slave with data continues from its end')
})

test('opt-in copyEverything: an empty slave gets everything the master still holds', (t) => {
  t.is(transferStartOffset(0, {min: 0, max: 2 * SEGMENT + 500, segmentSize: SEGMENT}, true), 0)
  t.is(transferStartOffset(0, {min: 2 * SEGMENT, max: 4 * SEGMENT, segmentSize: SEGMENT}, true), 2 * SEGMENT, 'older segments were deleted by retention')
  t.is(transferStartOffset(0, {min: -1, max: 0, segmentSize: SEGMENT}, true), 0, 'a master without segments')
  t.is(transferStartOffset(12345, {min: 0, max: 5 * SEGMENT, segmentSize: SEGMENT}, true), 12345)
})

test('slave reports: the first says anything, later ones only move forward and never past what was sent', (t) => {
  t.is(checkSlaveReport(5000, undefined, -1), undefined)
  t.is(checkSlaveReport(100, 100, 200), undefined)
  t.is(checkSlaveReport(200, 100, 200), undefined)
  t.regex(checkSlaveReport(99, 100, 200) ?? '', /went back from 100 to 99/)
  t.regex(checkSlaveReport(201, 100, 200) ?? '', /beyond the 200 sent/)
})

test('a frame must start where the slave ends, unless the slave is empty (HAClient.dispatchReadRequest)', (t) => {
  t.is(checkFrameOffset(0, 4 * SEGMENT), undefined)
  t.is(checkFrameOffset(500, 500), undefined)
  t.regex(checkFrameOffset(500, 400) ?? '', /offset 400, but this slave's commitlog ends at 500/)
})

function record(physicalOffset: number): Buffer {
  return encodeStoredRecord(message('T', 0, 'body'), {queueOffset: 0, physicalOffset, storeTimestamp: 1})
}

test('data that starts a record written at that offset lines up', (t) => {
  t.is(checkRecordStart(record(4096), 4096, SEGMENT), undefined)
  t.is(checkRecordStart(record(0), 0, SEGMENT), undefined)
})

test('a record written elsewhere, bytes from mid-record, or a wrong blank: diverged', (t) => {
  t.regex(String(checkRecordStart(record(4000), 4096, SEGMENT)), /says it was written at 4000/)
  const r = record(4096)
  t.regex(String(checkRecordStart(r.subarray(10), 4106, SEGMENT)), /not a record start/)
  const blank = Buffer.alloc(8)
  blank.writeInt32BE(SEGMENT - 100, 0)
  blank.writeInt32BE(BLANK_MAGIC_CODE, 4)
  t.is(checkRecordStart(blank, SEGMENT - (SEGMENT - 100), SEGMENT), undefined, 'a blank filling the rest of the segment')
  t.regex(String(checkRecordStart(blank, SEGMENT - 50, SEGMENT)), /blank segment end/)
  const huge = record(4096)
  huge.writeInt32BE(SEGMENT, 0)
  t.regex(String(checkRecordStart(huge, 4096, SEGMENT)), /claims/)
})

test('too few bytes to judge: need more', (t) => {
  const r = record(4096)
  t.is(checkRecordStart(r.subarray(0, 7), 4096, SEGMENT), 'need-more')
  t.is(checkRecordStart(r.subarray(0, RECORD_START_CHECK_BYTES - 1), 4096, SEGMENT), 'need-more')
  t.is(checkRecordStart(r.subarray(0, RECORD_START_CHECK_BYTES), 4096, SEGMENT), undefined)
})
