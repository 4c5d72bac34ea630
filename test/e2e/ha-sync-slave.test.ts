import test from 'ava'
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {collectReplication} from '../../src/client/admin/ha-admin.js'
import {MQAdmin} from '../../src/client/admin/mq-admin.js'
import {Producer} from '../../src/client/producer/producer.js'
import {messages, startHaLab} from './ha-experiment.js'
import {waitUntil} from '../helpers/wait-until.js'

// A SYNC_MASTER whose only slave is killed answers every send SLAVE_NOT_AVAILABLE at once (stored, not
// replicated), never hanging past the slave timeout; with the slave started again it catches up and
// sends are SEND_OK again. One group (broker-a of 2m-2s-sync) and one name server, as processes.
test('SYNC_MASTER: slave killed → SLAVE_NOT_AVAILABLE promptly; slave restarted → it catches up and sends are SEND_OK', async (t) => {
  const topic = 'HaSyncSlave'
  const lab = await startHaLab(t, '2m-2s-sync', {topic, dropGroups: ['broker-b']})
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())

  const first = await producer.send(messages(topic, 0, 200), {inflight: 8})
  t.like(first.summary, {ok: 200}, JSON.stringify(first.messages.find((m) => m.status !== 'SEND_OK')))

  const kill = await lab.cli('kill', 'broker-a-slave')
  t.is(kill.exitCode, 0)
  t.like(kill.json.result.prediction, {kind: 'slave', groupSendStatus: 'SLAVE_NOT_AVAILABLE'})

  // The master may take a moment to see the HA connection close; after that every answer is SLAVE_NOT_AVAILABLE.
  await waitUntil(async () => (await producer.sendOne({topic, body: 'probe'})).status === 'SLAVE_NOT_AVAILABLE', 'the master to notice its slave is gone', {
    timeoutMs: 30_000,
    intervalMs: 50,
  })
  const degraded = await producer.send(messages(topic, 200, 50), {inflight: 4})
  t.deepEqual(degraded.summary.byStatus, {SLAVE_NOT_AVAILABLE: 50})
  // SLAVE_NOT_AVAILABLE itself says the master did not wait (a wait ends FLUSH_SLAVE_TIMEOUT): no clock needed.
  t.true(
    degraded.messages.every((m) => m.attempts.length === 1),
    'not retried elsewhere',
  )

  const seen = await lab.cli('replication')
  t.is(seen.exitCode, 0)
  const groupA = seen.json.result.groups[0]
  t.is(groupA.master.connections, 0)
  t.true(groupA.master.sendStatusCounts.SLAVE_NOT_AVAILABLE >= 50)

  const start = await lab.cli('start', 'broker-a-slave')
  t.is(start.exitCode, 0, start.stdout + start.stderr)
  // Polled in process (a CLI start per poll is costly); the --watch run below shows the same through the CLI.
  const admin = new MQAdmin({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => admin.close())
  const caughtUp = await waitUntil(
    async () => {
      const group = (await collectReplication(admin).catch(() => undefined))?.groups[0]
      const s = group?.slaves[0]
      return s?.status === 'in-sync' && s.lagBytes === 0 ? group : undefined
    },
    'broker-a-slave to catch up',
    {timeoutMs: 30_000, intervalMs: 100},
  )
  t.is(caughtUp.slaves[0]!.ackedOffset, caughtUp.master!.maxPhyOffset)
  const again = await producer.send(messages(topic, 250, 50), {inflight: 4})
  t.deepEqual(again.summary.byStatus, {SEND_OK: 50})

  // --watch redraws until Ctrl-C, which ends it normally.
  const cli = fileURLToPath(new URL('../../../bin/run.js', import.meta.url))
  const watch = spawn(process.execPath, [cli, 'replication', '--watch', '--dir', path.join(lab.dir)], {cwd: lab.cwd, env: {...process.env, NO_COLOR: '1'}})
  t.teardown(() => watch.kill('SIGKILL'))
  let out = ''
  watch.stdout.on('data', (b: Buffer) => (out += b.toString()))
  const exited = once(watch, 'exit')
  await waitUntil(() => (out.match(/Ctrl-C to stop/g) ?? []).length >= 2, 'two refreshes of replication --watch', {timeoutMs: 30_000})
  t.regex(out, /broker-a \(DefaultCluster\) {2}master .* SYNC_MASTER/)
  t.regex(out, /in sync/)
  watch.kill('SIGINT')
  const [code] = await exited
  t.is(code, 0, 'Ctrl-C ends --watch normally')
})
