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

test('offsets committed on the slave while the master was dead survive its return, and the master learns them (apache/rocketmq#1094)', async (t) => {
  const lab = await startHaLab(t, {brokerRole: 'ASYNC_MASTER'})
  await lab.client.createTopic(lab.master.brokerAddr, 'Off', 2)
  await commit(lab.client, lab.master.brokerAddr, 0, 5)
  await commit(lab.client, lab.master.brokerAddr, 1, 2)
  const slave = await lab.startSlave()
  const offsets = slave.consumerOffsetManager
  await waitUntil(() => offsets.queryOffset('G', 'Off', 0) === 5 && offsets.queryOffset('G', 'Off', 1) === 2, 'the slave copied the offsets')

  await lab.stopMaster()
  // Consumers fail over to the slave and commit there.
  await commit(lab.client, slave.brokerAddr, 0, 9)
  t.is(offsets.queryOffset('G', 'Off', 0), 9)

  const seen: number[] = []
  const sampler = setInterval(() => seen.push(offsets.queryOffset('G', 'Off', 0)), 2)
  t.teardown(() => clearInterval(sampler))
  const master = await lab.restartMaster()
  t.is(master.consumerOffsetManager.queryOffset('G', 'Off', 0), 5, 'the returned master holds the offset it persisted before dying')
  // The slave's next registration tells it where the master now is (RocketMQ: within registerNameServerPeriod).
  await slave.registerBrokerAll()
  await waitUntil(() => master.consumerOffsetManager.queryOffset('G', 'Off', 0) === 9, 'the master learnt the offset committed on the slave')
  await waitUntil(() => slave.ha?.status().slave?.state === 'CONNECTED', 'slave replicating again')
  clearInterval(sampler)
  t.true(seen.length > 0 && seen.every((v) => v === 9), `the slave never went back: saw ${[...new Set(seen)].join(', ')}`)
  t.is(offsets.queryOffset('G', 'Off', 1), 2, 'queues not committed on the slave follow the master as before')
  t.is(master.consumerOffsetManager.queryOffset('G', 'Off', 1), 2)
})
