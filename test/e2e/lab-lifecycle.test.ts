import test from 'ava'
import fs from 'node:fs'
import net from 'node:net'
import {once} from 'node:events'
import path from 'node:path'
import {guardLab, labPids, movePortsToFree, mqlab, processAlive, tempDir} from '../helpers/lab-cli.js'

// One lab through its whole life, through the built CLI with --json: up, idempotent up, status,
// pause/resume, a crash, a restart, down, and no process left behind.
test('single lab: up → status → up again → pause/resume → kill shows crashed → start → down leaves no process', async (t) => {
  const cwd = await tempDir(t)
  const init = await mqlab(cwd, ['init', 'single', '--dir', 'lab'])
  t.is(init.exitCode, 0, init.stdout)
  const lab = path.join(cwd, 'lab')
  await movePortsToFree(lab)
  const guard = guardLab(t, lab)

  const up = await mqlab(cwd, ['up', '--dir', 'lab'])
  guard.track()
  t.is(up.exitCode, 0, up.stdout + up.stderr)
  t.true(up.json.ok)
  t.is(up.json.result.created, null)
  t.deepEqual(up.json.result.started.map((s: any) => s.node).sort(), ['broker-a-master', 'namesrv-1', 'namesrv-2'])
  t.deepEqual(
    up.json.result.nodes.map((n: any) => [n.name, n.state]),
    [
      ['namesrv-1', 'running'],
      ['namesrv-2', 'running'],
      ['broker-a-master', 'running'],
    ],
  )
  const broker = up.json.result.nodes.find((n: any) => n.name === 'broker-a-master')
  t.is(broker.role, 'master')
  t.is(broker.roleSource, 'namesrv', 'the role comes from a name server: the broker registered')
  t.is(typeof broker.commitLogMaxOffset, 'number')
  const pids = new Map<string, number>(up.json.result.nodes.map((n: any) => [n.name, n.pid]))
  for (const [name, pid] of pids) {
    t.true(processAlive(pid), `${name} runs`)
    t.is(Number(fs.readFileSync(path.join(lab, 'run', `${name}.pid`), 'utf8').trim()), pid, `${name} wrote its pid file`)
    t.true(fs.existsSync(path.join(lab, 'logs', `${name}.log`)))
  }

  const status = await mqlab(cwd, ['status', '--dir', 'lab'])
  t.is(status.exitCode, 0)
  t.deepEqual(
    status.json.result.nodes.map((n: any) => n.pid),
    [...pids.values()],
  )
  t.true(status.json.result.nodes.every((n: any) => n.state === 'running' && n.uptimeMs >= 0))

  const again = await mqlab(cwd, ['up', '--dir', 'lab'])
  t.is(again.exitCode, 0)
  t.deepEqual(again.json.result.started, [])
  t.is(again.json.result.alreadyRunning.length, 3)
  t.deepEqual(
    again.json.result.nodes.map((n: any) => n.pid),
    [...pids.values()],
    'same processes',
  )

  const pause = await mqlab(cwd, ['pause', 'broker-a-master', '--dir', 'lab'])
  t.is(pause.exitCode, 0)
  t.is(pause.json.result.state, 'paused')
  t.like(pause.json.result.prediction, {kind: 'master', state: 'paused', node: 'broker-a-master'})
  t.like(pause.json.result.prediction.claims[0], {what: 'in-flight-sends', detail: 'time out, not retried'})
  const paused = await mqlab(cwd, ['status', '--dir', 'lab'])
  t.is(paused.json.result.nodes.find((n: any) => n.name === 'broker-a-master').state, 'paused')
  const resume = await mqlab(cwd, ['resume', 'broker-a-master', '--dir', 'lab'])
  t.is(resume.json.result.state, 'running')

  const kill = await mqlab(cwd, ['kill', 'broker-a-master', '--dir', 'lab'])
  t.is(kill.exitCode, 0)
  t.is(kill.json.result.signal.signal, 'SIGKILL')
  t.is(kill.json.result.state, 'crashed')
  t.false(processAlive(pids.get('broker-a-master')!))
  const crashed = await mqlab(cwd, ['status', '--dir', 'lab'])
  const row = crashed.json.result.nodes.find((n: any) => n.name === 'broker-a-master')
  t.is(row.state, 'crashed')
  t.is(crashed.json.result.crashed[0].node, 'broker-a-master')
  t.is(crashed.json.result.crashed[0].signalled, 'SIGKILL')
  t.is(crashed.json.result.crashed[0].logPath, path.join(lab, 'logs', 'broker-a-master.log'))
  t.true(crashed.json.result.crashed[0].lastLines.length > 0)

  const start = await mqlab(cwd, ['start', 'broker-a-master', '--dir', 'lab'])
  guard.track()
  t.is(start.exitCode, 0, start.stdout + start.stderr)
  t.is(start.json.result.start.action, 'started')
  t.is(start.json.result.start.previousCrash.node, 'broker-a-master')
  t.is(start.json.result.state, 'running')
  t.not(start.json.result.pid, pids.get('broker-a-master'))

  const allPids = guard.track()
  t.true(allPids.length >= 4)
  const down = await mqlab(cwd, ['down', '--dir', 'lab'])
  t.is(down.exitCode, 0, down.stdout + down.stderr)
  t.deepEqual(down.json.result.nodes.map((n: any) => n.action).sort(), ['stopped', 'stopped', 'stopped'])
  for (const pid of allPids) t.false(processAlive(pid), `pid ${pid} is gone`)
  t.deepEqual(labPids(lab), [], 'run/ is empty')
  t.true(fs.readdirSync(path.join(lab, 'store', 'broker-a-master')).length > 0, 'down keeps the data')

  const downAgain = await mqlab(cwd, ['down', '--dir', 'lab', '--clean'])
  t.is(downAgain.exitCode, 0)
  t.true(downAgain.json.result.nodes.every((n: any) => n.action === 'already-stopped'))
  t.deepEqual(downAgain.json.result.deleted.sort(), ['logs/', 'run/', 'store/'])
  t.deepEqual(fs.readdirSync(path.join(lab, 'store')), [])
  t.true(fs.existsSync(path.join(lab, 'conf', 'broker-a.properties')), '--clean keeps conf/')
})

test('a port held by an outside listener makes up fail before anything starts, naming the port and the node', async (t) => {
  const cwd = await tempDir(t)
  await mqlab(cwd, ['init', 'single', '--dir', 'lab'])
  const lab = path.join(cwd, 'lab')
  await movePortsToFree(lab)
  const guard = guardLab(t, lab)
  const listenPort = Number(/^listenPort=(\d+)$/m.exec(fs.readFileSync(path.join(lab, 'conf', 'broker-a.properties'), 'utf8'))![1])
  const outsider = net.createServer()
  outsider.listen(listenPort + 1, '127.0.0.1')
  await once(outsider, 'listening')
  t.teardown(() => new Promise<void>((resolve) => outsider.close(() => resolve())))

  const up = await mqlab(cwd, ['up', '--dir', 'lab'])
  guard.track()
  t.is(up.exitCode, 8)
  t.is(up.json.error?.code, 'PORT_IN_USE')
  t.regex(up.json.error!.message, new RegExp(`port ${listenPort + 1} on 127\\.0\\.0\\.1 \\(broker-a-master's haListenPort`))
  t.deepEqual(labPids(lab), [], 'nothing was started')
  t.deepEqual(guard.seen.size, 0)
})

test('bad input: unknown node suggests the nearest, no lab is LAB_NOT_FOUND, a stopped node cannot be paused', async (t) => {
  const cwd = await tempDir(t)
  const none = await mqlab(cwd, ['status', '--dir', 'nolab'])
  t.is(none.exitCode, 4)
  t.is(none.json.error?.code, 'LAB_NOT_FOUND')
  await mqlab(cwd, ['init', 'single', '--dir', 'lab'])
  const typo = await mqlab(cwd, ['kill', 'broker-a-mastr', '--dir', 'lab'])
  t.is(typo.exitCode, 2)
  t.is(typo.json.error?.code, 'UNKNOWN_NODE')
  t.is(typo.json.error?.details.nearest, 'broker-a-master')
  const stopped = await mqlab(cwd, ['pause', 'namesrv-1', '--dir', 'lab'])
  t.is(stopped.exitCode, 9)
  t.is(stopped.json.error?.code, 'NODE_NOT_RUNNING')
  const stop = await mqlab(cwd, ['stop', 'namesrv-1', '--dir', 'lab'])
  t.is(stop.exitCode, 0)
  t.is(stop.json.result.stop.action, 'already-stopped')
  const badSignal = await mqlab(cwd, ['kill', 'namesrv-1', '--signal', 'SIGFOO', '--dir', 'lab'])
  t.is(badSignal.json.error?.code, 'USAGE')
})
