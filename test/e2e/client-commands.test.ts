import test from 'ava'
import path from 'node:path'
import {freePort} from '../helpers/free-port.js'
import {guardLab, labPids, movePortsToFree, mqlab, processAlive, tempDir} from '../helpers/lab-cli.js'

// The client commands through the built CLI with --json, against a real lab (name servers and a broker
// as processes on free ports): send/consume exactly once, a second consume finds nothing new, topic
// create/list/route, cluster, a short bench, the error exits, and no process left behind.
test('send 1000 → consume 1000 exactly once → nothing new; topic create/list/route, cluster, bench; stopped lab and bad topics exit cleanly', async (t) => {
  const cwd = await tempDir(t, 'mqlab-client-e2e-')
  t.is((await mqlab(cwd, ['init', 'single', '--dir', 'lab'])).exitCode, 0)
  const lab = path.join(cwd, 'lab')
  const {namesrvAddr} = await movePortsToFree(lab)
  const guard = guardLab(t, lab)
  const up = await mqlab(cwd, ['up', '--dir', 'lab'])
  guard.track()
  t.is(up.exitCode, 0, up.stdout + up.stderr)

  const send = await mqlab(cwd, [
    'send',
    '--dir',
    'lab',
    '--topic',
    'ClientE2E',
    '-n',
    '1000',
    '--inflight',
    '8',
    '--body',
    'body {i}',
    '--tag',
    'TagA',
    '--key',
    'key-{i}',
  ])
  t.is(send.exitCode, 0, send.stdout.slice(0, 2000) + send.stderr)
  const summary = send.json.result.summary
  t.like(summary, {topic: 'ClientE2E', total: 1000, ok: 1000, failed: 0, byStatus: {SEND_OK: 1000}})
  t.true(summary.throughput > 0)
  t.true(summary.latency.p50 > 0 && summary.latency.p99 >= summary.latency.p50)
  const messages: any[] = send.json.result.messages
  t.is(messages.length, 1000)
  t.true(
    messages.every(
      (m, i) => m.index === i && m.status === 'SEND_OK' && m.brokerName === 'broker-a' && Number.isInteger(m.queueOffset) && typeof m.offsetMsgId === 'string',
    ),
  )
  const sent = new Map<string, number>(messages.map((m) => [m.msgId, m.index]))
  t.is(sent.size, 1000, 'every msgId is unique')

  const consume = await mqlab(cwd, ['consume', '--dir', 'lab', '--topic', 'ClientE2E', '-n', '1000', '--timeout', '60'])
  t.is(consume.exitCode, 0, consume.stdout.slice(0, 2000) + consume.stderr)
  const received: any[] = consume.json.result.messages
  t.is(received.length, 1000)
  t.is(new Set(received.map((m) => m.msgId)).size, 1000, 'no duplicates')
  t.deepEqual(received.map((m) => m.msgId).sort(), [...sent.keys()].sort(), 'exactly the messages sent')
  for (const m of received) {
    const i = sent.get(m.msgId)!
    if (m.body !== `body ${i}` || m.tags !== 'TagA' || m.keys[0] !== `key-${i}` || m.brokerName !== 'broker-a' || m.brokerId !== 0) {
      t.fail(`message ${i} came back as ${JSON.stringify(m)}`)
      break
    }
  }
  t.like(consume.json.result.summary, {count: 1000, stoppedBy: 'count', byBroker: {'broker-a/0': 1000}, caughtUp: false})

  // The rest reads or writes other topics and groups, so it runs side by side (each CLI run costs a process start).
  const [again, created, list, cluster, unknown, unknownConsume, badTopic, bench] = await Promise.all([
    mqlab(cwd, ['consume', '--dir', 'lab', '--topic', 'ClientE2E', '--timeout', '2']),
    mqlab(cwd, ['topic', 'create', 'ClientE2EEmpty', '--queues', '3', '--dir', 'lab']).then(async (create) => ({
      create,
      route: await mqlab(cwd, ['topic', 'route', 'ClientE2EEmpty', '--dir', 'lab']),
      empty: await mqlab(cwd, ['consume', '--dir', 'lab', '--topic', 'ClientE2EEmpty', '--group', 'empty-check', '--timeout', '2']),
    })),
    mqlab(cwd, ['topic', 'list', '--namesrv', namesrvAddr]),
    mqlab(cwd, ['cluster', '--dir', 'lab']),
    mqlab(cwd, ['topic', 'route', 'NoSuchTopic', '--dir', 'lab']),
    mqlab(cwd, ['consume', '--dir', 'lab', '--topic', 'NoSuchTopic', '--group', 'unknown-check', '--timeout', '2']),
    mqlab(cwd, ['send', '--dir', 'lab', '--topic', 'no spaces!']),
    mqlab(cwd, ['bench', '--dir', 'lab', '--topic', 'ClientE2EBench', '--duration', '1', '--inflight', '4', '--size', '256', '--probe']),
  ])
  t.is(again.exitCode, 0, again.stdout + again.stderr)
  t.deepEqual(again.json.result.messages, [], 'the committed offsets hold: nothing new')
  t.true(again.json.result.summary.caughtUp)

  const {create, route, empty} = created
  t.is(create.exitCode, 0, create.stdout + create.stderr)
  t.like(create.json.result, {topic: 'ClientE2EEmpty', readQueueNums: 3, writeQueueNums: 3, perm: 6})
  t.deepEqual(
    create.json.result.brokers.map((b: any) => [b.brokerName, b.ok]),
    [['broker-a', true]],
  )
  t.is(route.exitCode, 0)
  t.like(route.json.result.route.queueDatas[0], {brokerName: 'broker-a', readQueueNums: 3, writeQueueNums: 3, perm: 6})
  t.deepEqual(Object.keys(route.json.result.route.brokerDatas[0].brokerAddrs), ['0'])
  t.is(empty.exitCode, 12, empty.stdout + empty.stderr)
  t.is(empty.json.error?.code, 'EMPTY_TOPIC')
  t.deepEqual(empty.json.result.messages, [])

  t.is(list.exitCode, 0)
  t.true(list.json.result.topics.includes('ClientE2E'))
  t.is(cluster.exitCode, 0)
  t.is(cluster.json.result.brokers.length, 1)
  t.like(cluster.json.result.brokers[0], {cluster: 'DefaultCluster', brokerName: 'broker-a', brokerId: 0, version: 'V4_9_8'})
  t.is(unknown.exitCode, 11)
  t.is(unknown.json.error?.code, 'TOPIC_NOT_EXIST')
  t.is(unknownConsume.exitCode, 11)
  t.is(badTopic.exitCode, 2)
  t.is(badTopic.json.error?.code, 'INVALID_ARGUMENT')

  t.is(bench.exitCode, 0, bench.stdout.slice(0, 2000) + bench.stderr)
  const b = bench.json.result
  t.true(b.producer.sent > 0)
  t.is(b.producer.failed, 0)
  t.is(b.consumer.consumed, b.producer.ok + b.producer.degraded, 'consumed what the bench produced')
  t.true(b.probe.rate > 0 && b.ratios.produceToProbe > 0)

  const pids = guard.track()
  t.is((await mqlab(cwd, ['down', '--dir', 'lab'])).exitCode, 0)
  for (const pid of pids) t.false(processAlive(pid), `pid ${pid} is gone`)
  t.deepEqual(labPids(lab), [])

  const stopped = await mqlab(cwd, ['send', '--dir', 'lab', '--topic', 'ClientE2E'])
  t.is(stopped.exitCode, 9)
  t.is(stopped.json.error?.code, 'LAB_NOT_RUNNING')
  t.regex(stopped.json.error!.suggestion!, /mqlab up --dir lab/)
})

test('--namesrv at a dead port and a missing lab: clean errors with their exit codes, no stack trace', async (t) => {
  const cwd = await tempDir(t, 'mqlab-client-e2e-')
  const dead = `127.0.0.1:${await freePort()}`
  const commands = [
    ['send', '--topic', 'T'],
    ['consume', '--topic', 'T', '--timeout', '1'],
    ['topic', 'list'],
    ['topic', 'route', 'T'],
    ['topic', 'create', 'T'],
    ['cluster'],
    ['bench', '--duration', '1'],
  ]
  const runs = await Promise.all(commands.map((args) => mqlab(cwd, [...args, '--namesrv', dead])))
  for (const [i, args] of commands.entries()) {
    const run = runs[i]!
    t.is(run.exitCode, 10, `${args.join(' ')}: ${run.stdout}${run.stderr}`)
    t.is(run.json.error?.code, 'NAMESRV_UNREACHABLE', args.join(' '))
    t.true(run.json.error!.message.includes(dead))
    t.notRegex(run.stderr, /\n\s+at /, 'no stack trace')
  }
  const malformed = await mqlab(cwd, ['topic', 'list', '--namesrv', 'localhost'])
  t.is(malformed.exitCode, 2)
  const noLab = await mqlab(cwd, ['cluster', '--dir', 'nolab'])
  t.is(noLab.exitCode, 4)
  t.is(noLab.json.error?.code, 'LAB_NOT_FOUND')
})
