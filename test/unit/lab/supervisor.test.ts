import test from 'ava'
import {MqlabError} from '../../../src/errors/mqlab-error.js'
import {fakeLab, signalsSent, spawnOrder} from './lab-fakes.js'

const spec = (ctx: ReturnType<typeof fakeLab>['ctx'], name: string) => ctx.specs.find((s) => s.name === name)!

test("start waits for the pid file and the broker's registration with every name server, then reports ready", async (t) => {
  const {ctx, os, clock} = fakeLab('single')
  os.scripts.set('broker-a-master', {pidAfterMs: 300, registerAfterMs: 1_000})
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  await ctx.supervisor.start(spec(ctx, 'namesrv-2'))
  const began = clock.now()
  const outcome = await ctx.supervisor.start(spec(ctx, 'broker-a-master'))
  t.is(outcome.action, 'started')
  t.true(clock.now() - began >= 1_000, 'not ready before it registered')
  t.true(outcome.readyMs! >= 1_000 && outcome.readyMs! < 1_200)
  t.is(ctx.supervisor.status('broker-a-master').state, 'running')
  t.is(os.readRecord('broker-a-master')!.pid, outcome.pid)
  t.deepEqual(os.readRecord('broker-a-master')!.command, ['fake', 'mq', 'broker-a-master'])
})

test('a broker whose name servers are all down is ready once it answers, with a note', async (t) => {
  const {ctx} = fakeLab('single')
  const outcome = await ctx.supervisor.start(spec(ctx, 'broker-a-master'))
  t.is(outcome.action, 'started')
  t.regex(outcome.note ?? '', /no name server answered/)
})

test('start of a live node does nothing', async (t) => {
  const {ctx, os} = fakeLab('single')
  const first = await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  const again = await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  t.is(again.action, 'already-running')
  t.is(again.pid, first.pid)
  t.deepEqual(spawnOrder(os), ['namesrv-1'])
})

test('readiness has a deadline: a node that never gets ready is NODE_NOT_READY, stopped again, its log attached', async (t) => {
  const {ctx, os, clock} = fakeLab('single', {readyTimeoutMs: 5_000})
  os.scripts.set('broker-a-master', {registerAfterMs: Infinity})
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  await ctx.supervisor.start(spec(ctx, 'namesrv-2'))
  const began = clock.now()
  const err = await t.throwsAsync(ctx.supervisor.start(spec(ctx, 'broker-a-master')), {instanceOf: MqlabError})
  t.is(err!.code, 'NODE_NOT_READY')
  t.true(clock.now() - began >= 5_000)
  t.regex(err!.message, /not yet registered with 127\.0\.0\.1:9876, 127\.0\.0\.1:9877/)
  t.is(err!.details?.logPath, '/lab/logs/broker-a-master.log')
  t.true((err!.details?.lastLines as string[]).some((l) => l.includes('booting')))
  t.deepEqual(signalsSent(os), ['broker-a-master SIGTERM'])
  t.is(ctx.supervisor.status('broker-a-master').state, 'stopped')
})

test('a node that exits while starting is NODE_START_FAILED with its exit code and last log lines', async (t) => {
  const {ctx, os} = fakeLab('single')
  os.scripts.set('namesrv-1', {pidAfterMs: 1_000, exitAfterMs: 200, exitCode: 1})
  const err = await t.throwsAsync(ctx.supervisor.start(spec(ctx, 'namesrv-1')), {instanceOf: MqlabError})
  t.is(err!.code, 'NODE_START_FAILED')
  t.regex(err!.message, /exited with code 1 while starting/)
  t.deepEqual((err!.details?.lastLines as string[]).slice(-1), ['fatal: exiting with 1'])
  t.is(ctx.supervisor.status('namesrv-1').state, 'stopped', 'reported now, so not left as a crash')
})

test('a port held outside the lab stops start before anything is spawned', async (t) => {
  const {ctx, os} = fakeLab('single')
  os.busyPorts.add('127.0.0.1:10912')
  const err = await t.throwsAsync(ctx.supervisor.start(spec(ctx, 'broker-a-master')), {instanceOf: MqlabError})
  t.is(err!.code, 'PORT_IN_USE')
  t.regex(err!.message, /port 10912 on 127\.0\.0\.1 \(broker-a-master's haListenPort \(listenPort\+1\)\) is in use/)
  t.deepEqual(spawnOrder(os), [])
})

test('stop sends SIGTERM to the process group and clears the run files once the process is gone', async (t) => {
  const {ctx, os} = fakeLab('single')
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  const outcome = await ctx.supervisor.stop('namesrv-1')
  t.is(outcome.action, 'stopped')
  t.is(outcome.was, 'running')
  t.deepEqual(signalsSent(os), ['namesrv-1 SIGTERM'])
  t.deepEqual(os.nodesWithRunFiles(), [])
  t.deepEqual(os.livePids(), [])
  t.is((await ctx.supervisor.stop('namesrv-1')).action, 'already-stopped')
})

test('TERM → KILL: a node that ignores SIGTERM is SIGKILLed after the stop timeout', async (t) => {
  const {ctx, os, clock} = fakeLab('single', {stopTimeoutMs: 3_000})
  os.scripts.set('namesrv-1', {ignoresTerm: true})
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  const outcome = await ctx.supervisor.stop('namesrv-1')
  t.is(outcome.action, 'killed')
  t.deepEqual(signalsSent(os), ['namesrv-1 SIGTERM', 'namesrv-1 SIGKILL'])
  const [term, kill] = os.events.filter((e) => e.type === 'signal')
  t.true(kill!.t - term!.t >= 3_000, 'KILL only after the timeout')
  t.true(kill!.t - term!.t < 3_100)
  t.true(outcome.ms! >= 3_000)
  t.deepEqual(os.livePids(), [])
  t.true(clock.now() > 0)
})

test('stopping a paused node also sends SIGCONT, so it can act on the SIGTERM', async (t) => {
  const {ctx, os} = fakeLab('single')
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  await ctx.supervisor.pause('namesrv-1')
  const outcome = await ctx.supervisor.stop('namesrv-1')
  t.is(outcome.action, 'stopped')
  t.is(outcome.was, 'paused')
  t.deepEqual(signalsSent(os), ['namesrv-1 SIGSTOP', 'namesrv-1 SIGTERM', 'namesrv-1 SIGCONT'])
})

test('a process gone without a stop is crashed, with its last log lines and log path', async (t) => {
  const {ctx, os} = fakeLab('single')
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  os.crash('namesrv-1')
  const status = ctx.supervisor.status('namesrv-1')
  t.is(status.state, 'crashed')
  const report = ctx.supervisor.crashReport('namesrv-1')
  t.is(report.logPath, '/lab/logs/namesrv-1.log')
  t.is(report.lastLines.at(-1), 'java.lang.OutOfMemoryError: simulated')
  t.is(report.signalled, null)
})

test('a reused pid (another start time) is not the node: crashed', async (t) => {
  const {ctx, os} = fakeLab('single')
  const {pid} = await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  os.writeRecord({...os.readRecord('namesrv-1')!, startTime: 1})
  t.is(ctx.supervisor.status('namesrv-1').state, 'crashed')
  t.truthy(os.inspect(pid))
})

test('start of a crashed node reports the crash, then starts it again; stop of a crashed node clears it', async (t) => {
  const {ctx, os} = fakeLab('single')
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  os.crash('namesrv-1')
  const again = await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  t.is(again.action, 'started')
  t.is(again.previousCrash?.lastLines.at(-1), 'java.lang.OutOfMemoryError: simulated')
  os.crash('namesrv-1')
  const stop = await ctx.supervisor.stop('namesrv-1')
  t.is(stop.action, 'cleared-crash')
  t.is(ctx.supervisor.status('namesrv-1').state, 'stopped')
})

test('kill sends SIGKILL by default and the node is then crashed, marked as asked for', async (t) => {
  const {ctx, os} = fakeLab('single')
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  const outcome = await ctx.supervisor.signal('namesrv-1', 'SIGKILL')
  t.is(outcome.state, 'crashed')
  t.deepEqual(signalsSent(os), ['namesrv-1 SIGKILL'])
  t.is(ctx.supervisor.crashReport('namesrv-1').signalled, 'SIGKILL')
})

test('kill --signal SIGTERM waits for the graceful exit, which is a clean stop, not a crash', async (t) => {
  const {ctx} = fakeLab('single')
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  const outcome = await ctx.supervisor.signal('namesrv-1', 'SIGTERM')
  t.is(outcome.state, 'stopped')
  t.is(ctx.supervisor.status('namesrv-1').state, 'stopped')
})

test('kill, pause and resume of a node that is not running are NODE_NOT_RUNNING', async (t) => {
  const {ctx} = fakeLab('single')
  for (const act of [() => ctx.supervisor.signal('namesrv-1', 'SIGKILL'), () => ctx.supervisor.pause('namesrv-1'), () => ctx.supervisor.resume('namesrv-1')]) {
    const err = await t.throwsAsync(act(), {instanceOf: MqlabError})
    t.is(err!.code, 'NODE_NOT_RUNNING')
    t.regex(err!.message, /it is stopped/)
  }
})

test('pause is SIGSTOP and shows as paused; resume is SIGCONT; both are idempotent', async (t) => {
  const {ctx, os} = fakeLab('single')
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  const paused = await ctx.supervisor.pause('namesrv-1')
  t.is(paused.state, 'paused')
  t.false(paused.unchanged)
  t.is(ctx.supervisor.status('namesrv-1').state, 'paused')
  t.true((await ctx.supervisor.pause('namesrv-1')).unchanged)
  const resumed = await ctx.supervisor.resume('namesrv-1')
  t.is(resumed.state, 'running')
  t.true((await ctx.supervisor.resume('namesrv-1')).unchanged)
  t.deepEqual(signalsSent(os), ['namesrv-1 SIGSTOP', 'namesrv-1 SIGCONT'])
})

test('an abort during readiness is INTERRUPTED and leaves no process behind', async (t) => {
  const {ctx, os, clock} = fakeLab('single')
  os.scripts.set('namesrv-1', {pidAfterMs: 10_000})
  const controller = new AbortController()
  clock.onAdvance(() => {
    if (os.livePids().length > 0 && !controller.signal.aborted) controller.abort(new MqlabError('INTERRUPTED', 'interrupted (SIGINT)'))
  })
  const err = await t.throwsAsync(ctx.supervisor.start(spec(ctx, 'namesrv-1'), {signal: controller.signal}), {instanceOf: MqlabError})
  t.is(err!.code, 'INTERRUPTED')
  t.deepEqual(os.livePids(), [])
  t.deepEqual(os.nodesWithRunFiles(), [])
})

test('kill --signal SIGTERM to a paused node returns at once: the signal stays pending until resume', async (t) => {
  const {ctx, clock} = fakeLab('single', {stopTimeoutMs: 10_000})
  await ctx.supervisor.start(spec(ctx, 'namesrv-1'))
  await ctx.supervisor.pause('namesrv-1')
  const began = clock.now()
  const outcome = await ctx.supervisor.signal('namesrv-1', 'SIGTERM')
  t.is(outcome.state, 'paused')
  t.true(clock.now() - began < 1_000)
  await ctx.supervisor.resume('namesrv-1')
  await clock.sleep(500) // its graceful shutdown takes a moment once it runs again
  t.is(ctx.supervisor.status('namesrv-1').state, 'crashed', 'the pending SIGTERM took effect on SIGCONT')
})
