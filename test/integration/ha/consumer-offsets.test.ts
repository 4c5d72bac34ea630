/**
 * Consumer offsets across a master's death and return, as RocketMQ 4.9.8 does them: the slave only
 * copies from its master (SlaveSynchronize.syncConsumerOffset, putAll every 10 s), so commits made on
 * the slave while the master was away are rolled back once it returns (apache/rocketmq#1094), and a
 * slave whose registration answer names no master stops syncing.
 */
import test from 'ava'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import type {MqTestClient} from '../../helpers/mq-test-client.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {startHaLab} from './ha-lab.js'

async function commit(client: MqTestClient, addr: string, queueId: number, offset: number): Promise<void> {
  const r = await client.invoke(addr, RequestCode.UPDATE_CONSUMER_OFFSET, {consumerGroup: 'G', topic: 'Off', queueId, commitOffset: offset})
  if (r.code !== ResponseCode.SUCCESS) throw new Error(`commit: code ${r.code}`)
}

test("offsets committed on the slave while the master was dead are rolled back to the returned master's (4.9.8; apache/rocketmq#1094), and nothing is written to the master", async (t) => {
  const lab = await startHaLab(t, {brokerRole: 'ASYNC_MASTER'})
  await lab.client.createTopic(lab.master.brokerAddr, 'Off', 2)
  await commit(lab.client, lab.master.brokerAddr, 0, 5)
  await commit(lab.client, lab.master.brokerAddr, 1, 2)
  const slave = await lab.startSlave()
  t.is(slave.slaveSyncMasterAddr, lab.master.brokerAddr, 'the registration answer names the master')
  const offsets = slave.consumerOffsetManager
  // The first sync runs 3 s after start, then every 10 s.
  await waitUntil(() => offsets.queryOffset('G', 'Off', 0) === 5 && offsets.queryOffset('G', 'Off', 1) === 2, 'the slave copied the offsets', {
    timeoutMs: 15_000,
  })

  await lab.stopMaster()
  // The slave's next registration (every 30 s; triggered here) names no master: it stops syncing.
  await slave.registerBrokerAll()
  t.is(slave.slaveSyncMasterAddr, undefined, 'a registration answer without a master stops the metadata sync')
  // Consumers fail over to the slave and commit there.
  await commit(lab.client, slave.brokerAddr, 0, 9)
  t.is(offsets.queryOffset('G', 'Off', 0), 9)

  const master = await lab.restartMaster()
  t.is(master.consumerOffsetManager.queryOffset('G', 'Off', 0), 5, 'the returned master holds the offset it persisted before dying')
  await slave.registerBrokerAll()
  t.is(slave.slaveSyncMasterAddr, master.brokerAddr, 'the next registration answer names the returned master')
  await waitUntil(() => offsets.queryOffset('G', 'Off', 0) === 5, "the slave took the master's older offset at its next sync", {timeoutMs: 15_000})
  t.is(master.consumerOffsetManager.queryOffset('G', 'Off', 0), 5, 'the slave never commits to the master: a consumer starting now re-reads from 5')
  t.is(offsets.queryOffset('G', 'Off', 1), 2)
})
