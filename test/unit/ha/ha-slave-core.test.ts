import test from 'ava'
import {HaSlaveCore, HIGH_WATER, LOW_WATER, type SlaveAction} from '../../../runtime/ha/core/ha-slave-core.js'
import {encodeStoredRecord} from '../../../runtime/message/message-encoder.js'
import {encodeTransferHeader} from '../../../runtime/ha/transfer-frame-decoder.js'
import {message} from '../../helpers/store-fixtures.js'

// The slave's side of replication driven by hand: bytes, ticks and verdicts in, actions out. Times are
// plain numbers, so every timing rule below is exact, not a wall-clock bound.

const CONFIG = {haSendHeartbeatInterval: 5000, haHousekeepingInterval: 20_000, mappedFileSizeCommitLog: 1024 * 1024}
const T0 = 1_000_000

/** A slave log whose end the test moves as appends "finish". */
function slaveLog(max = 0) {
  return {
    max,
    maxOffset() {
      return this.max
    },
  }
}

function frame(offset: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([encodeTransferHeader(offset, data.length), data])
}

/** A stored record as it lies at `offset`. */
function record(offset: number, body = 'x'): Buffer {
  return encodeStoredRecord(message('T', 0, body), {queueOffset: 0, physicalOffset: offset, storeTimestamp: T0})
}

const types = (actions: SlaveAction[]) => actions.map((a) => a.type)
const reports = (actions: SlaveAction[]) => actions.flatMap((a) => (a.type === 'write' ? [Number(a.bytes.readBigInt64BE(0))] : []))

test('4.9.8: the first offset report goes out only haSendHeartbeatInterval after connecting, then every interval', (t) => {
  const log = slaveLog(0)
  const core = new HaSlaveCore(CONFIG, log, T0, {canVerify: true})
  t.deepEqual(types(core.start(T0)), ['connected'], 'an empty slave needs no divergence check; nothing is reported yet')
  t.deepEqual(core.tick(T0 + 1000), [])
  t.deepEqual(core.tick(T0 + 5000), [], 'not before the interval has fully passed')
  t.deepEqual(reports(core.tick(T0 + 5001)), [0], 'the first report, ~5 s after connecting (HAClient.connectMaster stamps the time)')
  t.is(core.reportedOffset, 0)
  t.deepEqual(core.tick(T0 + 9000), [])
  t.deepEqual(reports(core.tick(T0 + 10_002)), [0], 'a heartbeat report every interval')
})

test('opt-in reportOnConnect: the first report goes out at once', (t) => {
  const core = new HaSlaveCore(CONFIG, slaveLog(4096), T0, {canVerify: false, reportOnConnect: true})
  const actions = core.start(T0)
  t.deepEqual(types(actions), ['connected', 'write'])
  t.deepEqual(reports(actions), [4096])
})

test('a slave with data is verified first; a diverged log ends the link with the reason and nothing appended', (t) => {
  const core = new HaSlaveCore(CONFIG, slaveLog(300), T0, {canVerify: true})
  t.deepEqual(types(core.start(T0)), ['verify'])
  t.deepEqual(core.tick(T0 + 6000), [], 'no report while the check runs')
  const actions = core.verified('commitlog diverged at offset 200: another message', T0 + 6000)
  t.deepEqual(actions, [
    {type: 'diverge', reason: 'commitlog diverged at offset 200: another message'},
    {type: 'close', reason: 'commitlog diverged at offset 200: another message'},
  ])
  t.deepEqual(core.bytes(frame(300, record(300)), T0 + 6001), [], 'a closed core does nothing')
})

test('a verified slave appends frames only where its log ends; the first data must start a record of the same log', (t) => {
  const log = slaveLog(300)
  const core = new HaSlaveCore(CONFIG, log, T0, {canVerify: true})
  core.start(T0)
  t.deepEqual(types(core.verified(undefined, T0 + 10)), ['connected'])
  core.tick(T0 + 5011) // first report
  const rec = record(300)
  const actions = core.bytes(frame(300, rec), T0 + 5100)
  t.deepEqual(actions, [{type: 'append', offset: 300, data: rec}])
  t.deepEqual(core.bytes(frame(300 + rec.length, Buffer.alloc(0)), T0 + 5101), [], 'one append in flight at a time')
  log.max = 300 + rec.length
  t.deepEqual(reports(core.appended(undefined, T0 + 5102)), [300 + rec.length], 'the new end is reported after the append; the heartbeat frame is dropped')
})

test('a misplaced frame closes the link with both offsets', (t) => {
  const core = new HaSlaveCore(CONFIG, slaveLog(500), T0, {canVerify: false})
  core.start(T0)
  t.deepEqual(core.bytes(frame(400, record(400)), T0 + 1), [
    {type: 'close', reason: "the master sent data for offset 400, but this slave's commitlog ends at 500"},
  ])
})

test('data that does not start a record where the slave ends is a divergence; a too-short first frame waits for more', (t) => {
  const core = new HaSlaveCore(CONFIG, slaveLog(1000), T0, {canVerify: false})
  core.start(T0)
  const rec = record(1000)
  t.deepEqual(core.bytes(frame(1000, rec.subarray(0, 20)), T0 + 1), [], 'too short to judge: wait')
  t.deepEqual(types(core.bytes(frame(1020, rec.subarray(20)), T0 + 2)), ['append'], 'joined with the next contiguous frame')

  const other = new HaSlaveCore(CONFIG, slaveLog(1000), T0, {canVerify: false})
  other.start(T0)
  t.deepEqual(types(other.bytes(frame(1000, record(2000)), T0 + 1)), ['diverge', 'close'], 'a record that says it was written elsewhere')
})

test('corrupt bytes from the master close the link', (t) => {
  const core = new HaSlaveCore(CONFIG, slaveLog(0), T0, {canVerify: false})
  core.start(T0)
  const bad = Buffer.alloc(12)
  bad.writeBigInt64BE(-1n, 0)
  const [action] = core.bytes(bad, T0 + 1)
  t.is(action?.type, 'close')
  t.regex(action?.type === 'close' ? action.reason : '', /corrupt HA transfer stream/)
})

test('housekeeping: silence from the master for haHousekeepingInterval closes the link, counted from the last bytes', (t) => {
  const core = new HaSlaveCore(CONFIG, slaveLog(0), T0, {canVerify: false})
  core.start(T0)
  core.tick(T0 + 5001)
  core.bytes(frame(0), T0 + 8000) // a master heartbeat
  t.false(types(core.tick(T0 + 28_000)).includes('close'), '20 s after the heartbeat, not yet (the slave only reports)')
  t.deepEqual(core.tick(T0 + 28_001), [{type: 'close', reason: 'nothing from the master for 20001 ms (haHousekeepingInterval 20000)'}])
})

test('back-pressure: reading pauses above the high-water mark and resumes once appends bring it below the low-water mark', (t) => {
  const log = slaveLog(0)
  const core = new HaSlaveCore({...CONFIG, mappedFileSizeCommitLog: 64 * 1024 * 1024}, log, T0, {canVerify: false})
  core.start(T0)
  const chunk = 1024 * 1024
  const rec = record(0)
  const all: SlaveAction[] = []
  // The first frame starts with a record; the rest are plain bytes (only the first data is checked).
  all.push(...core.bytes(frame(0, Buffer.concat([rec, Buffer.alloc(chunk - rec.length)])), T0))
  let offset = chunk
  while (core.bufferedBytes <= HIGH_WATER) {
    all.push(...core.bytes(frame(offset, Buffer.alloc(chunk)), T0))
    offset += chunk
  }
  t.deepEqual(
    types(all).filter((x) => x !== 'append'),
    ['pause'],
    'paused once, when the buffer passed the high-water mark',
  )
  const appends = all.filter((a) => a.type === 'append')
  t.is(appends.length, 1, 'one append in flight, whatever arrives')
  let inFlight: SlaveAction | undefined = appends[0]
  let resumed = false
  while (inFlight?.type === 'append' && !resumed) {
    log.max = inFlight.offset + inFlight.data.length // the append landed
    const actions = core.appended(undefined, T0 + 1)
    if (types(actions).includes('resume')) {
      resumed = true
      t.true(core.bufferedBytes < LOW_WATER)
    }
    inFlight = actions.find((a) => a.type === 'append')
  }
  t.true(resumed, 'reading resumed')
})
