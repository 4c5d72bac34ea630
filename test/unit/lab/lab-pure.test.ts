import test from 'ava'
import {MqlabError} from '../../../src/errors/mqlab-error.js'
import {lastLines} from '../../../src/lab/log-tail.js'
import {nodeSpecs, startSteps} from '../../../src/lab/lab-node-spec.js'
import {roleOf} from '../../../src/lab/lab-status.js'
import {resolveNode, unknownNode} from '../../../src/lab/node-lookup.js'
import {deriveNodeState} from '../../../src/lab/node-state.js'
import {parseProcStat} from '../../../src/lab/proc-stat.js'
import {registeredBrokerId} from '../../../src/lab/readiness.js'
import {parseSignal} from '../../../src/lab/signal-name.js'
import {labFiles, snapshot} from '../topology/lab-fixture.js'
import {fakeLab} from './lab-fakes.js'

test('parseProcStat reads state, pgid and start time even when comm holds spaces and parentheses', (t) => {
  const fields = Array.from({length: 49}, (_, i) => String(i + 4)) // fields 4..52
  fields[1] = '4242' // field 5: pgid
  fields[18] = '987654' // field 22: starttime
  const text = `4242 (node (mq) x) T ${fields.join(' ')}\n`
  t.deepEqual(parseProcStat(text), {pid: 4242, state: 'T', pgid: 4242, startTime: 987654})
  t.is(parseProcStat('garbage'), undefined)
  t.is(parseProcStat('12 (x) R 1 2'), undefined)
})

test('deriveNodeState: no files = stopped; live process = running or paused; gone or reused pid = crashed', (t) => {
  const record = {node: 'n', pid: 7, startedAt: 1, startTime: 99, command: []}
  t.is(deriveNodeState('n', undefined, undefined, () => undefined).state, 'stopped')
  t.is(deriveNodeState('n', record, 7, () => ({state: 'running', startTime: 99})).state, 'running')
  t.is(deriveNodeState('n', record, 7, () => ({state: 'paused', startTime: 99})).state, 'paused')
  t.is(deriveNodeState('n', record, 7, () => undefined).state, 'crashed')
  t.is(deriveNodeState('n', record, 7, () => ({state: 'exited', startTime: 99})).state, 'crashed', 'a zombie is dead')
  t.is(deriveNodeState('n', record, 7, () => ({state: 'running', startTime: 5})).state, 'crashed', 'pid reused')
  t.is(deriveNodeState('n', undefined, 7, () => ({state: 'running'})).state, 'running', 'a pid file alone is enough')
  t.is(deriveNodeState('n', {...record, paused: true}, 7, () => ({state: 'running'})).state, 'paused', 'no /proc: the record says')
})

test('lastLines ignores the final newline and keeps the last N lines', (t) => {
  t.deepEqual(lastLines('a\nb\nc\n', 2), ['b', 'c'])
  t.deepEqual(lastLines('a\r\nb', 5), ['a', 'b'])
  t.deepEqual(lastLines('', 3), [])
  t.deepEqual(lastLines('a\n', 0), [])
})

test('parseSignal takes names with or without SIG, any case, and numbers', (t) => {
  t.is(parseSignal('KILL'), 'SIGKILL')
  t.is(parseSignal('sigterm'), 'SIGTERM')
  t.is(parseSignal('9'), 'SIGKILL')
  t.is(parseSignal('SIGSTOP'), 'SIGSTOP')
  const err = t.throws(() => parseSignal('SIGFOO'), {instanceOf: MqlabError})
  t.is(err!.code, 'USAGE')
})

test('node specs: ports from the topology rules, steps name servers → masters → slaves/DLedger members', (t) => {
  const specs = nodeSpecs(snapshot(labFiles('2m-2s-async')))
  const a = specs.find((s) => s.name === 'broker-a-slave')!
  t.deepEqual(
    a.ports.map((p) => p.port),
    [10919, 10921, 10922],
  )
  t.is(a.addr, '127.0.0.1:10921')
  t.deepEqual(a.namesrvAddrs, ['127.0.0.1:9876', '127.0.0.1:9877'])
  t.deepEqual(
    startSteps(specs).map((s) => s.nodes.map((n) => n.name)),
    [
      ['namesrv-1', 'namesrv-2'],
      ['broker-a-master', 'broker-b-master'],
      ['broker-a-slave', 'broker-b-slave'],
    ],
  )
  const dledger = nodeSpecs(snapshot(labFiles('dledger')))
  t.deepEqual(
    startSteps(dledger).map((s) => s.nodes.length),
    [2, 3],
  )
  t.deepEqual(
    dledger.find((s) => s.name === 'broker-a-n0')!.ports.map((p) => p.port),
    [30909, 30911, 30912, 40911],
  )
})

test('roleOf: registered brokerId 0 is master; not listed is "not registered"; no answer falls back to the file', (t) => {
  const specs = nodeSpecs(snapshot(labFiles('2m-2s-sync')))
  const slave = specs.find((s) => s.name === 'broker-a-slave')!
  const promoted = {brokerAddrTable: {'broker-a': {cluster: 'C', brokerName: 'broker-a', brokerAddrs: {'0': slave.addr}}}, clusterAddrTable: {C: ['broker-a']}}
  t.like(roleOf(slave, promoted, 'running'), {role: 'master', source: 'namesrv', brokerId: 0})
  t.like(roleOf(slave, {brokerAddrTable: {}, clusterAddrTable: {}}, 'running'), {role: 'not registered', source: 'file'})
  t.like(roleOf(slave, undefined, 'running'), {role: 'slave', source: 'file', brokerId: 1})
  t.like(roleOf(slave, promoted, 'stopped'), {role: 'slave', source: 'file'})
  t.is(registeredBrokerId(promoted, 'broker-a', '127.0.0.1:1'), undefined)
})

test('an unknown node suggests the nearest name; a far-off one lists the nodes', (t) => {
  const specs = nodeSpecs(snapshot(labFiles('2m-2s-sync')))
  const near = unknownNode(specs, 'broker-a-mastr')
  t.is(near.code, 'UNKNOWN_NODE')
  t.is(near.exitCode, 2)
  t.regex(near.message, /did you mean broker-a-master\?/)
  t.is(near.details?.nearest, 'broker-a-master')
  const far = unknownNode(specs, 'zookeeper-quorum-member-7')
  t.notRegex(far.message, /did you mean/)
  t.regex(far.suggestion!, /namesrv-1, namesrv-2, broker-a-master/)
})

test('in a DLedger lab, <group>-master resolves to the member the name servers list as master now', async (t) => {
  const {ctx, os} = fakeLab('dledger')
  os.scripts.set('broker-a-n0', {pidAfterMs: 400})
  const {runUp} = await import('../../../src/lab/lab-up.js')
  await runUp(ctx)
  // The fake elects the earliest-spawned live member; crash it and the next one leads.
  const first = await resolveNode(ctx.specs, 'broker-a-master', ctx.deps.wire, {liveNamesrvs: ctx.specs.filter((s) => s.kind === 'namesrv'), timeoutMs: 100})
  t.is(first.name, 'broker-a-n0')
  os.crash('broker-a-n0')
  const next = await resolveNode(ctx.specs, 'broker-a-master', ctx.deps.wire, {liveNamesrvs: ctx.specs.filter((s) => s.kind === 'namesrv'), timeoutMs: 100})
  t.is(next.name, 'broker-a-n1')
  const err = await t.throwsAsync(resolveNode(ctx.specs, 'broker-z-master', ctx.deps.wire, {liveNamesrvs: [], timeoutMs: 100}), {instanceOf: MqlabError})
  t.is(err!.code, 'UNKNOWN_NODE')
})

test("deriveNodeState: a pid file without a record is trusted only for a node's command line", (t) => {
  const ours = {state: 'running' as const, startTime: 5, command: '/usr/bin/node /opt/mqlab/bin/mqbroker.js -c conf/broker-a.properties'}
  const foreign = {state: 'running' as const, startTime: 5, command: '/usr/sbin/sshd -D'}
  t.is(deriveNodeState('n', undefined, 7, () => ours).state, 'running')
  t.is(deriveNodeState('n', undefined, 7, () => foreign).state, 'crashed')
})
