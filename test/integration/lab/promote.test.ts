// mqlab promote's procedure on real conf files in a temp lab folder, with simulated processes (the
// supervisor's FakeOs in virtual time): refusal while the master lives, the stop → rewrite → start →
// "listed as brokerId 0" sequence, the exact diff, and the former master refused by start afterwards.
import test from 'ava'
import fs from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {MqlabError} from '../../../src/errors/mqlab-error.js'
import {contextFor} from '../../../src/lab/lab-context.js'
import {startNode, killNode} from '../../../src/lab/lab-node-control.js'
import {promoteNode} from '../../../src/lab/lab-promote.js'
import {runUp} from '../../../src/lab/lab-up.js'
import {nodeSpecs} from '../../../src/lab/lab-node-spec.js'
import {readLab} from '../../../src/topology/lab-reader.js'
import {checkTopology} from '../../../src/topology/validate-lab.js'
import {FakeOs, ManualClock, signalsSent, spawnOrder} from '../../unit/lab/lab-fakes.js'
import {labFiles} from '../../unit/topology/lab-fixture.js'

async function diskLab(t: {teardown(fn: () => unknown): void}, template = '2m-2s-sync') {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mqlab-promote-'))
  t.teardown(() => rm(dir, {recursive: true, force: true}))
  fs.mkdirSync(path.join(dir, 'conf'))
  for (const [name, text] of Object.entries(labFiles(template))) fs.writeFileSync(path.join(dir, 'conf', name), text)
  const clock = new ManualClock()
  const fake = new FakeOs(clock)
  const ctx = contextFor(readLab(dir), {
    deps: {
      host: fake,
      files: fake,
      wire: fake,
      ports: fake,
      clock,
      // The simulated OS must run a node as its file says now (promote rewrites it before starting).
      launch: (spec, pidFile) => {
        fake.setSpecs(nodeSpecs(readLab(dir)))
        return {command: 'fake', args: ['mq', spec.name], cwd: dir, env: {MQLAB_PID_FILE: pidFile}}
      },
    },
    timings: {pollMs: 50},
  })
  fake.setSpecs(ctx.specs)
  return {dir, ctx, fake, clock, conf: (name: string) => fs.readFileSync(path.join(dir, 'conf', name), 'utf8')}
}

test('refuses while the master is alive, changing nothing', async (t) => {
  const {ctx, fake, conf} = await diskLab(t)
  await runUp(ctx)
  const before = conf('broker-a-s.properties')
  const err = await t.throwsAsync(promoteNode(ctx, 'broker-a-slave'), {instanceOf: MqlabError})
  t.is(err!.code, 'MASTER_ALIVE')
  t.is(err!.exitCode, 15)
  t.regex(err!.message, /broker-a still has a master: broker-a-master is running/)
  t.regex(err!.suggestion!, /mqlab kill broker-a-master/)
  t.is(conf('broker-a-s.properties'), before)
  t.deepEqual(signalsSent(fake), [])
})

test('after the master dies: stop the slave, rewrite brokerId/brokerRole only, start it, wait for brokerId 0; the former master is then refused', async (t) => {
  const {ctx, fake, conf} = await diskLab(t)
  await runUp(ctx)
  await killNode(ctx, 'broker-a-master', 'SIGKILL')
  const before = conf('broker-a-s.properties')
  const result = await promoteNode(ctx, 'broker-a-slave')
  t.is(result.action, 'promoted')
  t.is(result.role, 'ASYNC_MASTER')
  t.false(result.forced)
  t.deepEqual(result.formerMaster, {node: 'broker-a-master', state: 'crashed', registeredAddr: null})
  t.deepEqual(result.changes, [
    {key: 'brokerId', before: '1', after: '0'},
    {key: 'brokerRole', before: 'SLAVE', after: 'ASYNC_MASTER'},
  ])
  t.is(result.file, 'conf/broker-a-s.properties')
  t.is(result.stop?.action, 'stopped')
  t.is(result.start.action, 'started')
  t.deepEqual(
    result.registeredWith.sort(),
    ctx.specs
      .filter((s) => s.kind === 'namesrv')
      .map((s) => s.addr)
      .sort(),
  )
  t.true(result.masterAfterMs !== null && result.masterAfterMs >= 0)
  t.regex(result.next[0]!, /broker-a-master must not come back .* set brokerId=1 and brokerRole=SLAVE/)

  // Only the two keys and one note line differ.
  const after = conf('broker-a-s.properties')
  const removed = before.split('\n').filter((l) => !after.split('\n').includes(l))
  const added = after.split('\n').filter((l) => !before.split('\n').includes(l))
  t.deepEqual(removed, ['brokerId=1', 'brokerRole=SLAVE'])
  t.is(added.length, 3)
  t.deepEqual(added.slice(1), ['brokerId=0', 'brokerRole=ASYNC_MASTER'])
  t.regex(added[0]!, /^# mqlab promote \S+: broker-a-slave became the master of broker-a \(was brokerId=1 brokerRole=SLAVE; former master broker-a-master\)$/)

  // The slave was stopped (SIGTERM) before it was spawned again.
  t.deepEqual(signalsSent(fake), ['broker-a-master SIGKILL', 'broker-a-slave SIGTERM'])
  t.is(spawnOrder(fake).at(-1), 'broker-a-slave')
  const info = await fake.clusterInfo(ctx.specs.find((s) => s.kind === 'namesrv')!.addr)
  t.deepEqual(info.brokerAddrTable['broker-a']!.brokerAddrs, {'0': result.addr})

  // Validation sees two masters in broker-a; start refuses the former master and says what to do.
  t.true(checkTopology(readLab(ctx.dir)).some((p) => p.rule === 'master-duplicate'))
  const fresh = contextFor(readLab(ctx.dir), {deps: ctx.deps, timings: ctx.supervisor.timings})
  const err = await t.throwsAsync(startNode(fresh, 'broker-a-master'), {instanceOf: MqlabError})
  t.is(err!.code, 'MASTER_CONFLICT')
  t.regex(err!.message, /broker-a-slave was promoted to master of broker-a/)
  t.regex(err!.suggestion!, /set brokerId=1 and brokerRole=SLAVE/)
  t.is(spawnOrder(fake).filter((n) => n === 'broker-a-master').length, 1, 'never spawned again')

  // Promoting again is idempotent: nothing stopped or rewritten.
  const signals = signalsSent(fake).length
  const again = await promoteNode(fresh, 'broker-a-slave')
  t.is(again.action, 'already-master')
  t.deepEqual(again.changes, [])
  t.is(again.stop, null)
  t.is(signalsSent(fake).length, signals)
  t.is(conf('broker-a-s.properties'), after)
})

test('--sync writes SYNC_MASTER and warns that sends get SLAVE_NOT_AVAILABLE until a slave follows; --force promotes past a live master', async (t) => {
  const {ctx, fake} = await diskLab(t, '2m-2s-async')
  await runUp(ctx)
  const result = await promoteNode(ctx, 'broker-b-slave', {sync: true, force: true})
  t.true(result.forced)
  t.is(result.role, 'SYNC_MASTER')
  t.deepEqual(
    result.changes.map((c) => `${c.key}=${c.after}`),
    ['brokerId=0', 'brokerRole=SYNC_MASTER'],
  )
  t.true(result.warnings.some((w) => /two masters take writes for broker-b/.test(w)))
  t.true(result.warnings.some((w) => /SLAVE_NOT_AVAILABLE/.test(w)))
  t.false(signalsSent(fake).includes('broker-b-master SIGTERM'), 'the live master is left alone')
})

test('only a classic slave can be promoted', async (t) => {
  const {ctx} = await diskLab(t)
  for (const node of ['broker-a-master', 'namesrv-1']) {
    const err = await t.throwsAsync(promoteNode(ctx, node), {instanceOf: MqlabError})
    t.is(err!.code, 'NOT_A_SLAVE', node)
  }
  const err = await t.throwsAsync(promoteNode(ctx, 'broker-a-slav'), {instanceOf: MqlabError})
  t.is(err!.code, 'UNKNOWN_NODE')
})
