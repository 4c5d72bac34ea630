import test from 'ava'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MqTestClient} from '../../helpers/mq-test-client.js'
import {waitUntil} from '../../helpers/wait-until.js'
import {haStatus, startHaLab, waitCaughtUp} from './ha-lab.js'

test("an empty slave started after the master copies from the master's last segment (as RocketMQ 4.9.8), keeps following, and serves the same pulls", async (t) => {
  const lab = await startHaLab(t, {brokerRole: 'ASYNC_MASTER', mappedFileSizeCommitLog: 32 * 1024})
  const {client} = lab
  await client.createTopic(lab.master.brokerAddr, 'Rep', 2)
  for (let i = 0; i < 120; i++) {
    const r = await client.send(lab.master.brokerAddr, {topic: 'Rep', body: Buffer.alloc(500 + i, i), queueId: i % 2, tags: i % 3 === 0 ? 'a' : 'b'})
    t.is(r.code, ResponseCode.SUCCESS)
  }
  const slave = await lab.startSlave()
  await waitCaughtUp(lab.master, slave)
  const segment = lab.master.config.mappedFileSizeCommitLog
  const masterMax = lab.master.store.getMaxPhyOffset()
  const lastSegment = masterMax - (masterMax % segment)
  t.true(lastSegment >= 2 * segment, 'the master holds three segments')
  t.is(lab.master.store.getMinPhyOffset(), 0)
  t.is(
    slave.store.getMinPhyOffset(),
    lastSegment,
    "an empty slave starts at the beginning of the master's last segment; older messages exist only on the master",
  )
  t.is(await slave.store.getCommitLogData(0, 100), undefined, 'nothing of the first segment')
  const a = await lab.master.store.getCommitLogData(lastSegment, segment)
  const b = await slave.store.getCommitLogData(lastSegment, segment)
  t.true(a!.equals(b!), 'the slave commitlog is byte-identical where it has data')
  t.true(slave.store.getMinOffsetInQueue('Rep', 1) > 0, 'its consume queue starts at the first message it holds')

  // New messages follow without being asked for.
  for (let i = 0; i < 30; i++) await client.send(lab.master.brokerAddr, {topic: 'Rep', body: `late-${i}`, queueId: 1})
  await waitCaughtUp(lab.master, slave)
  t.is(slave.store.getMaxOffsetInQueue('Rep', 1), 90)

  // The slave serves pulls (its metadata sync copies the topic within its first sync run).
  await waitUntil(() => slave.topicConfigManager.selectTopicConfig('Rep'), 'topic synced to the slave', {timeoutMs: 10_000})
  const fromSlave = await client.pull(slave.brokerAddr, {group: 'g', topic: 'Rep', queueId: 1, offset: 60, maxMsgNums: 32})
  const fromMaster = await client.pull(lab.master.brokerAddr, {group: 'g', topic: 'Rep', queueId: 1, offset: 60, maxMsgNums: 32})
  t.is(fromSlave.code, ResponseCode.SUCCESS)
  t.deepEqual(
    MqTestClient.messages(fromSlave).map((m) => m.body.toString()),
    MqTestClient.messages(fromMaster).map((m) => m.body.toString()),
  )
  t.is(MqTestClient.messages(fromSlave).length, 30)

  const ms = await haStatus(client, lab.master.brokerAddr)
  t.is(ms.role, 'ASYNC_MASTER')
  t.is(ms.master?.slaves.length, 1)
  t.is(ms.master?.slaves[0]?.state, 'TRANSFER')
  t.is(ms.master?.slaves[0]?.lagBytes, 0)
  t.is(ms.master?.inSyncSlaves, 1)
  t.is(ms.master?.haListenAddress, `127.0.0.1:${lab.master.config.haListenPort}`)
  t.true(ms.master!.sendStatusCounts.SEND_OK! >= 150)
  const ss = await haStatus(client, slave.brokerAddr)
  t.is(ss.role, 'SLAVE')
  t.is(ss.slave?.state, 'CONNECTED')
  t.is(ss.slave?.masterAddress, lab.master.brokerAddr)
  t.is(ss.slave?.masterHaAddress, `127.0.0.1:${lab.master.config.haListenPort}`)
  t.is(ss.slave?.reportedOffset, lab.master.store.getMaxPhyOffset())
  t.is(ss.slave?.lastError, null)
  t.true(ss.slave!.lastContactAt! > 0)
})

test('a slave is read-only and registers with brokerId 1 and its HA address', async (t) => {
  const lab = await startHaLab(t, {brokerRole: 'ASYNC_MASTER'})
  const slave = await lab.startSlave()
  await lab.client.createTopic(lab.master.brokerAddr, 'RO', 1)
  const send = await lab.client.send(slave.brokerAddr, {topic: 'RO', body: 'x'})
  t.is(send.code, ResponseCode.SERVICE_NOT_AVAILABLE)
  const info = await lab.client.clusterInfo(lab.namesrv.address)
  t.deepEqual(info.brokerAddrTable['broker-ha']?.brokerAddrs, {0: lab.master.brokerAddr, 1: slave.brokerAddr})
  t.true(slave.config.haListenPort > 0, 'the slave listens on its own HA port too, as every RocketMQ broker does')
})

test('on connecting, a slave copies topics, subscription groups, consumer offsets and delay offsets from its master', async (t) => {
  const lab = await startHaLab(t, {brokerRole: 'ASYNC_MASTER'})
  const {client} = lab
  const master = lab.master.brokerAddr
  await client.createTopic(master, 'Meta', 3)
  await client.heartbeat(master, 'c1', [{group: 'GM', topics: ['Meta']}])
  t.is(
    (await client.invoke(master, RequestCode.UPDATE_CONSUMER_OFFSET, {consumerGroup: 'GM', topic: 'Meta', queueId: 2, commitOffset: 7})).code,
    ResponseCode.SUCCESS,
  )
  // Delay level 1 (1 s): the master stores it in SCHEDULE_TOPIC_XXXX, delivers it, and advances the level's offset.
  t.is((await client.send(master, {topic: 'Meta', body: 'later', properties: {DELAY: '1'}})).code, ResponseCode.SUCCESS)
  await waitUntil(() => lab.master.scheduleMessageService.offsetOf(1) === 1, 'the master delivered the delayed message', {timeoutMs: 10_000})

  const slave = await lab.startSlave()
  // One sync run copies the four in turn.
  await waitUntil(() => slave.subscriptionGroupManager.getSubscriptionGroupConfig('GM'), 'subscription groups copied', {timeoutMs: 10_000})
  t.is(slave.scheduleMessageService.offsetOf(1), 1, 'delay offsets copied')
  t.is(slave.topicConfigManager.selectTopicConfig('Meta')?.readQueueNums, 3)
  t.is(slave.consumerOffsetManager.queryOffset('GM', 'Meta', 2), 7)
  await waitCaughtUp(lab.master, slave)
  t.is(slave.store.getMaxOffsetInQueue('SCHEDULE_TOPIC_XXXX', 0), 1, 'the delayed original is replicated too')
  const delivered = (b: typeof slave) => [0, 1, 2].reduce((n, q) => n + b.store.getMaxOffsetInQueue('Meta', q), 0)
  t.is(delivered(slave), 1, 'the delivered copy arrives by replication, once')
  t.is(delivered(lab.master), 1)
})

test('opt-in mqlabHaCopyEverythingToEmptySlave (on the master): an empty slave gets everything the master holds', async (t) => {
  const lab = await startHaLab(t, {brokerRole: 'ASYNC_MASTER', mappedFileSizeCommitLog: 32 * 1024, mqlabHaCopyEverythingToEmptySlave: true})
  await lab.client.createTopic(lab.master.brokerAddr, 'Rep', 1)
  for (let i = 0; i < 120; i++) t.is((await lab.client.send(lab.master.brokerAddr, {topic: 'Rep', body: Buffer.alloc(500, i)})).code, ResponseCode.SUCCESS)
  t.true(lab.master.store.getMaxPhyOffset() > 2 * 32 * 1024, 'three segments')
  const slave = await lab.startSlave()
  await waitCaughtUp(lab.master, slave)
  t.is(slave.store.getMinPhyOffset(), 0, 'from the first segment')
  t.is(slave.store.getMaxOffsetInQueue('Rep', 0), 120)
  t.is(slave.store.getMinOffsetInQueue('Rep', 0), 0)
})
