import test from 'ava'
import {buildMasterStatus} from '../../../runtime/ha/ha-status-builder.js'
import {describeDivergence} from '../../../runtime/ha/commit-log-divergence-check.js'
import {TransferRate} from '../../../runtime/ha/transfer-rate.js'
import {decodeHaStatus, encodeHaStatus, type HaStatus} from '../../../runtime/remoting/body/ha-status.js'

test('master status: lag against the acknowledged offset, in sync below haSlaveFallbehindMax, unreported slaves lag by everything', (t) => {
  const s = buildMasterStatus({
    haListenAddress: '127.0.0.1:10912',
    maxPhyOffset: 10_000,
    now: 5000,
    haSlaveFallbehindMax: 1000,
    connections: [
      {remoteAddress: '127.0.0.1:50002', ackedOffset: 9500, connectedAt: 1, lastAckAt: 4900, bytesPerSecond: 10, state: 'TRANSFER'},
      {remoteAddress: '127.0.0.1:50001', ackedOffset: 8000, connectedAt: 1, lastAckAt: 4000, bytesPerSecond: 0, state: 'TRANSFER'},
      {remoteAddress: '127.0.0.1:50003', ackedOffset: -1, connectedAt: 4999, lastAckAt: 0, bytesPerSecond: 0, state: 'HANDSHAKE'},
    ],
    sendStatusCounts: {SEND_OK: 3, FLUSH_SLAVE_TIMEOUT: 1},
  })
  t.deepEqual(
    s.slaves.map((x) => [x.remoteAddress, x.lagBytes]),
    [
      ['127.0.0.1:50001', 2000],
      ['127.0.0.1:50002', 500],
      ['127.0.0.1:50003', 10_000],
    ],
  )
  t.is(s.inSyncSlaves, 1)
  t.deepEqual(s.sendStatusCounts, {SEND_OK: 3, FLUSH_DISK_TIMEOUT: 0, FLUSH_SLAVE_TIMEOUT: 1, SLAVE_NOT_AVAILABLE: 0})
})

test('HaStatus round-trips through its JSON body; bad bodies are refused with a reason', (t) => {
  const status: HaStatus = {
    brokerName: 'broker-a',
    brokerId: 1,
    role: 'SLAVE',
    maxPhyOffset: 42,
    now: 1000,
    slave: {
      masterHaAddress: '127.0.0.1:10912',
      masterAddress: null,
      state: 'DIVERGED',
      lastError: 'commitlog diverged at offset 0: x',
      reportedOffset: 42,
      lastContactAt: null,
      bytesPerSecond: 0,
    },
  }
  t.deepEqual(decodeHaStatus(encodeHaStatus(status)), status)
  t.throws(() => decodeHaStatus('{"brokerName":"a","brokerId":0,"role":"LEADER","maxPhyOffset":0,"now":0}'), {message: /unknown role LEADER/})
  t.throws(() => decodeHaStatus('[]'), {message: /not a JSON object/})
  t.throws(() => decodeHaStatus('{"brokerName":"a","brokerId":0,"role":"SLAVE","maxPhyOffset":0,"now":0,"slave":{"state":"SLEEPING"}}'), {
    message: /unknown slave state/,
  })
})

test('transfer rate over the window', (t) => {
  const r = new TransferRate(5000)
  t.is(r.rate(0), 0)
  r.add(1000, 10_000)
  r.add(1000, 10_500)
  t.is(r.rate(11_000), 2000, 'two KB in the first second')
  for (let s = 1; s <= 9; s++) r.add(5000, 10_500 + s * 1000)
  t.is(r.rate(20_000), 5000, 'the last 5 s hold 5 of those seconds')
  t.is(r.rate(30_000), 0, 'nothing within the window')
})

test('divergence: same bytes agree; another record or none at all is described', (t) => {
  const a = Buffer.from('record-a')
  t.is(describeDivergence(100, a, Buffer.from('record-a')), undefined)
  t.regex(
    describeDivergence(100, a, Buffer.from('record-b')) ?? '',
    /^commitlog diverged at offset 100: the master's record there is another message \(same size/,
  )
  t.regex(describeDivergence(100, a, Buffer.from('longer record')) ?? '', /13 bytes on the master, 8 here/)
  t.regex(describeDivergence(100, a, undefined) ?? '', /the master has no record there/)
})
