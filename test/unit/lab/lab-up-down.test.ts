import test from 'ava'
import {MqlabError} from '../../../src/errors/mqlab-error.js'
import {runDown} from '../../../src/lab/lab-down.js'
import {runUp, type UpEvent} from '../../../src/lab/lab-up.js'
import {fakeLab, signalsSent, spawnOrder} from './lab-fakes.js'

test('up starts name servers, then masters, then slaves, each step after the previous one is ready', async (t) => {
  const {ctx, os} = fakeLab('2m-2s-sync')
  os.scripts.set('broker-a-master', {registerAfterMs: 700})
  const result = await runUp(ctx)
  const spawnTime = new Map(os.events.filter((e) => e.type === 'spawn').map((e) => [e.node, e.t]))
  t.deepEqual(spawnOrder(os).slice(0, 2).sort(), ['namesrv-1', 'namesrv-2'])
  t.deepEqual(spawnOrder(os).slice(2, 4).sort(), ['broker-a-master', 'broker-b-master'])
  t.deepEqual(spawnOrder(os).slice(4).sort(), ['broker-a-slave', 'broker-b-slave'])
  // One step's nodes start together; the next step waits for the slowest (broker-a-master registers after 700 ms).
  t.is(spawnTime.get('namesrv-1'), spawnTime.get('namesrv-2'))
  t.is(spawnTime.get('broker-a-master'), spawnTime.get('broker-b-master'))
  t.true(spawnTime.get('broker-a-slave')! - spawnTime.get('broker-a-master')! >= 700)
  t.is(result.started.length, 6)
  t.deepEqual(result.alreadyRunning, [])
  t.true(result.nodes.every((n) => n.state === 'running'))
  t.deepEqual(
    result.nodes.map((n) => `${n.name}:${n.role}:${n.roleSource}`),
    [
      'namesrv-1:namesrv:file',
      'namesrv-2:namesrv:file',
      'broker-a-master:master:namesrv',
      'broker-a-slave:slave:namesrv',
      'broker-b-master:master:namesrv',
      'broker-b-slave:slave:namesrv',
    ],
  )
  t.is(result.nodes.find((n) => n.name === 'broker-a-master')!.commitLogMaxOffset, 4096)
})

test('up is idempotent: a second run starts nothing and leaves running nodes alone', async (t) => {
  const {ctx, os} = fakeLab('2m-2s-sync')
  await runUp(ctx)
  const spawned = spawnOrder(os).length
  const again = await runUp(ctx)
  t.is(spawnOrder(os).length, spawned)
  t.deepEqual(again.started, [])
  t.is(again.alreadyRunning.length, 6)
  t.deepEqual(signalsSent(os), [])
})

test('up starts only what is missing, reporting and restarting a crashed node; paused nodes are left alone', async (t) => {
  const {ctx, os} = fakeLab('2m-noslave')
  await runUp(ctx)
  os.crash('broker-b-master')
  await ctx.supervisor.pause('broker-a-master')
  const again = await runUp(ctx)
  t.deepEqual(
    again.started.map((s) => s.node),
    ['broker-b-master'],
  )
  t.deepEqual(
    again.previouslyCrashed.map((c) => c.node),
    ['broker-b-master'],
  )
  t.is(again.previouslyCrashed[0]!.lastLines.at(-1), 'java.lang.OutOfMemoryError: simulated')
  t.is(ctx.supervisor.status('broker-a-master').state, 'paused')
})

test('a port held outside the lab makes up fail before anything starts, naming every port and node', async (t) => {
  const {ctx, os} = fakeLab('2m-2s-sync')
  os.busyPorts.add('127.0.0.1:9877')
  os.busyPorts.add('127.0.0.1:10919')
  const err = await t.throwsAsync(runUp(ctx), {instanceOf: MqlabError})
  t.is(err!.code, 'PORT_IN_USE')
  t.regex(err!.message, /port 9877 on 127\.0\.0\.1 \(namesrv-2's listenPort\)/)
  t.regex(err!.message, /port 10919 on 127\.0\.0\.1 \(broker-a-slave's fast channel \(listenPort-2\)\)/)
  t.deepEqual(spawnOrder(os), [])
})

test('ports of nodes already running are not checked again (their own listeners hold them)', async (t) => {
  const {ctx, os} = fakeLab('single')
  await runUp(ctx)
  os.busyPorts.add('127.0.0.1:9876')
  const again = await runUp(ctx)
  t.deepEqual(again.started, [])
})

test('a node failing in a step rolls back everything this run started, and the error names the node', async (t) => {
  const {ctx, os} = fakeLab('2m-2s-sync', {readyTimeoutMs: 3_000})
  os.scripts.set('broker-b-master', {exitAfterMs: 150, exitCode: 1, pidAfterMs: 1_000})
  const events: UpEvent[] = []
  const err = await t.throwsAsync(runUp(ctx, {onEvent: (e) => events.push(e)}), {instanceOf: MqlabError})
  t.is(err!.code, 'NODE_START_FAILED')
  t.regex(err!.message, /^broker-b-master exited with code 1 while starting/)
  t.deepEqual(os.livePids(), [])
  t.deepEqual(os.nodesWithRunFiles(), [])
  t.false(spawnOrder(os).includes('broker-a-slave'), 'the next step never started')
  t.true(events.some((e) => e.type === 'node' && e.node === 'broker-b-master' && e.phase === 'failed'))
  t.true(events.some((e) => e.type === 'node' && e.node === 'namesrv-1' && e.phase === 'rolled-back'))
})

test('up does not roll back nodes that were running before it', async (t) => {
  const {ctx, os} = fakeLab('single', {readyTimeoutMs: 2_000})
  await ctx.supervisor.start(ctx.specs.find((s) => s.name === 'namesrv-1')!)
  os.scripts.set('broker-a-master', {registerAfterMs: Infinity})
  const err = await t.throwsAsync(runUp(ctx), {instanceOf: MqlabError})
  t.is(err!.code, 'NODE_NOT_READY')
  t.is(ctx.supervisor.status('namesrv-1').state, 'running')
  t.is(ctx.supervisor.status('namesrv-2').state, 'stopped')
})

test('Ctrl-C during up (an abort) stops every node this run started: no orphans', async (t) => {
  const {ctx, os, clock} = fakeLab('2m-2s-sync')
  os.scripts.set('broker-a-master', {registerAfterMs: 60_000})
  const controller = new AbortController()
  clock.onAdvance(() => {
    if (spawnOrder(os).includes('broker-b-master') && !controller.signal.aborted) controller.abort(new MqlabError('INTERRUPTED', 'interrupted (SIGINT)'))
  })
  const err = await t.throwsAsync(runUp(ctx, {signal: controller.signal}), {instanceOf: MqlabError})
  t.is(err!.code, 'INTERRUPTED')
  t.regex(err!.message, /the 4 nodes this run started were stopped again/)
  t.deepEqual(os.livePids(), [])
  t.deepEqual(os.nodesWithRunFiles(), [])
})

test('down stops brokers before name servers, slaves before masters, and succeeds on a stopped lab', async (t) => {
  const {ctx, os} = fakeLab('2m-2s-sync')
  await runUp(ctx)
  const result = await runDown(ctx, {clean: false})
  const terms = signalsSent(os).map((s) => s.split(' ')[0]!)
  t.deepEqual(terms.slice(0, 2).sort(), ['broker-a-slave', 'broker-b-slave'])
  t.deepEqual(terms.slice(2, 4).sort(), ['broker-a-master', 'broker-b-master'])
  t.deepEqual(terms.slice(4).sort(), ['namesrv-1', 'namesrv-2'])
  t.true(result.nodes.every((n) => n.action === 'stopped'))
  t.deepEqual(os.livePids(), [])
  const again = await runDown(ctx, {clean: false})
  t.true(again.nodes.every((n) => n.action === 'already-stopped'))
})

test('down reports crashed nodes and stops nodes whose conf file is gone (run files only)', async (t) => {
  const {ctx, os} = fakeLab('single')
  await runUp(ctx)
  os.crash('broker-a-master')
  // A node started from a conf file that was deleted since: only its run files know it.
  const stray = os.spawn({command: 'fake', args: ['mq', 'namesrv-1'], cwd: '/lab', env: {}, logFile: ''})
  os.writeRecord({node: 'namesrv-9', pid: stray.pid, startedAt: 0, command: [], startTime: os.inspect(stray.pid)!.startTime!})
  const result = await runDown(ctx, {clean: false})
  t.deepEqual(
    result.crashed.map((c) => c.node),
    ['broker-a-master'],
  )
  t.is(result.nodes[0]!.node, 'namesrv-9')
  t.is(result.nodes[0]!.action, 'stopped')
  t.deepEqual(os.livePids(), [])
})
