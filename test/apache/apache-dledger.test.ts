import test from 'ava'
import {waitSlavesKnowTopic} from '../e2e/ha-experiment.js'
import {MQAdmin} from '../../src/client/admin/mq-admin.js'
import {Producer} from '../../src/client/producer/producer.js'
import {waitUntil} from '../helpers/wait-until.js'
import {drainTopic} from '../e2e/ha-experiment.js'
import {installEngine, isJava, labProcesses, labUp, makeLab, nodePids} from './apache-lab.js'

// The dledger template on Apache RocketMQ: three JVM brokers in one raft group (DLedger 0.3.1.2, as
// 4.9 ships it), which mqlab's embedded runtime does not run yet. The group elects a leader, which the
// name servers list as brokerId 0; killing it makes the other two elect a new one, and every message
// the old leader acknowledged (it was on a majority) is read from the new one.

test.before(async (t) => {
  const run = await installEngine()
  if (run.exitCode !== 0) t.fail(`mqlab engine install apache failed: ${run.stdout}${run.stderr}`)
})

async function leaderOf(admin: MQAdmin): Promise<string | undefined> {
  const info = await admin.clusterInfo().catch(() => undefined)
  return info?.brokerAddrTable['broker-a']?.brokerAddrs['0']
}

test('dledger on the apache engine: up elects a leader; kill it, a new leader is elected and serves every acknowledged message; down leaves no JVM', async (t) => {
  const topic = 'ApacheRaft'
  const lab = await makeLab(t, 'dledger', ['apache'])
  const up = await labUp(lab)
  t.is(up.exitCode, 0, up.stdout + up.stderr)
  const pids = await nodePids(lab)
  t.deepEqual(
    Object.keys(pids)
      .filter((n) => n.startsWith('broker'))
      .sort(),
    ['broker-a-n0', 'broker-a-n1', 'broker-a-n2'],
  )
  for (const pid of Object.values(pids)) t.true(isJava(pid))

  const admin = new MQAdmin({namesrvAddr: lab.namesrvAddr})
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => Promise.allSettled([admin.close(), producer.close()]))
  const leader = await waitUntil(() => leaderOf(admin), 'a DLedger leader registered as brokerId 0', {timeoutMs: 90_000, intervalMs: 500})
  const status = await lab.cli('status')
  const roles = Object.fromEntries(status.json.result.nodes.filter((n: any) => n.kind === 'broker').map((n: any) => [n.addr, n.role]))
  t.is(roles[leader], 'master')
  t.is(Object.values(roles).filter((r) => r === 'slave').length, 2, JSON.stringify(roles))

  const create = await lab.cli('topic', 'create', topic, '--queues', '4')
  t.is(create.exitCode, 0, create.stdout)
  // Followers copy topics from the leader every 10 s, like slaves; the new leader must know the topic.
  await waitSlavesKnowTopic(lab, topic, 60_000)
  const sent = await producer.send(
    Array.from({length: 200}, (_, i) => ({topic, body: `r${i}`})),
    {inflight: 8},
  )
  // Under load a JVM member can answer a few sends with a busy/timeout status: only SEND_OK is promised.
  const failed: Record<string, number> = {}
  for (const m of sent.messages) if (m.status !== 'SEND_OK') failed[m.status] = (failed[m.status] ?? 0) + 1
  t.true(sent.summary.ok >= 100, JSON.stringify(failed))
  const acked = sent.messages.filter((m) => m.status === 'SEND_OK')

  const leaderNode = status.json.result.nodes.find((n: any) => n.addr === leader).name as string
  const kill = await lab.cli('kill', leaderNode)
  t.is(kill.exitCode, 0, kill.stdout)
  const next = await waitUntil(
    async () => {
      const l = await leaderOf(admin)
      return l !== undefined && l !== leader ? l : undefined
    },
    'a new leader',
    {timeoutMs: 90_000, intervalMs: 500},
  )
  t.not(next, leader)
  const consumed = await drainTopic({...lab}, topic, 'raft_after_kill')
  const ids = new Set(consumed.map((m) => m.msgId))
  t.deepEqual(
    acked.filter((m) => !ids.has(m.msgId!)).map((m) => m.msgId),
    [],
    'every acknowledged message is read from the new leader',
  )
  t.true(consumed.every((m) => m.brokerId === 0))
  t.log(
    `dledger on apache: ${acked.length} of 200 SEND_OK (others ${JSON.stringify(failed)}); leader ${leaderNode} (${leader}) killed, new leader ${next}; ${consumed.length} messages read back`,
  )

  const down = await lab.cli('down')
  t.is(down.exitCode, 0, down.stdout)
  t.deepEqual(labProcesses(lab.dir), [])
})
