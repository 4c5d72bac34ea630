import test from 'ava'
import {BrokerController} from '../../../runtime/broker/broker-controller.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {testBrokerConfig} from '../../helpers/broker-lab.js'
import type {MqTestClient} from '../../helpers/mq-test-client.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {FAST_HA, haStatus, startHaLab, type HaLab} from './ha-lab.js'

/** Writes `count` messages of equal size into a store dir as an ASYNC_MASTER of its own, then stops it. */
async function formerMaster(lab: HaLab, prefix: string, count: number): Promise<void> {
  const b = new BrokerController(testBrokerConfig(lab.slaveDir, undefined, {brokerName: 'broker-ha', brokerRole: 'ASYNC_MASTER', ...FAST_HA}))
  await b.start()
  try {
    await lab.client.createTopic(b.brokerAddr, 'Div', 1)
    for (let i = 0; i < count; i++) await send(lab.client, b.brokerAddr, `${prefix}-${String(i).padStart(2, '0')}`)
  } finally {
    await b.shutdown()
  }
}

async function send(client: MqTestClient, addr: string, body: string): Promise<void> {
  const r = await client.send(addr, {topic: 'Div', body})
  if (r.code !== ResponseCode.SUCCESS) throw new Error(`send: code ${r.code}`)
}

/** Polls the slave's status until it has said DIVERGED `times` times in a row (it keeps retrying meanwhile). */
async function stillDiverged(lab: HaLab, times: number) {
  let streak = 0
  return waitUntil(
    async () => {
      const s = await haStatus(lab.client, lab.slave!.brokerAddr)
      streak = s.slave?.state === 'DIVERGED' ? streak + 1 : 0
      return streak >= times ? s : undefined
    },
    `DIVERGED ${times} times in a row`,
    {intervalMs: 50, timeoutMs: 10_000},
  )
}

test('a former master restarted as slave of a master with other messages at the same offsets refuses to append', async (t) => {
  const lab = await startHaLab(t, {brokerRole: 'ASYNC_MASTER'})
  await formerMaster(lab, 'x', 10)
  await lab.client.createTopic(lab.master.brokerAddr, 'Div', 1)
  // Same sizes: every record boundary of the old log is one of the new log too, so only the content differs.
  for (let i = 0; i < 20; i++) await send(lab.client, lab.master.brokerAddr, `y-${String(i).padStart(2, '0')}`)

  const slave = await lab.startSlave()
  const before = await slave.store.getCommitLogData(0, 1 << 20)
  const status = await stillDiverged(lab, 10)
  t.regex(status.slave?.lastError ?? '', /^commitlog diverged at offset \d+: the master's record there is another message/)
  t.is(slave.store.getMaxPhyOffset(), before!.length, 'nothing appended')
  t.true((await slave.store.getCommitLogData(0, 1 << 20))!.equals(before!), 'the store is untouched')
  t.is(slave.store.getMaxOffsetInQueue('Div', 0), 10)
  // It keeps retrying, but never reports an offset: the master never counts it as a slave.
  t.true(lab.master.ha!.status().master!.slaves.every((c) => c.state === 'HANDSHAKE'))
  t.false(lab.master.ha!.isSlaveOK(lab.master.store.getMaxPhyOffset()))
})

test("a former master whose log is longer than the new master's refuses too", async (t) => {
  const lab = await startHaLab(t, {brokerRole: 'ASYNC_MASTER'})
  await formerMaster(lab, 'x', 10)
  await lab.client.createTopic(lab.master.brokerAddr, 'Div', 1)
  for (let i = 0; i < 4; i++) await send(lab.client, lab.master.brokerAddr, `y-${String(i).padStart(2, '0')}`)
  const slave = await lab.startSlave()
  const end = slave.store.getMaxPhyOffset()
  const status = await stillDiverged(lab, 5)
  t.regex(status.slave?.lastError ?? '', /the master has no record there/)
  t.is(slave.store.getMaxPhyOffset(), end)
})

test('a slave that is merely behind, with the same history, passes the check and catches up', async (t) => {
  const lab = await startHaLab(t, {brokerRole: 'ASYNC_MASTER'})
  await lab.client.createTopic(lab.master.brokerAddr, 'Div', 1)
  for (let i = 0; i < 10; i++) await send(lab.client, lab.master.brokerAddr, `a-${i}`)
  const slave = await lab.startSlave()
  await waitUntil(() => slave.store.getMaxPhyOffset() === lab.master.store.getMaxPhyOffset(), 'first copy')
  await lab.stopSlave()
  for (let i = 0; i < 10; i++) await send(lab.client, lab.master.brokerAddr, `b-${i}`)
  const again = await lab.startSlave()
  await waitUntil(() => again.store.getMaxPhyOffset() === lab.master.store.getMaxPhyOffset(), 'second copy')
  const s = await haStatus(lab.client, again.brokerAddr)
  t.is(s.slave?.state, 'CONNECTED')
  t.is(again.store.getMaxOffsetInQueue('Div', 0), 20)
})
