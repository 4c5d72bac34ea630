import test from 'ava'
import {connect} from 'node:net'
import {once} from 'node:events'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {BrokerController} from '../../../runtime/broker/broker-controller.js'
import {encodeOffsetReport} from '../../../runtime/ha/offset-report-decoder.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {testBrokerConfig} from '../../helpers/broker-lab.js'
import {freeLoopbackPort} from '../../helpers/broker-ports.js'
import {MqTestClient} from '../../helpers/mq-test-client.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {FAST_HA, haStatus, RECONNECT_MS, startHaLab, waitCaughtUp} from './ha-lab.js'

/**
 * Sends bytes to the master's HA port; says whether the master closed the connection within `waitMs`.
 * The lab's housekeeping is far longer than any wait here, so a close can only come from the bytes; the
 * exact rules are unit tests of the core (test/unit/ha/ha-master-core.test.ts).
 */
async function sendToHaPort(port: number, bytes: Buffer[], waitMs = 20_000): Promise<{closed: boolean}> {
  const s = connect({host: '127.0.0.1', port})
  s.on('error', () => undefined)
  s.on('data', () => undefined)
  await once(s, 'connect')
  const closed = new Promise<boolean>((resolve) => s.once('close', () => resolve(true)))
  for (const b of bytes) s.write(b)
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs).unref())
  const result = await Promise.race([closed, timeout])
  s.destroy()
  return {closed: result}
}

test('garbage on the HA port drops that connection; the master and its real slave carry on', async (t) => {
  const lab = await startHaLab(t, {haHousekeepingInterval: 120_000})
  await lab.client.createTopic(lab.master.brokerAddr, 'G', 1)
  const slave = await lab.startSlave()
  await waitUntil(() => lab.master.ha?.isSlaveOK(lab.master.store.getMaxPhyOffset()), 'slave connected')
  const port = lab.master.config.haListenPort
  const http = await sendToHaPort(port, [Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')])
  t.true(http.closed, 'an HTTP request is not an offset report')
  const negative = await sendToHaPort(port, [Buffer.from('ffffffffffffff00', 'hex')])
  t.true(negative.closed, 'a negative offset')
  const backwards = await sendToHaPort(port, [encodeOffsetReport(0), encodeOffsetReport(0), Buffer.alloc(0)], 1000)
  t.false(backwards.closed, 'repeating an offset is fine')
  const ahead = await sendToHaPort(port, [encodeOffsetReport(lab.master.store.getMaxPhyOffset() + 1_000_000)])
  t.true(ahead.closed, 'a slave claiming more data than the master holds')
  const split = await sendToHaPort(port, [
    encodeOffsetReport(0),
    encodeOffsetReport(10).subarray(0, 3),
    encodeOffsetReport(10).subarray(3),
    encodeOffsetReport(5),
  ])
  t.true(split.closed, 'an acknowledgement that goes backwards, even across reads')

  await waitUntil(() => lab.master.ha?.connectionCount === 1, 'only the real slave is left')
  for (let i = 0; i < 10; i++) t.is((await lab.client.send(lab.master.brokerAddr, {topic: 'G', body: `ok-${i}`})).code, ResponseCode.SUCCESS)
  await waitCaughtUp(lab.master, slave)
  t.is(slave.store.getMaxOffsetInQueue('G', 0), 10)
})

// The exact rule (closed once haHousekeepingInterval has passed, not before) is a manual-clock test of
// the core (test/unit/ha/ha-master-core.test.ts); this smoke test checks the socket adapter runs it.
test('a peer that connects and says nothing is dropped after haHousekeepingInterval', async (t) => {
  const lab = await startHaLab(t, {haHousekeepingInterval: 600})
  const s = connect({host: '127.0.0.1', port: lab.master.config.haListenPort})
  s.on('error', () => undefined)
  await once(s, 'connect')
  const started = performance.now()
  await once(s, 'close')
  const ms = performance.now() - started
  t.true(ms >= 500, `closed after ${ms.toFixed(0)} ms, not before the interval`)
  const status = await haStatus(lab.client, lab.master.brokerAddr)
  t.deepEqual(status.master?.slaves, [])
})

test('a slave pointed at a dead master keeps retrying and says why; it connects once a master appears there', async (t) => {
  const haPort = await freeLoopbackPort()
  const dir = await mkdtemp(join(tmpdir(), 'mqlab-ha-dead-'))
  const masterDir = await mkdtemp(join(tmpdir(), 'mqlab-ha-late-'))
  const client = new MqTestClient()
  const slave = new BrokerController(
    testBrokerConfig(dir, undefined, {brokerName: 'broker-ha', brokerRole: 'SLAVE', brokerId: 1, ...FAST_HA, haMasterAddress: `127.0.0.1:${haPort}`}),
    {haReconnectIntervalMs: RECONNECT_MS},
  )
  let master: BrokerController | undefined
  t.teardown(async () => {
    await client.close()
    await slave.shutdown()
    await master?.shutdown()
    await rm(dir, {recursive: true, force: true})
    await rm(masterDir, {recursive: true, force: true})
  })
  await slave.start()
  const down = await waitUntil(async () => {
    const s = await haStatus(client, slave.brokerAddr)
    return s.slave?.state === 'DISCONNECTED' ? s : undefined
  }, 'the slave reports the failed connection')
  t.is(down.slave?.masterHaAddress, `127.0.0.1:${haPort}`)
  t.regex(down.slave?.lastError ?? '', new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${haPort}`))

  // A master appears on that port: the slave's next attempt connects and copies it.
  master = new BrokerController(testBrokerConfig(masterDir, undefined, {brokerName: 'broker-ha', brokerRole: 'ASYNC_MASTER', ...FAST_HA, haListenPort: haPort}))
  await master.start()
  await master.brokerContext.store.putMessage({
    topic: 'Late',
    queueId: 0,
    flag: 0,
    body: Buffer.from('hello'),
    propertiesString: '',
    sysFlag: 0,
    bornTimestamp: Date.now(),
    bornHost: {ip: '127.0.0.1', port: 1},
    storeHost: {ip: '127.0.0.1', port: master.listenPort},
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    tagsCode: 0,
  })
  await waitCaughtUp(master, slave)
  const up = await haStatus(client, slave.brokerAddr)
  t.is(up.slave?.state, 'CONNECTED')
  t.is(up.slave?.lastError, null)
  t.is(slave.store.getMaxOffsetInQueue('Late', 0), 1)
})

test('a slave pointed at a port that is not an HA master (a name server) keeps retrying and says the peer closed', async (t) => {
  const lab = await startHaLab(t)
  const slave = await lab.startSlave({haMasterAddress: lab.namesrv.address})
  const s = await waitUntil(async () => {
    const st = await haStatus(lab.client, slave.brokerAddr)
    return st.slave?.lastError ? st : undefined
  }, 'the slave reports why')
  t.is(s.slave?.masterHaAddress, lab.namesrv.address, "a configured haMasterAddress wins over the name server's answer")
  t.not(s.slave?.state, 'CONNECTED')
  t.regex(s.slave?.lastError ?? '', /closed the connection|corrupt|ECONNRESET/)
  t.is(lab.master.ha?.connectionCount, 0)
})

test('slave killed under SYNC_MASTER with sends in flight: every send ends by slaveTimeout, none hangs', async (t) => {
  const lab = await startHaLab(t, {slaveTimeout: 2000})
  await lab.client.createTopic(lab.master.brokerAddr, 'K', 4)
  await lab.startSlave()
  await waitUntil(() => lab.master.ha?.isSlaveOK(lab.master.store.getMaxPhyOffset()), 'slave connected')
  const codes: number[] = []
  let stop = false
  // Every send must be answered (the client's request timeout would fail the test otherwise); that each
  // waiting put ends at its own slaveTimeout is a manual-clock test (group-transfer-service.test.ts).
  const producers = Array.from({length: 16}, async (_, p) => {
    for (let i = 0; !stop; i++) {
      const r = await lab.client.send(lab.master.brokerAddr, {topic: 'K', body: `p${p}-${i}`, queueId: p % 4})
      codes.push(r.code)
    }
  })
  await waitUntil(() => codes.length >= 200, '200 sends done')
  await lab.stopSlave()
  await waitUntil(() => codes.filter((c) => c === ResponseCode.SLAVE_NOT_AVAILABLE).length >= 50, 'sends answered SLAVE_NOT_AVAILABLE', {timeoutMs: 10_000})
  stop = true
  await Promise.all(producers)
  const kinds = new Set(codes)
  for (const k of kinds)
    t.true([ResponseCode.SUCCESS, ResponseCode.FLUSH_SLAVE_TIMEOUT, ResponseCode.SLAVE_NOT_AVAILABLE].includes(k as 0 | 11 | 12), `code ${k}`)
  t.deepEqual([...new Set(codes.slice(0, 150))], [ResponseCode.SUCCESS], 'SEND_OK while the slave was there')
})
