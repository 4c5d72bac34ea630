import test from 'ava'
import {connect, type Socket} from 'node:net'
import {once} from 'node:events'
import {encodeOffsetReport} from '../../../runtime/ha/offset-report-decoder.js'
import {decodeSendMessageResponseHeader} from '../../../runtime/remoting/header/send-message-response-header.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import type {RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {haStatus, startHaLab, waitCaughtUp, type HaLab} from './ha-lab.js'

/** The commitlog offset just after the message a send response names (its offset msg id holds the start). */
function sentOffset(r: RemotingCommand): number {
  const id = decodeSendMessageResponseHeader(r.extFields).msgId
  return Number.parseInt(id.slice(16), 16)
}

async function sendTimed(lab: HaLab, body: string): Promise<{r: RemotingCommand; ms: number}> {
  const started = performance.now()
  const r = await lab.client.send(lab.master.brokerAddr, {topic: 'Sync', body})
  return {r, ms: performance.now() - started}
}

/** A peer on the master's HA port that reports once and then never acknowledges anything. */
async function silentSlave(t: {teardown(fn: () => void): void}, lab: HaLab, report: number): Promise<Socket> {
  const s = connect({host: '127.0.0.1', port: lab.master.config.haListenPort})
  t.teardown(() => s.destroy())
  await once(s, 'connect')
  s.on('data', () => undefined)
  s.write(encodeOffsetReport(report))
  await waitUntil(() => lab.master.ha?.connectionCount === 1 && lab.master.ha.isSlaveOK(lab.master.store.getMaxPhyOffset()), 'the silent slave handshaken')
  return s
}

test('SYNC_MASTER answers SEND_OK only once the slave holds the message; 64 sends in flight share the waits', async (t) => {
  const lab = await startHaLab(t)
  await lab.client.createTopic(lab.master.brokerAddr, 'Sync', 4)
  const slave = await lab.startSlave()
  await waitUntil(() => lab.master.ha?.isSlaveOK(lab.master.store.getMaxPhyOffset()), 'slave connected')

  const {r} = await sendTimed(lab, 'first')
  t.is(r.code, ResponseCode.SUCCESS)
  t.true(slave.store.getMaxPhyOffset() > sentOffset(r), 'the slave had the message before the producer heard SEND_OK')

  const all = await Promise.all(Array.from({length: 64}, (_, i) => lab.client.send(lab.master.brokerAddr, {topic: 'Sync', body: `m${i}`, queueId: i % 4})))
  t.deepEqual([...new Set(all.map((x) => x.code))], [ResponseCode.SUCCESS])
  const furthest = Math.max(...all.map(sentOffset))
  t.true(slave.store.getMaxPhyOffset() > furthest)
  const status = await haStatus(lab.client, lab.master.brokerAddr)
  t.is(status.role, 'SYNC_MASTER')
  t.is(status.master?.sendStatusCounts.SEND_OK, 65)
  t.is(status.master?.sendStatusCounts.SLAVE_NOT_AVAILABLE, 0)
})

// slaveTimeout far beyond the client's request timeout: a send that waited for it would fail the test
// with a timeout instead of answering, so "at once" needs no clock.
const NEVER = 600_000

test('SYNC_MASTER without a slave answers SLAVE_NOT_AVAILABLE at once; the message is stored anyway', async (t) => {
  const lab = await startHaLab(t, {slaveTimeout: NEVER})
  await lab.client.createTopic(lab.master.brokerAddr, 'Sync', 1)
  const {r} = await sendTimed(lab, 'lonely')
  t.is(r.code, ResponseCode.SLAVE_NOT_AVAILABLE)
  t.truthy(decodeSendMessageResponseHeader(r.extFields).msgId, 'a stored message carries its id')
  t.is(lab.master.store.getMaxOffsetInQueue('Sync', 0), 1)
})

test('slave stopped: SLAVE_NOT_AVAILABLE promptly; restarted: it catches up and sends are SEND_OK again', async (t) => {
  const lab = await startHaLab(t, {slaveTimeout: NEVER})
  await lab.client.createTopic(lab.master.brokerAddr, 'Sync', 2)
  await lab.startSlave()
  await waitUntil(() => lab.master.ha?.isSlaveOK(lab.master.store.getMaxPhyOffset()), 'slave connected')
  t.is((await sendTimed(lab, 'before')).r.code, ResponseCode.SUCCESS)

  await lab.stopSlave()
  await waitUntil(() => lab.master.ha?.connectionCount === 0, 'the master noticed the slave is gone')
  for (let i = 0; i < 5; i++) {
    const {r} = await sendTimed(lab, `alone-${i}`)
    t.is(r.code, ResponseCode.SLAVE_NOT_AVAILABLE)
  }

  const slave = await lab.startSlave()
  await waitCaughtUp(lab.master, slave)
  t.is(slave.store.getMaxOffsetInQueue('Sync', 0) + slave.store.getMaxOffsetInQueue('Sync', 1), 6, 'what was written while it was away reached it')
  await waitUntil(async () => (await haStatus(lab.client, lab.master.brokerAddr)).master?.slaves[0]?.state === 'TRANSFER', 'slave back and reporting')
  t.is((await sendTimed(lab, 'after')).r.code, ResponseCode.SUCCESS)
  const status = await haStatus(lab.client, lab.master.brokerAddr)
  t.is(status.master?.sendStatusCounts.SLAVE_NOT_AVAILABLE, 5)
  t.is(status.master?.sendStatusCounts.SEND_OK, 2)
})

// The deadline itself (each put answered at exactly its slaveTimeout, from one timer) is a manual-clock
// test: test/unit/ha/group-transfer-service.test.ts. Here only a lower bound, which load cannot break.
test('a slave that stops acknowledging: FLUSH_SLAVE_TIMEOUT once slaveTimeout has passed', async (t) => {
  const lab = await startHaLab(t, {slaveTimeout: 700})
  await lab.client.createTopic(lab.master.brokerAddr, 'Sync', 1)
  await silentSlave(t, lab, lab.master.store.getMaxPhyOffset())
  const results = await Promise.all(Array.from({length: 20}, () => sendTimed(lab, 'unacked')))
  for (const {r, ms} of results) {
    t.is(r.code, ResponseCode.FLUSH_SLAVE_TIMEOUT)
    t.true(ms >= 600, `answered after ${ms.toFixed(0)} ms (slaveTimeout 700)`)
  }
  t.is(lab.master.store.getMaxOffsetInQueue('Sync', 0), 20, 'the messages are on the master')
})

test('a slave further behind than haSlaveFallbehindMax counts as not available', async (t) => {
  const lab = await startHaLab(t, {haSlaveFallbehindMax: 2000})
  await lab.client.createTopic(lab.master.brokerAddr, 'Sync', 1)
  // Without a slave, these land on the master only.
  for (let i = 0; i < 10; i++) t.is((await sendTimed(lab, 'x'.repeat(400))).r.code, ResponseCode.SLAVE_NOT_AVAILABLE)
  await silentSlave(t, lab, lab.master.store.getMaxPhyOffset() - 1500)
  t.is((await sendTimed(lab, 'close enough')).r.code, ResponseCode.FLUSH_SLAVE_TIMEOUT, 'within the limit the master waits (and the silent slave never acks)')
  const {r} = await sendTimed(lab, 'x'.repeat(2000))
  t.is(r.code, ResponseCode.SLAVE_NOT_AVAILABLE)
  const status = await haStatus(lab.client, lab.master.brokerAddr)
  t.is(status.master?.inSyncSlaves, 0)
  t.true(status.master!.slaves[0]!.lagBytes >= 2000)
})

test('SYNC_MASTER with SYNC_FLUSH: the flush and the replication wait together; the replication outcome wins', async (t) => {
  const lab = await startHaLab(t, {flushDiskType: 'SYNC_FLUSH'})
  await lab.client.createTopic(lab.master.brokerAddr, 'Sync', 1)
  t.is((await sendTimed(lab, 'no slave yet')).r.code, ResponseCode.SLAVE_NOT_AVAILABLE, 'flushed, but no slave')
  const slave = await lab.startSlave()
  await waitUntil(() => lab.master.ha?.isSlaveOK(lab.master.store.getMaxPhyOffset()), 'slave connected')
  const all = await Promise.all(Array.from({length: 32}, (_, i) => lab.client.send(lab.master.brokerAddr, {topic: 'Sync', body: `f${i}`})))
  t.deepEqual([...new Set(all.map((x) => x.code))], [ResponseCode.SUCCESS])
  t.true(slave.store.getMaxPhyOffset() > Math.max(...all.map(sentOffset)))
})

test('4.9.8: a slave (re)connecting to a SYNC_MASTER is counted at once but reports only after haSendHeartbeatInterval, so sends in that window wait and end FLUSH_SLAVE_TIMEOUT', async (t) => {
  // RocketMQ's own intervals on the HA link (5 s first report, 20 s housekeeping); a short slaveTimeout.
  const intervals = {haSendHeartbeatInterval: 5000, haHousekeepingInterval: 20_000}
  const lab = await startHaLab(t, {...intervals, slaveTimeout: 300})
  await lab.client.createTopic(lab.master.brokerAddr, 'Sync', 1)
  await lab.startSlave(intervals)
  await waitUntil(() => lab.master.ha?.connectionCount === 1, "the master counts the slave's connection")
  const before = await haStatus(lab.client, lab.master.brokerAddr)
  t.is(before.master?.slaves[0]?.state, 'HANDSHAKE', 'no offset report yet')
  const inWindow = await sendTimed(lab, 'in the silent window')
  t.is(inWindow.r.code, ResponseCode.FLUSH_SLAVE_TIMEOUT, 'the send waited for a slave that has not reported yet')
  t.truthy(decodeSendMessageResponseHeader(inWindow.r.extFields).msgId, 'stored on the master all the same')
  await waitUntil(async () => (await haStatus(lab.client, lab.master.brokerAddr)).master?.slaves[0]?.state === 'TRANSFER', 'the first report', {
    timeoutMs: 15_000,
  })
  t.is((await sendTimed(lab, 'after the first report')).r.code, ResponseCode.SUCCESS)
})

test('opt-in mqlabHaReportOnConnect: the slave reports at once, so a SYNC_MASTER has no FLUSH_SLAVE_TIMEOUT window after it connects', async (t) => {
  const intervals = {haSendHeartbeatInterval: 5000, haHousekeepingInterval: 20_000}
  const lab = await startHaLab(t, {...intervals, slaveTimeout: 3000})
  await lab.client.createTopic(lab.master.brokerAddr, 'Sync', 1)
  await lab.startSlave({...intervals, mqlabHaReportOnConnect: true})
  await waitUntil(() => lab.master.ha?.connectionCount === 1, "the master counts the slave's connection")
  t.is((await sendTimed(lab, 'right after connecting')).r.code, ResponseCode.SUCCESS)
})
