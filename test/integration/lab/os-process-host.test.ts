import test from 'ava'
import fs from 'node:fs'
import net from 'node:net'
import {once} from 'node:events'
import path from 'node:path'
import {DiskRunFiles} from '../../../src/lab/disk-run-files.js'
import {OsProcessHost} from '../../../src/lab/os-process-host.js'
import {NetPortProbe} from '../../../src/lab/port-check.js'
import {parseProcStat} from '../../../src/lab/proc-stat.js'
import {tempDir as makeTempDir} from '../../helpers/temp-dir.js'
import {waitUntil} from '../../helpers/wait-until.js'

const tempDir = (t: {teardown(fn: () => unknown): void}) => makeTempDir(t, 'mqlab-lab-int-')

// A child that logs to both streams, then idles until signalled.
const IDLER = "process.stdout.write('out line\\n'); process.stderr.write('err line\\n'); setInterval(() => {}, 1000)"

test('spawn: detached in its own process group, both streams appended to the log, state from /proc, signals to the group', async (t) => {
  const dir = await tempDir(t)
  const log = path.join(dir, 'node.log')
  fs.writeFileSync(log, 'earlier run\n')
  const host = new OsProcessHost()
  const child = host.spawn({command: process.execPath, args: ['-e', IDLER], cwd: dir, env: {PATH: process.env.PATH ?? ''}, logFile: log})
  t.teardown(() => {
    host.signalGroup(child.pid, 'SIGKILL')
  })
  const stat = parseProcStat(fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8'))!
  t.is(stat.pgid, child.pid, 'group leader of its own group')
  await waitUntil(() => fs.readFileSync(log, 'utf8').includes('err line'), 'both lines in the log', {timeoutMs: 15_000})
  const text = fs.readFileSync(log, 'utf8')
  t.true(text.startsWith('earlier run\n'), 'appended, not truncated')
  t.true(text.includes('out line'))
  t.is(host.inspect(child.pid)?.state, 'running')
  t.is(host.inspect(child.pid)?.startTime, stat.startTime)
  t.true(host.inspect(child.pid)?.command?.startsWith(`${process.execPath} -e`))

  t.true(host.signalGroup(child.pid, 'SIGSTOP'))
  await waitUntil(() => host.inspect(child.pid)?.state === 'paused', 'paused', {timeoutMs: 5_000})
  host.signalGroup(child.pid, 'SIGCONT')
  await waitUntil(() => host.inspect(child.pid)?.state === 'running', 'running again', {timeoutMs: 5_000})

  host.signalGroup(child.pid, 'SIGTERM')
  t.deepEqual(await child.exited, {code: null, signal: 'SIGTERM'})
  await waitUntil(() => host.inspect(child.pid) === undefined, 'gone', {timeoutMs: 5_000})
  t.false(host.signalGroup(child.pid, 'SIGTERM'), 'no such group any more')
})

test('NetPortProbe: a port with a listener is in use; once closed it is free', async (t) => {
  const server = net.createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as net.AddressInfo).port
  const probe = new NetPortProbe()
  const taken = await probe.check('127.0.0.1', port)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  // The listener is this test process: /proc names it (elsewhere it is "another process").
  t.false(taken.free)
  if (!taken.free) {
    if (taken.owner) {
      t.is(taken.owner.pid, process.pid)
      t.is(taken.reason, `is in use by pid ${process.pid} (${taken.owner.command.slice(0, 80)})`)
    } else t.is(taken.reason, 'is in use by another process')
  }
  t.deepEqual(await probe.check('127.0.0.1', port), {free: true})
})

test('DiskRunFiles: records round-trip atomically, clear removes pid file and record, tails read from the end', async (t) => {
  const dir = await tempDir(t)
  const files = new DiskRunFiles(dir)
  t.is(files.readPid('broker-a-master'), undefined)
  files.prepareStart('broker-a-master', '---- start 1')
  fs.writeFileSync(files.pidPath('broker-a-master'), '4242\n')
  files.writeRecord({node: 'broker-a-master', pid: 4242, startedAt: 1, command: ['node']})
  t.is(files.readPid('broker-a-master'), 4242)
  t.is(files.readRecord('broker-a-master')?.pid, 4242)
  t.deepEqual(files.nodesWithRunFiles(), ['broker-a-master'])
  t.deepEqual(fs.readdirSync(path.join(dir, 'run')).sort(), ['broker-a-master.json', 'broker-a-master.pid'], 'no temp file left')
  fs.writeFileSync(path.join(dir, 'run', 'namesrv-1.json'), '{torn')
  t.is(files.readRecord('namesrv-1'), undefined)
  files.clear('broker-a-master')
  t.is(files.readPid('broker-a-master'), undefined)
  t.true(fs.existsSync(path.join(dir, 'store', 'broker-a-master')), 'prepareStart made the store folder')

  const big = Array.from({length: 50_000}, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n') + '\n'
  fs.appendFileSync(files.logPath('broker-a-master'), big)
  t.deepEqual(files.tailLog('broker-a-master', 2), [`line 49998 ${'x'.repeat(40)}`, `line 49999 ${'x'.repeat(40)}`])
  t.is(files.tailLog('broker-a-master', 60_000)[0], '---- start 1')
  t.deepEqual(files.tailLog('nobody', 5), [])
})

test('followFile prints appended lines as they come, survives truncation, and stops on abort', async (t) => {
  const dir = await tempDir(t)
  const file = path.join(dir, 'node.log')
  fs.writeFileSync(file, 'old line\n')
  const seen: string[] = []
  const controller = new AbortController()
  // Each poll the "node" does one thing; the clock waits for nothing.
  const script = [
    () => fs.appendFileSync(file, 'first\nsecond, part'),
    () => fs.appendFileSync(file, ' two\n'),
    () => fs.writeFileSync(file, 'after truncation\n'),
    () => controller.abort(),
  ]
  const clock = {
    now: () => 0,
    sleep: async (_ms: number, signal?: AbortSignal) => {
      script.shift()?.()
      signal?.throwIfAborted()
    },
  }
  const {followFile} = await import('../../../src/lab/log-follow.js')
  await followFile(file, (line) => seen.push(line), clock, controller.signal)
  t.deepEqual(seen, ['first', 'second, part two', 'after truncation'])
})
