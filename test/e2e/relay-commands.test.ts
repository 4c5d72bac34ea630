import fs from 'node:fs'
import path from 'node:path'
import test from 'ava'
import {MQAdmin} from '../../src/client/admin/mq-admin.js'
import {guardLab, movePortsToFree, mqlab, tempDir} from '../helpers/lab-cli.js'

// mqlab relays on / partition / heal / delay / relays off on a real lab: the links go through a detached
// relay daemon, a partition holds the traffic (a request through it gets no answer), heal restores it,
// and relays off writes the files back byte for byte.
test('relays on, partition client ~ namesrv-1 stalls name-server requests, heal restores them, relays off restores the files', async (t) => {
  t.timeout(120_000)
  const cwd = await tempDir(t, 'mqlab-relays-e2e-')
  t.is((await mqlab(cwd, ['init', 'single', '--dir', 'lab', '--namesrv', '1'])).exitCode, 0)
  const dir = path.join(cwd, 'lab')
  await movePortsToFree(dir)
  const conf = path.join(dir, 'conf', 'broker-a.properties')
  const before = fs.readFileSync(conf, 'utf8')
  const guard = guardLab(t, dir)
  t.teardown(async () => {
    await mqlab(cwd, ['down', '--dir', 'lab'], {timeoutMs: 60_000}).catch(() => undefined)
    await mqlab(cwd, ['relays', 'off', '--dir', 'lab']).catch(() => undefined)
  })
  const on = await mqlab(cwd, ['relays', 'on', '--dir', 'lab'])
  t.is(on.exitCode, 0, on.stdout)
  const relays = on.json.result
  t.deepEqual(relays.links.map((l: any) => `${l.from}->${l.to}:${l.kind}`).sort(), ['broker-a-master->namesrv-1:namesrv', 'client->namesrv-1:client-namesrv'])
  t.regex(fs.readFileSync(conf, 'utf8'), new RegExp(`namesrvAddr=${relays.links.find((l: any) => l.from === 'broker-a-master').address}`))
  t.is((await mqlab(cwd, ['relays', 'on', '--dir', 'lab'])).json.result.pid, relays.pid, 'idempotent')
  const up = await mqlab(cwd, ['up', '--dir', 'lab'], {timeoutMs: 90_000})
  guard.track()
  t.is(up.exitCode, 0, up.stdout)

  const admin = new MQAdmin({namesrvAddr: relays.clientNamesrvAddr, requestTimeoutMs: 800})
  t.teardown(() => admin.close())
  t.truthy((await admin.clusterInfo()).brokerAddrTable['broker-a'], 'the broker registered through its relay')

  const cut = await mqlab(cwd, ['partition', 'client', 'namesrv-1', '--dir', 'lab'])
  t.is(cut.exitCode, 0, cut.stdout)
  t.true(cut.json.result.lines.some((l: string) => /client → namesrv-1 .*STALLED \/ answers STALLED/.test(l)))
  await t.throwsAsync(() => admin.clusterInfo(), undefined, 'no answer across the partition')

  const heal = await mqlab(cwd, ['heal', '--dir', 'lab'])
  t.is(heal.exitCode, 0)
  t.truthy((await admin.clusterInfo()).brokerAddrTable['broker-a'], 'answers again after heal')

  const slow = await mqlab(cwd, ['delay', 'client', 'namesrv-1', '--ms', '150', '--jitter', '20', '--dir', 'lab'])
  t.true(slow.json.result.lines.some((l: string) => /client → namesrv-1 .*delay 150±20 ms/.test(l)))
  t.truthy((await admin.clusterInfo()).brokerAddrTable['broker-a'], 'a delayed link still answers')

  const bad = await mqlab(cwd, ['partition', 'client', 'broker-a-master', '--dir', 'lab'])
  t.is(bad.json.error?.code, 'INVALID_ARGUMENT')
  t.regex(bad.json.error!.message, /no relayed link between client and broker-a-master/)

  t.is((await mqlab(cwd, ['relays', 'on', '--dir', 'lab'])).exitCode, 0)
  t.is((await mqlab(cwd, ['down', '--dir', 'lab'], {timeoutMs: 60_000})).exitCode, 0)
  const off = await mqlab(cwd, ['relays', 'off', '--dir', 'lab'])
  t.true(off.json.result.stopped)
  t.is(fs.readFileSync(conf, 'utf8'), before, 'the file is back as it was')
  const noRelays = await mqlab(cwd, ['heal', '--dir', 'lab'])
  t.is(noRelays.json.error?.code, 'NODE_NOT_RUNNING')
})

test('relays on refuses a running lab', async (t) => {
  t.timeout(120_000)
  const cwd = await tempDir(t, 'mqlab-relays-e2e-')
  t.is((await mqlab(cwd, ['init', 'single', '--dir', 'lab', '--namesrv', '1'])).exitCode, 0)
  const dir = path.join(cwd, 'lab')
  await movePortsToFree(dir)
  const guard = guardLab(t, dir)
  t.teardown(() => mqlab(cwd, ['down', '--dir', 'lab'], {timeoutMs: 60_000}).catch(() => undefined))
  t.is((await mqlab(cwd, ['up', '--dir', 'lab'], {timeoutMs: 90_000})).exitCode, 0)
  guard.track()
  const on = await mqlab(cwd, ['relays', 'on', '--dir', 'lab'])
  t.is(on.exitCode, 15)
  t.is(on.json.error?.code, 'LAB_RUNNING')
})

test("experiment run on a running lab with relays on: the partition steps go through the lab's relay daemon", async (t) => {
  t.timeout(150_000)
  const cwd = await tempDir(t, 'mqlab-relays-e2e-')
  t.is((await mqlab(cwd, ['init', 'single', '--dir', 'lab', '--namesrv', '1'])).exitCode, 0)
  const dir = path.join(cwd, 'lab')
  await movePortsToFree(dir)
  const guard = guardLab(t, dir)
  t.teardown(async () => {
    await mqlab(cwd, ['down', '--dir', 'lab'], {timeoutMs: 60_000}).catch(() => undefined)
    await mqlab(cwd, ['relays', 'off', '--dir', 'lab']).catch(() => undefined)
  })
  t.is((await mqlab(cwd, ['relays', 'on', '--dir', 'lab'])).exitCode, 0)
  t.is((await mqlab(cwd, ['up', '--dir', 'lab'], {timeoutMs: 90_000})).exitCode, 0)
  guard.track()
  fs.writeFileSync(
    path.join(cwd, 'cut.yaml'),
    [
      'name: cut-namesrv',
      'workload: {inflight: 2}',
      'duration: 4s',
      'faults:',
      '  - at: 1s',
      '    partition: [broker-a-master, namesrv-1]',
      '  - at: 2s',
      '    heal: all',
      '',
    ].join('\n'),
  )
  const run = await mqlab(cwd, ['experiment', 'run', 'cut.yaml', '--dir', 'lab', '--fast'], {timeoutMs: 120_000})
  t.is(run.exitCode, 0, run.stdout)
  const result = run.json.result
  t.false(result.freshLab)
  t.deepEqual(
    result.timeline.map((s: any) => [s.action, s.error]),
    [
      ['partition', undefined],
      ['heal', undefined],
    ],
  )
  t.deepEqual(
    result.check.windows.map((w: any) => [w.target, w.end !== null]),
    [['broker-a-master~namesrv-1', true]],
  )
  t.is(result.check.queue.lost.length, 0)
  const lab = await mqlab(cwd, ['status', '--dir', 'lab'])
  t.true(
    lab.json.result.nodes.every((n: any) => n.state === 'running'),
    'the experiment left the running lab running',
  )
})
