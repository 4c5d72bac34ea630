import test from 'ava'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {BrokerController} from '../../../runtime/broker/broker-controller.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {startBrokerLab, testBrokerConfig} from '../../helpers/broker-lab.js'
import {waitUntil} from '../../helpers/wait-until.js'

test('a slave learns its master from the name server and copies its topics, groups and offsets', async (t) => {
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'Synced', 3)
  await lab.client.heartbeat(lab.brokerAddr, 'c1', [{group: 'GS', topics: ['Synced']}])
  await lab.client.invoke(lab.brokerAddr, RequestCode.UPDATE_CONSUMER_OFFSET, {consumerGroup: 'GS', topic: 'Synced', queueId: 1, commitOffset: 7})

  const slaveDir = await mkdtemp(join(tmpdir(), 'mqlab-slave-'))
  const slave = new BrokerController(testBrokerConfig(slaveDir, lab.namesrv.address, {brokerRole: 'SLAVE', brokerId: 1}))
  t.teardown(async () => {
    await slave.shutdown()
    await rm(slaveDir, {recursive: true, force: true})
  })
  const masters: string[] = []
  slave.onRegisterResult((results) => results.forEach((r) => r.masterAddr && masters.push(r.masterAddr)))
  await slave.start()
  t.deepEqual(masters, [lab.brokerAddr], 'the name server tells the slave where its master is')
  // The first sync runs 3 s after start (SlaveSynchronize), then every 10 s.
  await waitUntil(
    () => slave.topicConfigManager.selectTopicConfig('Synced') && slave.subscriptionGroupManager.getSubscriptionGroupConfig('GS'),
    'the master topics and groups on the slave',
    {timeoutMs: 10_000},
  )
  t.is(slave.topicConfigManager.selectTopicConfig('Synced')?.readQueueNums, 3)
  t.deepEqual(slave.topicConfigManager.dataVersion, lab.broker.topicConfigManager.dataVersion)
  t.is(slave.consumerOffsetManager.queryOffset('GS', 'Synced', 1), 7)
  // The slave lists itself under brokerId 1 next to the master.
  const route = await lab.client.route(lab.namesrv.address, 'Synced')
  t.deepEqual(route?.brokerDatas[0]?.brokerAddrs, {0: lab.brokerAddr, 1: slave.brokerAddr})
  const send = await lab.client.send(slave.brokerAddr, {topic: 'Synced', body: 'x'})
  t.is(send.code, ResponseCode.SERVICE_NOT_AVAILABLE)
})
