import test from 'ava'
import {encodeOffsetReport, OffsetReportDecoder, OffsetReportError} from '../../../runtime/ha/offset-report-decoder.js'

test('a report is 8 big-endian bytes', (t) => {
  t.is(encodeOffsetReport(0x123456789a).toString('hex'), '000000123456789a')
})

test('one byte at a time: the value appears with its eighth byte', (t) => {
  const d = new OffsetReportDecoder()
  const bytes = Buffer.concat([encodeOffsetReport(300), encodeOffsetReport(2 ** 40)])
  const seen: Array<number | undefined> = []
  for (let i = 0; i < bytes.length; i++) seen.push(d.feed(bytes.subarray(i, i + 1)))
  t.deepEqual(seen, [
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    300,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    2 ** 40,
  ])
  t.is(d.pendingBytes, 0)
})

test('many reports in one read: only the last complete one counts, a partial one waits', (t) => {
  const d = new OffsetReportDecoder()
  const tail = encodeOffsetReport(99)
  t.is(d.feed(Buffer.concat([encodeOffsetReport(1), encodeOffsetReport(2), encodeOffsetReport(3), tail.subarray(0, 5)])), 3)
  t.is(d.pendingBytes, 5)
  t.is(d.feed(tail.subarray(5)), 99)
})

test('values that cannot be commitlog offsets are garbage, even before a good one', (t) => {
  t.throws(() => new OffsetReportDecoder().feed(Buffer.from('GET / HTTP/1.1\r\n')), {instanceOf: OffsetReportError, message: /not a commitlog offset/})
  t.throws(() => new OffsetReportDecoder().feed(Buffer.concat([Buffer.from('ffffffffffffffff', 'hex'), encodeOffsetReport(5)])), {message: /-1/})
  t.is(new OffsetReportDecoder().feed(encodeOffsetReport(Number.MAX_SAFE_INTEGER)), Number.MAX_SAFE_INTEGER)
})
