import test from 'ava'
import fs from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {engineNotes, engineProblems} from '../../../src/engine/engine-rules.js'
import {EMBEDDED_ONLY} from '../../../src/engine/lab-engines.js'
import {validateExport} from '../../../src/export/export-lab.js'
import {parseHosts, planExport} from '../../../src/export/export-plan.js'
import {renderStartScript} from '../../../src/export/export-scripts.js'
import {initLab} from '../../../src/topology/init-lab.js'
import {readLab} from '../../../src/topology/lab-reader.js'

async function lab(t: {teardown(fn: () => unknown): void}, template: string, hosts = 1) {
  const dir = await mkdtemp(path.join(tmpdir(), 'mqlab-export-unit-'))
  t.teardown(() => rm(dir, {recursive: true, force: true}))
  initLab({template, dir, namesrv: 2, flush: 'ASYNC_FLUSH', cluster: 'DefaultCluster', hosts, force: true})
  const snapshot = readLab(dir)
  return {snapshot, texts: new Map(snapshot.nodes.map((n) => [n.name, fs.readFileSync(n.path, 'utf8')]))}
}

test('2m-2s-sync over two hosts: crossed placement, default ports, rewritten addresses and stores; valid', async (t) => {
  const {snapshot, texts} = await lab(t, '2m-2s-sync')
  const plan = planExport(snapshot, texts, ['mq1', 'mq2'], '/data/rmq')
  const where = Object.fromEntries(plan.nodes.map((n) => [n.name, `${n.host}:${n.listenPort}`]))
  t.deepEqual(where, {
    'namesrv-1': 'mq1:9876',
    'namesrv-2': 'mq2:9876',
    'broker-a-master': 'mq1:10911',
    'broker-a-slave': 'mq2:10911',
    'broker-b-master': 'mq2:10921',
    'broker-b-slave': 'mq1:10921',
  })
  const slave = plan.nodes.find((n) => n.name === 'broker-a-slave')!
  t.regex(slave.text, /^brokerIP1=mq2$/m)
  t.regex(slave.text, /^namesrvAddr=mq1:9876;mq2:9876$/m)
  t.regex(slave.text, /^haListenPort=10912$/m)
  t.regex(slave.text, /^storePathCommitLog=\/data\/rmq\/broker-a-slave\/commitlog$/m)
  t.regex(slave.text, /^brokerRole=SLAVE$/m, 'other keys kept')
  t.notRegex(slave.text, /10919|mqlab also binds/, "comments about the lab's values dropped")
  t.regex(plan.nodes.find((n) => n.name === 'namesrv-2')!.text, /^kvConfigPath=\/data\/rmq\/namesrv-2\/kvConfig\.json$/m)
  const v = validateExport(plan, '/tmp/out')
  t.true(v.valid, JSON.stringify(v.problems))

  const script = renderStartScript(
    'mq2',
    plan.nodes.filter((n) => n.host === 'mq2'),
  )
  const at = ['start namesrv namesrv-2 ', 'start masters broker-b-master ', 'start slaves broker-a-slave '].map((line) => script.indexOf(line))
  t.true(at[0]! > 0 && at[0]! < at[1]! && at[1]! < at[2]!, 'name server, then masters, then slaves')
  t.regex(script, /\$ROCKETMQ_HOME\/bin\/\$3" -c/)
})

test('one host: every broker keeps its own ports (10911, 10921, …) and store; DLedger peers name the hosts', async (t) => {
  const {snapshot, texts} = await lab(t, '2m-2s-sync')
  const plan = planExport(snapshot, texts, ['mq1'], '/data/rmq')
  t.deepEqual(
    plan.nodes.filter((n) => n.kind === 'broker').map((n) => n.listenPort),
    [10911, 10921, 10931, 10941],
  )
  t.true(validateExport(plan, '/tmp/out').valid)

  const raft = await lab(t, 'dledger')
  const rp = planExport(raft.snapshot, raft.texts, ['mq1', 'mq2', 'mq3'], '/data/rmq')
  for (const n of rp.nodes.filter((x) => x.kind === 'broker')) t.regex(n.text, /^dLegerPeers=n0-mq1:40911;n1-mq2:40911;n2-mq3:40911$/m)
  t.true(validateExport(rp, '/tmp/out').valid)
  const crowded = planExport(raft.snapshot, raft.texts, ['mq1'], '/data/rmq')
  t.regex(crowded.nodes.find((n) => n.name === 'broker-a-n2')!.text, /^dLegerPeers=n0-mq1:40911;n1-mq1:40912;n2-mq1:40913$/m)
  t.true(validateExport(crowded, '/tmp/out').valid)
})

test('--hosts is checked', (t) => {
  t.deepEqual(parseHosts('10.0.0.1, mq2'), ['10.0.0.1', 'mq2'])
  t.throws(() => parseHosts('mq1:9876'))
  t.throws(() => parseHosts('mq1,mq1'))
  t.throws(() => parseHosts(''))
})

test('jvm-binds-all: simulated hosts sharing ports cannot both run Java; embedded labs are untouched', async (t) => {
  const {snapshot} = await lab(t, '2m-2s-sync', 2)
  t.deepEqual(engineProblems(snapshot, EMBEDDED_ONLY), [])
  const javaMaster = engineProblems(snapshot, {default: 'embedded', nodes: {'broker-a-master': 'apache'}})
  t.true(javaMaster.length > 0)
  t.true(javaMaster.every((p) => p.rule === 'jvm-binds-all' && p.severity === 'error' && p.file === 'conf/broker-a.properties'))
  t.regex(javaMaster[0]!.message, /broker-b-master/)
  const allJava = engineProblems(snapshot, {default: 'apache', nodes: {}})
  t.true(
    allJava.some((p) => p.file.startsWith('conf/namesrv')),
    'the name servers share 9876 on two addresses',
  )
  const single = await lab(t, '2m-2s-sync', 1)
  t.deepEqual(engineProblems(single.snapshot, {default: 'apache', nodes: {}}), [], 'one address, distinct ports: fine on the JVM')
  const notes = engineNotes(single.snapshot, {default: 'embedded', nodes: {'broker-a-slave': 'apache'}})
  t.deepEqual(
    notes.filter((n) => n.notes.length > 0).map((n) => n.node),
    ['broker-a-slave'],
  )
})
