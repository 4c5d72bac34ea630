import test from 'ava'
import {execFile} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {guardLab, movePortsToFree, mqlab, tempDir} from '../helpers/lab-cli.js'

const cli = fileURLToPath(new URL('../../../bin/run.js', import.meta.url))

/** Runs the CLI as a user would in an 80-column terminal (text output, no --json). */
function mqlabText(cwd: string, args: string[]): Promise<{exitCode: number; stdout: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], {cwd, timeout: 60_000, env: {...process.env, NO_COLOR: '1', COLUMNS: '80'}}, (error, stdout) => {
      resolve({exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout})
    })
  })
}

// The operator's views through the built CLI on a real 2m-2s-sync lab (processes on free ports):
// topic status, group list/progress/connections/reset-offset, message by offset id, client id, key and
// queue offset, topic delete — then with broker-a's master killed, the same views answered by its slave.
test('topic status, group views, reset-offset, message lookups and topic delete; with a master killed its slave answers', async (t) => {
  const cwd = await tempDir(t, 'mqlab-admin-e2e-')
  t.is((await mqlab(cwd, ['init', '2m-2s-sync', '--namesrv', '1', '--dir', 'lab'])).exitCode, 0)
  const lab = path.join(cwd, 'lab')
  await movePortsToFree(lab)
  const guard = guardLab(t, lab)
  const up = await mqlab(cwd, ['up', '--dir', 'lab'], {timeoutMs: 120_000})
  guard.track()
  t.is(up.exitCode, 0, up.stdout + up.stderr)
  t.teardown(() => mqlab(cwd, ['down', '--dir', 'lab']))

  t.is((await mqlab(cwd, ['topic', 'create', 'AdminE2E', '--queues', '2', '--dir', 'lab'])).exitCode, 0)
  const send = await mqlab(cwd, ['send', '--dir', 'lab', '--topic', 'AdminE2E', '-n', '20', '--body', 'b{i}', '--key', 'k{i}'])
  t.is(send.exitCode, 0, send.stderr)
  const sent: Array<{index: number; msgId: string; offsetMsgId: string; brokerName: string; queueId: number; queueOffset: number}> = send.json.result.messages
  const consume = await mqlab(cwd, ['consume', '--dir', 'lab', '--topic', 'AdminE2E', '--group', 'GE2E', '-n', '10', '--timeout', '30'])
  t.is(consume.exitCode, 0, consume.stderr)

  const status = await mqlab(cwd, ['topic', 'status', 'AdminE2E', '--dir', 'lab'])
  t.is(status.exitCode, 0, status.stderr)
  t.is(status.json.result.totalMessages, 20)
  t.deepEqual(
    status.json.result.queues.map((q: any) => `${q.brokerName}/${q.queueId}`),
    ['broker-a/0', 'broker-a/1', 'broker-b/0', 'broker-b/1'],
  )
  t.deepEqual(
    status.json.result.answeredBy.map((a: any) => a.brokerId),
    [0, 0],
  )

  const [list, progress, connections, unknownStatus] = await Promise.all([
    mqlab(cwd, ['group', 'list', '--dir', 'lab']),
    mqlab(cwd, ['group', 'progress', 'GE2E', '--dir', 'lab']),
    mqlab(cwd, ['group', 'connections', 'GE2E', '--dir', 'lab']),
    mqlab(cwd, ['topic', 'status', 'NoSuchTopic', '--dir', 'lab']),
  ])
  t.is(list.exitCode, 0)
  t.true(
    list.json.result.groups.some((g: any) => g.group === 'GE2E' && g.diff === 10),
    JSON.stringify(list.json),
  )
  t.false(
    list.json.result.groups.some((g: any) => g.group === 'TOOLS_CONSUMER'),
    'system groups only with --system',
  )
  t.is(progress.exitCode, 0)
  t.is(progress.json.result.totalDiff, 10)
  t.is(
    progress.json.result.queues.reduce((n: number, q: any) => n + q.consumerOffset, 0),
    10,
  )
  t.is(connections.exitCode, 16, 'the consume command has exited: no client online')
  t.is(connections.json.error?.code, 'CONSUMER_NOT_ONLINE')
  t.is(unknownStatus.exitCode, 11)

  const a = sent.find((m) => m.brokerName === 'broker-a')!
  const [byOffsetId, byClientId, byKey, byQueue, missing, noTopic] = await Promise.all([
    mqlab(cwd, ['message', '--id', a.offsetMsgId, '--dir', 'lab']),
    mqlab(cwd, ['message', '--topic', 'AdminE2E', '--id', a.msgId, '--dir', 'lab']),
    mqlab(cwd, ['message', '--topic', 'AdminE2E', '--key', `k${a.index}`, '--dir', 'lab']),
    mqlab(cwd, ['message', '--topic', 'AdminE2E', '--queue', String(a.queueId), '--offset', String(a.queueOffset), '--broker', 'broker-a', '--dir', 'lab']),
    mqlab(cwd, ['message', '--topic', 'AdminE2E', '--key', 'no-such-key', '--dir', 'lab']),
    mqlab(cwd, ['message', '--key', 'k1', '--dir', 'lab']),
  ])
  for (const [name, r] of [
    ['offset id', byOffsetId],
    ['client id', byClientId],
    ['key', byKey],
    ['queue offset', byQueue],
  ] as const) {
    t.is(r.exitCode, 0, `${name}: ${r.stdout}`)
    t.deepEqual(
      r.json.result.messages.map((m: any) => [m.body, m.properties.UNIQ_KEY, m.servedBy.brokerName, m.servedBy.brokerId]),
      [[`b${a.index}`, a.msgId, 'broker-a', 0]],
      name,
    )
  }
  t.is(missing.exitCode, 16)
  t.is(missing.json.error?.code, 'MESSAGE_NOT_FOUND')
  t.is(noTopic.exitCode, 2)

  const reset = await mqlab(cwd, ['group', 'reset-offset', 'GE2E', '--topic', 'AdminE2E', '--to', 'first', '--dir', 'lab'])
  t.is(reset.exitCode, 0, reset.stdout)
  t.true(reset.json.result.brokers.every((b: any) => b.ok && b.via === 'committed'))
  t.is((await mqlab(cwd, ['group', 'progress', 'GE2E', '--dir', 'lab'])).json.result.totalDiff, 20)
  t.is((await mqlab(cwd, ['group', 'reset-offset', 'GE2E', '--topic', 'AdminE2E', '--to', 'yesterday-ish', '--dir', 'lab'])).exitCode, 2)

  // A consumer online: its connection, the queues allocated to it, and a reset pushed through the brokers.
  const live = execFile(process.execPath, [cli, 'consume', '--dir', 'lab', '--topic', 'AdminE2E', '--group', 'GLIVE', '--timeout', '60', '--json'], {
    cwd,
    env: {...process.env, NO_COLOR: '1'},
  })
  const liveExit = new Promise((resolve) => live.once('exit', resolve))
  t.teardown(() => void live.kill('SIGKILL'))
  let conn = await mqlab(cwd, ['group', 'connections', 'GLIVE', '--dir', 'lab'])
  for (let i = 0; i < 40 && conn.exitCode !== 0; i++) {
    await new Promise((r) => setTimeout(r, 500))
    conn = await mqlab(cwd, ['group', 'connections', 'GLIVE', '--dir', 'lab'])
  }
  t.is(conn.exitCode, 0, conn.stdout)
  t.is(conn.json.result.connectionSet.length, 1)
  t.true(Object.keys(conn.json.result.subscriptionTable).includes('AdminE2E'), 'it subscribes the topic (and its %RETRY% topic, as Java consumers do)')
  const clientId = conn.json.result.connectionSet[0].clientId
  // Wait until the consumer has read and committed everything (the broker's reset needs an offset on every queue).
  let liveProgress = await mqlab(cwd, ['group', 'progress', 'GLIVE', '--topic', 'AdminE2E', '--dir', 'lab'])
  for (let i = 0; i < 40 && !(liveProgress.json.result.queues.length === 4 && liveProgress.json.result.totalDiff === 0); i++) {
    await new Promise((r) => setTimeout(r, 500))
    liveProgress = await mqlab(cwd, ['group', 'progress', 'GLIVE', '--topic', 'AdminE2E', '--dir', 'lab'])
  }
  t.is(liveProgress.json.result.totalDiff, 0, JSON.stringify(liveProgress.json.result.queues))
  t.true(
    liveProgress.json.result.queues.length > 0 && liveProgress.json.result.queues.every((q: any) => q.clientId === clientId),
    'one client holds every queue',
  )
  const liveReset = await mqlab(cwd, ['group', 'reset-offset', 'GLIVE', '--topic', 'AdminE2E', '--to', 'last', '--dir', 'lab'])
  t.is(liveReset.exitCode, 0, liveReset.stdout)
  t.true(
    liveReset.json.result.brokers.every((b: any) => b.via === 'clients'),
    'the brokers pushed the offsets to the online client',
  )
  live.kill('SIGINT')
  await liveExit

  // broker-a's master crashes: its slave answers the views and serves its messages.
  t.is((await mqlab(cwd, ['kill', 'broker-a-master', '--dir', 'lab'])).exitCode, 0)
  const after = await mqlab(cwd, ['topic', 'status', 'AdminE2E', '--dir', 'lab'])
  t.is(after.exitCode, 0)
  t.deepEqual(
    after.json.result.answeredBy.map((x: any) => [x.brokerName, x.brokerId]),
    [
      ['broker-a', 1],
      ['broker-b', 0],
    ],
  )
  t.is(after.json.result.totalMessages, 20)
  const fromSlave = await mqlab(cwd, ['message', '--id', a.offsetMsgId, '--dir', 'lab'])
  t.is(fromSlave.exitCode, 0)
  t.deepEqual(
    fromSlave.json.result.messages.map((m: any) => [m.body, m.servedBy.brokerId]),
    [[`b${a.index}`, 1]],
    'the id names the dead master; its slave holds the record at the same offset',
  )
  const keyFromSlave = await mqlab(cwd, ['message', '--topic', 'AdminE2E', '--key', `k${a.index}`, '--dir', 'lab'])
  t.deepEqual(
    keyFromSlave.json.result.messages.map((m: any) => m.servedBy.brokerId),
    [1],
    'the slave built its own index from the replicated commitlog',
  )
  const progressAfter = await mqlab(cwd, ['group', 'progress', 'GE2E', '--dir', 'lab'])
  t.deepEqual(
    progressAfter.json.result.answeredBy.map((x: any) => [x.brokerName, x.brokerId]),
    [
      ['broker-a', 1],
      ['broker-b', 0],
    ],
  )

  // As printed at 80 columns.
  for (const args of [
    ['topic', 'status', 'AdminE2E'],
    ['group', 'progress', 'GE2E'],
    ['group', 'list'],
  ]) {
    const text = await mqlabText(cwd, [...args, '--dir', 'lab'])
    t.is(text.exitCode, 0)
    const wide = text.stdout.split('\n').filter((l) => [...l].length > 80)
    t.deepEqual(wide, [], `mqlab ${args.join(' ')} fits 80 columns`)
    t.log(`$ mqlab ${args.join(' ')}\n${text.stdout}`)
  }

  const del = await mqlab(cwd, ['topic', 'delete', 'AdminE2E', '--dir', 'lab'])
  t.is(del.exitCode, 0, del.stdout)
  t.deepEqual(
    del.json.result.outcomes.map((o: any) => [o.kind, o.name]),
    [
      ['broker', 'broker-b'],
      ['namesrv', del.json.result.outcomes[1].addr],
    ],
    'only live masters are asked (broker-a has none now)',
  )
})
