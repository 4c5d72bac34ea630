import test from 'ava'
import fs from 'node:fs'
import path from 'node:path'
import {killExperiment} from '../e2e/ha-experiment.js'
import {Producer} from '../../src/client/producer/producer.js'
import {commitlogPrefix, installEngine, isJava, labUp, labProcesses, makeLab, nodePids, rssMb, type Lab} from './apache-lab.js'

// Labs on Apache RocketMQ's own name server and broker (JVMs), run by the same CLI as embedded labs.

test.before(async (t) => {
  const run = await installEngine()
  if (run.exitCode !== 0) t.fail(`mqlab engine install apache failed: ${run.stdout}${run.stderr}`)
})

/** `up` with a generous per-node readiness limit (JVMs on two loaded cores), checked. */
async function up(t: {is: (a: unknown, b: unknown, m?: string) => void}, lab: Lab) {
  const run = await labUp(lab)
  t.is(run.exitCode, 0, run.stdout + run.stderr)
  return run
}

/** Sends until every group of the topic has acknowledged one (a SYNC_MASTER answers SLAVE_NOT_AVAILABLE until its slave's HA link is up). */
async function waitGroupsAcknowledge(lab: Lab, topic: string, groups: string[], timeoutMs = 60_000): Promise<void> {
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  const seen = new Set<string>()
  const deadline = Date.now() + timeoutMs
  try {
    while (groups.some((g) => !seen.has(g))) {
      if (Date.now() > deadline) throw new Error(`no SEND_OK from ${groups.filter((g) => !seen.has(g)).join(', ')} within ${timeoutMs} ms`)
      const run = await producer.send(
        Array.from({length: 8}, (_, i) => ({topic, body: `warmup${i}`})),
        {inflight: 4},
      )
      for (const m of run.messages) if (m.status === 'SEND_OK' && m.brokerName) seen.add(m.brokerName)
    }
  } finally {
    await producer.close()
  }
}

test('single on the apache engine: up starts Java processes, send, mqadmin clusterList, status, down leaves no JVM', async (t) => {
  const lab = await makeLab(t, 'single', ['apache'])
  const started = await up(t, lab)
  t.regex(started.json.result.engine.description, /^apache 4\.9\.\d+$/)
  const pids = await nodePids(lab)
  t.deepEqual(Object.keys(pids).sort(), ['broker-a-master', 'namesrv-1'])
  for (const [node, pid] of Object.entries(pids)) t.true(isJava(pid), `${node} runs on a JVM`)

  const send = await lab.cli('send', '--topic', 'ApacheSingle', '-n', '20')
  t.is(send.exitCode, 0, send.stdout)
  t.is(send.json.result.summary.ok, 20)
  const admin = await lab.cli('admin', 'clusterList')
  t.is(admin.exitCode, 0, admin.stdout + admin.stderr)
  t.regex(admin.json.result.stdout, /broker-a\s+0\s+127\.0\.0\.1:\d+\s+V4_9_\d/)
  const consume = await lab.cli('consume', '--topic', 'ApacheSingle', '-n', '20', '--timeout', '60')
  t.is(consume.exitCode, 0, consume.stdout)
  // Deleting a topic unmaps its consume-queue files (MappedFile.clean, reflective): on Java 17 this fails
  // with InaccessibleObjectException unless the JVM opens java.nio, which mqlab's JVM options do.
  const deleted = await lab.cli('admin', 'deleteTopic', '-t', 'ApacheSingle', '-c', 'DefaultCluster')
  t.is(deleted.exitCode, 0, deleted.json.result?.stdout + deleted.json.result?.stderr)
  t.regex(deleted.json.result.stdout, /delete topic \[ApacheSingle\] from cluster \[DefaultCluster\] success/)
  t.notRegex(fs.readFileSync(path.join(lab.dir, 'logs', 'broker-a-master.log'), 'utf8'), /InaccessibleObjectException/)

  // stop/start and pause/resume act on the JVM as on any node
  t.like((await lab.cli('stop', 'broker-a-master')).json.result, {node: 'broker-a-master'})
  t.false(isJava(pids['broker-a-master']!) && labProcesses(lab.dir).some((p) => p.pid === pids['broker-a-master']), 'the stopped JVM is gone')
  const restarted = await lab.cli('start', 'broker-a-master')
  t.is(restarted.exitCode, 0, restarted.stdout)
  const newPid = (await nodePids(lab))['broker-a-master']!
  t.true(isJava(newPid))
  t.is((await lab.cli('pause', 'broker-a-master')).json.result.state, 'paused')
  t.is((await lab.cli('resume', 'broker-a-master')).json.result.state, 'running')

  const down = await lab.cli('down')
  t.is(down.exitCode, 0, down.stdout)
  t.deepEqual(labProcesses(lab.dir), [], 'no JVM of the lab is left')
})

test("mqlab admin clusterList against an embedded lab: the real mqadmin reads mqlab's runtime", async (t) => {
  const lab = await makeLab(t, 'single', [])
  await up(t, lab)
  const admin = await lab.cli('admin', 'clusterList')
  t.is(admin.exitCode, 0, admin.stdout + admin.stderr)
  t.regex(admin.json.result.stdout, /DefaultCluster\s+broker-a\s+0\s+127\.0\.0\.1:\d+/)
  t.true(admin.json.result.args.includes('-n'))
  const pids = await nodePids(lab)
  t.false(isJava(pids['broker-a-master']!), "the broker is mqlab's runtime")
})

test("2m-2s-sync on the apache engine: kill broker-a-master mid-stream, every SEND_OK consumed, broker-a's from its slave; down leaves no JVM. Also the closing-note numbers: up time and RSS per node on both engines", async (t) => {
  // The embedded lab first, for the comparison (measured in the same run).
  const embedded = await makeLab(t, '2m-2s-sync', [])
  const embeddedUp = await up(t, embedded)
  const embeddedRss = Object.fromEntries(Object.entries(await nodePids(embedded)).map(([n, pid]) => [n, rssMb(pid)]))
  await embedded.cli('down')

  const topic = 'ApacheHaKill'
  const lab = await makeLab(t, '2m-2s-sync', ['apache'])
  const upRun = await up(t, lab)
  const pids = await nodePids(lab)
  t.is(Object.keys(pids).length, 5)
  for (const pid of Object.values(pids)) t.true(isJava(pid))
  const apacheRss = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, rssMb(pid)]))
  t.log(`up 2m-2s-sync (1 name server + 4 brokers): embedded ${embeddedUp.json.result.elapsedMs} ms, apache ${upRun.json.result.elapsedMs} ms`)
  t.log(`RSS MB embedded ${JSON.stringify(embeddedRss)}`)
  t.log(`RSS MB apache   ${JSON.stringify(apacheRss)}`)

  const create = await lab.cli('topic', 'create', topic, '--queues', '4')
  t.is(create.exitCode, 0, create.stdout)
  await waitGroupsAcknowledge(lab, topic, ['broker-a', 'broker-b'])
  const replication = await lab.cli('replication')
  t.is(replication.exitCode, 0, replication.stdout)
  t.deepEqual(
    replication.json.result.groups.map((g: any) => [g.brokerName, g.master?.role, g.slaves.length]),
    [
      ['broker-a', 'SYNC_MASTER', 1],
      ['broker-b', 'SYNC_MASTER', 1],
    ],
  )

  const exp = await killExperiment(t, lab, {topic, group: 'apache_kill', killed: 'broker-a', total: 1200, killAfter: 300, chunk: 25, inflight: 8})
  t.is(exp.killRun.exitCode, 0, exp.killRun.stdout)
  t.like(exp.killRun.json.result, {node: 'broker-a-master', state: 'crashed'})
  t.true(exp.acked.size > 0)
  t.deepEqual(
    exp.lost.map((r) => `${r.index} ${r.brokerName}/${r.queueId}/${r.queueOffset}`),
    [],
    'every SEND_OK message is consumed',
  )
  const fromA = exp.consumed.filter((m) => m.brokerName === 'broker-a')
  t.true(fromA.length > 0)
  t.true(
    fromA.every((m) => m.brokerId > 0),
    "broker-a's messages come from broker-a-slave",
  )
  t.log(
    `apache 2m-2s-sync: ${exp.acked.size} SEND_OK of ${exp.reports.length} (${JSON.stringify(exp.byStatus)}), lost ${exp.lost.length}, SIGKILL → first read from the slave ${exp.signalToSlaveReadMs} ms`,
  )

  const down = await lab.cli('down')
  t.is(down.exitCode, 0, down.stdout)
  t.deepEqual(labProcesses(lab.dir), [], 'no JVM of the lab is left')
})

for (const mix of [
  {title: 'embedded master + Java slave', engines: ['broker-a-slave=apache'], java: ['broker-a-slave']},
  {title: 'Java master + embedded slave', engines: ['broker-a-master=apache'], java: ['broker-a-master']},
]) {
  test(`mixed lab, ${mix.title}: the slave replicates over RocketMQ's HA protocol and serves the master's messages after the master is killed; 0 acknowledged lost (SYNC_MASTER)`, async (t) => {
    const topic = 'MixedHa'
    const lab = await makeLab(t, '2m-2s-sync', mix.engines)
    await up(t, lab)
    const pids = await nodePids(lab)
    for (const [node, pid] of Object.entries(pids)) t.is(isJava(pid), mix.java.includes(node), `${node} ${mix.java.includes(node) ? 'is' : 'is not'} a JVM`)
    const create = await lab.cli('topic', 'create', topic, '--queues', '4')
    t.is(create.exitCode, 0, create.stdout)
    await waitGroupsAcknowledge(lab, topic, ['broker-a', 'broker-b'])
    // The link is known from whichever side runs mqlab: the embedded master's view of the Java slave's
    // HA connection, or the embedded slave's own.
    const replication = await lab.cli('replication')
    t.is(replication.exitCode, 0, replication.stdout)
    t.like(replication.json.result.groups.find((g: any) => g.brokerName === 'broker-a').slaves[0], {connectionState: 'CONNECTED'})

    const exp = await killExperiment(t, lab, {topic, group: 'mixed_kill', killed: 'broker-a', total: 1200, killAfter: 300, chunk: 25, inflight: 8})
    t.is(exp.killRun.exitCode, 0, exp.killRun.stdout)
    const ackedByA = [...exp.acked.values()].filter((r) => r.brokerName === 'broker-a').length
    t.true(ackedByA > 0, 'broker-a acknowledged sends before it died')
    t.deepEqual(
      exp.lost.map((r) => `${r.index} ${r.brokerName}/${r.queueId}/${r.queueOffset}`),
      [],
      'every SEND_OK message is consumed',
    )
    const fromA = exp.consumed.filter((m) => m.brokerName === 'broker-a')
    t.true(fromA.length >= ackedByA)
    t.true(
      fromA.every((m) => m.brokerId > 0),
      "broker-a's messages come from broker-a-slave",
    )
    // The slave's commitlog is a byte-for-byte prefix of its master's: the same records at the same offsets.
    const status = await lab.cli('status')
    const slaveMax = status.json.result.nodes.find((n: any) => n.name === 'broker-a-slave').commitLogMaxOffset as number
    t.true(slaveMax > 0)
    const slaveBytes = commitlogPrefix(path.join(lab.dir, 'store', 'broker-a-slave'), slaveMax)
    const masterBytes = commitlogPrefix(path.join(lab.dir, 'store', 'broker-a-master'), slaveMax)
    t.is(slaveBytes.length, slaveMax)
    t.true(slaveBytes.equals(masterBytes), `the slave's first ${slaveMax} commitlog bytes equal the master's`)
    t.log(
      `${mix.title}: ${exp.acked.size} SEND_OK (${ackedByA} by broker-a) of ${exp.reports.length} (${JSON.stringify(exp.byStatus)}), lost ${exp.lost.length}`,
    )

    const down = await lab.cli('down')
    t.is(down.exitCode, 0, down.stdout)
    t.deepEqual(labProcesses(lab.dir), [])
  })
}
