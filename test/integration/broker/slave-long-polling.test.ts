/**
 * Long polling on a slave, as RocketMQ 4.9.8: the store's arrival listener wakes held pulls only on a
 * master (ReputMessageService skips it when the role is SLAVE), so a pull held by a slave is answered
 * by the hold service's periodic re-check (every 5 s with longPollingEnable), not when replication
 * brings the message. A master wakes it at once (produce-consume tests).
 */
import test from 'ava'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {BrokerController} from '../../../runtime/broker/broker-controller.js'
import {newTopicConfig} from '../../../runtime/remoting/body/topic-config.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {startBrokerLab, testBrokerConfig} from '../../helpers/broker-lab.js'
import {ManualTimers} from '../../helpers/manual-timers.js'
import {MqTestClient} from '../../helpers/mq-test-client.js'
import {waitUntil} from '../../helpers/wait-until.js'

test('a slave does not wake a held pull when replicated data arrives; its 5 s re-check answers it', async (t) => {
  // The records come from a real master's commitlog, as HA would carry them.
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'LP', 1)
  t.is((await lab.client.send(lab.brokerAddr, {topic: 'LP', body: 'replicated'})).code, ResponseCode.SUCCESS)
  const data = (await lab.broker.store.getCommitLogData(0, 1 << 20))!

  const dir = await mkdtemp(join(tmpdir(), 'mqlab-slave-lp-'))
  const timers = new ManualTimers(Date.now())
  const slave = new BrokerController(testBrokerConfig(dir, undefined, {brokerRole: 'SLAVE', brokerId: 1}), {timers})
  const client = new MqTestClient()
  t.teardown(async () => {
    await client.close()
    await slave.shutdown()
    await rm(dir, {recursive: true, force: true})
  })
  await slave.start()
  slave.topicConfigManager.updateTopicConfig(newTopicConfig('LP', {readQueueNums: 1, writeQueueNums: 1}))

  const pull = client.pull(slave.brokerAddr, {group: 'G', topic: 'LP', queueId: 0, offset: 0, suspendMs: 15_000}, 30_000)
  await waitUntil(() => slave.pullRequestHoldService.size === 1, 'the slave holds the pull')
  await slave.store.appendToCommitLog(0, data)
  await waitUntil(() => slave.store.getMaxOffsetInQueue('LP', 0) === 1, 'the slave dispatched the replicated message')
  // Let any wake-up that would follow the dispatch run.
  await new Promise((resolve) => setTimeout(resolve, 50))
  t.is(slave.pullRequestHoldService.size, 1, 'still held: arrival does not wake pulls on a slave')

  timers.advance(5000)
  const response = await pull
  t.is(response.code, ResponseCode.SUCCESS)
  t.deepEqual(
    MqTestClient.messages(response).map((m) => m.body.toString()),
    ['replicated'],
  )
})
