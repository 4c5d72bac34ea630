import test from 'ava'
import {HaMasterCore, type MasterAction} from '../../../runtime/ha/core/ha-master-core.js'
import {encodeOffsetReport} from '../../../runtime/ha/offset-report-decoder.js'

// The master's side of one slave connection driven by hand: reports, ticks and "frame sent" in,
// actions out. Times are plain numbers, so every timing rule is exact.

const SEGMENT = 1024 * 1024
const CONFIG = {haSendHeartbeatInterval: 5000, haHousekeepingInterval: 20_000, haTransferBatchSize: 32 * 1024, mappedFileSizeCommitLog: SEGMENT}
const T0 = 1_000_000

function masterLog(min: number, max: number) {
  return {
    min,
    max,
    minOffset() {
      return this.min
    },
    maxOffset() {
      return this.max
    },
  }
}

const types = (actions: MasterAction[]) => actions.map((a) => a.type)
const transfers = (actions: MasterAction[]) => actions.flatMap((a) => (a.type === 'transfer' ? [a.from] : []))

test("nothing is sent before the slave's first report; a silent new connection is dropped after haHousekeepingInterval", (t) => {
  const core = new HaMasterCore(CONFIG, masterLog(0, 5000), T0)
  t.is(core.state, 'HANDSHAKE')
  t.deepEqual(core.storeWrote(), [])
  t.deepEqual(core.tick(T0 + 19_999), [], 'no heartbeat before the handshake')
  t.deepEqual(core.tick(T0 + 20_001), [{type: 'close', reason: 'nothing from the slave for 20001 ms (haHousekeepingInterval 20000)'}])
})

test("4.9.8: an empty slave (first report 0) gets the master's last segment only", (t) => {
  const core = new HaMasterCore(CONFIG, masterLog(0, 2 * SEGMENT + 700), T0)
  const actions = core.bytes(encodeOffsetReport(0), T0 + 5000)
  t.deepEqual(types(actions), ['note', 'ack', 'transfer'])
  t.deepEqual(transfers(actions), [2 * SEGMENT], 'maxOffset − maxOffset % mappedFileSizeCommitLog')
  t.is(core.state, 'TRANSFER')
  t.is(core.requestOffset, 0)
})

test("opt-in copyEverythingToEmptySlave: an empty slave gets everything from the master's first readable offset", (t) => {
  const core = new HaMasterCore(CONFIG, masterLog(SEGMENT, 3 * SEGMENT), T0, {copyEverythingToEmptySlave: true})
  t.deepEqual(transfers(core.bytes(encodeOffsetReport(0), T0)), [SEGMENT])
})

test('a slave with data continues from its end; one frame in flight, the next after sent(); acks only move forward', (t) => {
  const log = masterLog(0, 100_000)
  const core = new HaMasterCore(CONFIG, log, T0)
  t.deepEqual(transfers(core.bytes(encodeOffsetReport(40_000), T0)), [40_000])
  t.deepEqual(core.storeWrote(), [], 'a transfer is already in flight')
  t.deepEqual(core.sent(40_000, 32 * 1024, T0 + 1, false), [{type: 'transfer', from: 40_000 + 32 * 1024, maxBytes: 32 * 1024}])
  t.deepEqual(core.bytes(encodeOffsetReport(50_000), T0 + 2), [{type: 'ack', offset: 50_000}])
  t.is(core.ackedOffset, 50_000)
  t.deepEqual(types(core.bytes(encodeOffsetReport(45_000), T0 + 3)), ['close'], 'an acknowledgement that goes back')
})

test("a slave acknowledging more than it was sent, or reporting an end beyond the master's, is dropped", (t) => {
  const core = new HaMasterCore(CONFIG, masterLog(0, 100_000), T0)
  core.bytes(encodeOffsetReport(1000), T0)
  const [close] = core.bytes(encodeOffsetReport(90_000), T0 + 1)
  t.is(close?.type, 'close')
  t.regex(close?.type === 'close' ? close.reason : '', /beyond the 1000 sent to it/)

  const ahead = new HaMasterCore(CONFIG, masterLog(0, 100_000), T0)
  const [refused] = ahead.bytes(encodeOffsetReport(200_000), T0)
  t.regex(refused?.type === 'close' ? refused.reason : '', /beyond this master's 100000: it holds data this master never wrote/)
})

test('garbage instead of offset reports closes the connection; a report split across reads is fine', (t) => {
  const core = new HaMasterCore(CONFIG, masterLog(0, 100), T0)
  t.deepEqual(types(core.bytes(Buffer.from('GET / HTTP/1.1\r\n'), T0)), ['close'])
  const split = new HaMasterCore(CONFIG, masterLog(0, 100), T0)
  const report = encodeOffsetReport(100)
  t.deepEqual(split.bytes(report.subarray(0, 3), T0), [])
  t.deepEqual(types(split.bytes(report.subarray(3), T0)), ['note', 'ack'], 'nothing to send: the slave is at the end')
})

test('back-pressure: no new frame while the socket asks to drain; sending resumes on drained()', (t) => {
  const core = new HaMasterCore(CONFIG, masterLog(0, 1_000_000), T0)
  core.bytes(encodeOffsetReport(0), T0)
  t.deepEqual(core.sent(0, 32 * 1024, T0 + 1, true), [], 'the socket is full')
  t.deepEqual(core.storeWrote(), [])
  t.deepEqual(core.tick(T0 + 6000), [], 'no heartbeat into a full socket either')
  t.deepEqual(transfers(core.drained()), [32 * 1024])
})

test('idle: a header-only heartbeat at the next transfer position after haSendHeartbeatInterval without sending', (t) => {
  const log = masterLog(0, 4096)
  const core = new HaMasterCore(CONFIG, log, T0)
  core.bytes(encodeOffsetReport(4096), T0)
  t.deepEqual(core.tick(T0 + 5000), [])
  const [beat] = core.tick(T0 + 5001)
  t.is(beat?.type, 'write')
  const bytes = beat?.type === 'write' ? beat.bytes : Buffer.alloc(0)
  t.is(bytes.length, 12)
  t.is(Number(bytes.readBigInt64BE(0)), 4096)
  t.is(bytes.readInt32BE(8), 0)
  core.bytes(encodeOffsetReport(4096), T0 + 9000)
  t.deepEqual(core.tick(T0 + 10_001), [], 'the next one five seconds after the last write')
  log.max = 8192
  t.deepEqual(transfers(core.tick(T0 + 10_002)), [4096], 'a tick also sends what the store wrote')
})

test("nothing readable at the next position: below the master's minimum closes (retention deleted it), otherwise it waits", (t) => {
  const log = masterLog(0, 100_000)
  const core = new HaMasterCore(CONFIG, log, T0)
  core.bytes(encodeOffsetReport(10), T0)
  log.min = SEGMENT
  t.deepEqual(types(core.nothingReadable(10)), ['close'])
  const waiting = new HaMasterCore(CONFIG, masterLog(0, 100_000), T0)
  waiting.bytes(encodeOffsetReport(10), T0)
  t.deepEqual(types(waiting.nothingReadable(10)), ['note'])
  t.deepEqual(transfers(waiting.storeWrote()), [10], 'tried again on the next write')
})
