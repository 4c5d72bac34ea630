import test from 'ava'
import type {ClusterListRow} from '../../../src/client/admin/cluster-list.js'
import type {ReplicationReport} from '../../../src/client/admin/ha-replication-report.js'
import {diffSnapshots, EventLog} from '../../../src/dashboard/dashboard-events.js'
import {withStates, type DashboardSnapshot} from '../../../src/dashboard/dashboard-snapshot.js'
import type {NodeRow} from '../../../src/lab/lab-status.js'
import {LagHistory} from '../../../src/dashboard/lag-history.js'

const MASTER = '127.0.0.1:10911'
const SLAVE = '127.0.0.1:10921'

function node(name: string, state: NodeRow['state'], role: string, roleSource: NodeRow['roleSource'] = 'namesrv', note: string | null = null): NodeRow {
  return {
    name,
    kind: name.startsWith('namesrv') ? 'namesrv' : 'broker',
    role,
    roleSource,
    fileRole: 'SLAVE',
    brokerName: 'broker-a',
    brokerId: null,
    state,
    pid: null,
    addr: '',
    ports: [],
    commitLogMaxOffset: null,
    uptimeMs: null,
    note,
    crash: null,
    raft: null,
  }
}

function row(brokerId: number, addr: string): ClusterListRow {
  return {
    cluster: 'DefaultCluster',
    brokerName: 'broker-a',
    brokerId,
    addr,
    version: 'V4_9_8',
    inTps: 0,
    outTps: 0,
    inTotalToday: 0,
    outTotalToday: 0,
    pageCacheLockTimeMills: 0,
    hoursSinceEarliestMessage: 0,
    commitLogDiskRatio: 0,
  }
}

function replication(takenAt: number, status: 'in-sync' | 'disconnected', lagBytes: number | null): ReplicationReport {
  const slave = {
    addr: SLAVE,
    brokerId: 1,
    maxPhyOffset: null,
    ackedOffset: null,
    lagBytes,
    lagMessages: null,
    status,
    connectionState: null,
    lastContactAgoMs: null,
    bytesPerSecond: null,
    masterHaAddress: null,
    lastError: null,
    error: null,
  }
  return {takenAt, groups: [{cluster: 'DefaultCluster', brokerName: 'broker-a', source: 'mqlab', master: null, slaves: [slave], notes: []}]}
}

function snap(takenAt: number, nodes: NodeRow[], rows: ClusterListRow[] | null, repl?: ReplicationReport): DashboardSnapshot {
  return {
    takenAt,
    dir: '/lab',
    nodes,
    rolesFrom: null,
    cluster: rows === null ? {ok: false, error: 'no name server answered'} : {ok: true, value: rows},
    replication: repl ? {ok: true, value: repl} : {ok: false, error: 'x'},
    topics: {ok: true, value: []},
    groups: {ok: true, value: []},
  }
}

test('the first snapshot has no events; an unchanged one has none either', (t) => {
  const a = snap(1, [node('broker-a-master', 'running', 'master')], [row(0, MASTER)])
  t.deepEqual(diffSnapshots(undefined, a), [])
  t.deepEqual(diffSnapshots(a, {...a, takenAt: 2}), [])
})

test('a killed master: node-died with the note, its route change naming the slave that still serves', (t) => {
  const before = snap(1, [node('broker-a-master', 'running', 'master'), node('broker-a-slave', 'running', 'slave')], [row(0, MASTER), row(1, SLAVE)])
  const after = snap(
    2,
    [node('broker-a-master', 'crashed', 'master', 'file', 'SIGKILL sent by mqlab kill'), node('broker-a-slave', 'running', 'slave')],
    [row(1, SLAVE)],
  )
  const events = diffSnapshots(before, after)
  t.deepEqual(
    events.map((e) => [e.kind, e.subject]),
    [
      ['node-died', 'broker-a-master'],
      ['route-changed', 'broker-a'],
    ],
  )
  t.is(events[0]!.text, 'broker-a-master: running → crashed (SIGKILL sent by mqlab kill)')
  t.is(events[1]!.text, `broker-a: master (BID 0) ${MASTER} unregistered — no master registered: readable from ${SLAVE}`)
  t.true(events.every((e) => e.at === 2))
})

test('state transitions map to their kinds: stopped, paused, resumed, started', (t) => {
  const kinds = (from: NodeRow['state'], to: NodeRow['state']) =>
    diffSnapshots(snap(1, [node('n', from, 'slave', 'file')], null), snap(2, [node('n', to, 'slave', 'file')], null)).map((e) => e.kind)
  t.deepEqual(kinds('running', 'stopped'), ['node-stopped'])
  t.deepEqual(kinds('running', 'paused'), ['node-paused'])
  t.deepEqual(kinds('paused', 'running'), ['node-resumed'])
  t.deepEqual(kinds('crashed', 'running'), ['node-started'])
  t.deepEqual(kinds('stopped', 'running'), ['node-started'])
})

test('a promotion: the registered role changes and the route shows the new master', (t) => {
  const before = snap(1, [node('broker-a-slave', 'running', 'slave')], [row(1, SLAVE)])
  const after = snap(2, [node('broker-a-slave', 'running', 'master')], [row(0, SLAVE)])
  const events = diffSnapshots(before, after)
  t.deepEqual(
    events.map((e) => e.text),
    ['broker-a-slave: registered as slave → master', `broker-a: master (BID 0) ${SLAVE} registered; BID 1 ${SLAVE} unregistered — served by master ${SLAVE}`],
  )
})

test('roles from the conf files, or a cluster table that could not be read, give no role or route events', (t) => {
  const before = snap(1, [node('broker-a-slave', 'running', 'slave', 'namesrv')], [row(1, SLAVE)])
  const after = snap(2, [node('broker-a-slave', 'running', 'slave (file)', 'file')], null)
  t.deepEqual(diffSnapshots(before, after), [])
})

test('a slave whose replication status changes is an event', (t) => {
  const before = snap(1, [], null, replication(1, 'in-sync', 0))
  const after = snap(2, [], null, replication(2, 'disconnected', null))
  t.deepEqual(
    diffSnapshots(before, after).map((e) => e.text),
    [`broker-a slave ${SLAVE}: replication in-sync → disconnected`],
  )
})

test('the event log keeps the newest entries only', (t) => {
  const log = new EventLog(3)
  for (let i = 0; i < 5; i++) log.add({at: i, kind: 'control', subject: 'n', text: String(i)})
  t.deepEqual(
    log.list().map((e) => e.at),
    [2, 3, 4],
  )
})

test('lag history: one series per slave, aligned with the times, bounded', (t) => {
  const h = new LagHistory(2)
  h.add(replication(1, 'in-sync', 0))
  h.add(replication(2, 'in-sync', 100))
  h.add(replication(3, 'disconnected', null))
  const [g] = h.list()
  t.deepEqual(g!.times, [2, 3])
  t.deepEqual(g!.slaves[SLAVE], [100, null])
  t.deepEqual(g!.inSync, [1, 0])
})

test('fresher local states overlay a snapshot: same object when nothing changed, else an event-producing copy', (t) => {
  const a = snap(1, [node('broker-a-master', 'running', 'master')], [row(0, MASTER)])
  t.is(withStates(a, new Map([['broker-a-master', {state: 'running', pid: null}]]), 5), a)
  const b = withStates(a, new Map([['broker-a-master', {state: 'crashed', pid: 42}]]), 5)
  t.is(b.takenAt, 5)
  t.like(b.nodes[0], {state: 'crashed', pid: 42, role: 'master'})
  t.deepEqual(
    diffSnapshots(a, b).map((e) => e.kind),
    ['node-died'],
  )
})

test('the event log keeps time order when an event is added late', (t) => {
  const log = new EventLog()
  log.add({at: 5, kind: 'node-died', subject: 'n', text: 'died'})
  log.add({at: 3, kind: 'control', subject: 'n', text: 'kill'})
  t.deepEqual(
    log.list().map((e) => e.text),
    ['kill', 'died'],
  )
})

test('lag history: send results by status per sample, a status first seen later padded with nulls', (t) => {
  const h = new LagHistory()
  const master = (counts: Record<string, number> | null) => ({
    addr: MASTER,
    role: null,
    maxPhyOffset: null,
    haListenAddress: null,
    connections: null,
    inSyncSlaves: null,
    sendStatusCounts: counts,
    error: null,
  })
  const r1 = replication(1, 'in-sync', 0)
  r1.groups[0]!.master = master({SEND_OK: 5})
  const r2 = replication(2, 'disconnected', null)
  r2.groups[0]!.master = master({SEND_OK: 7, SLAVE_NOT_AVAILABLE: 2})
  const r3 = replication(3, 'disconnected', null)
  h.add(r1)
  h.add(r2)
  h.add(r3)
  t.deepEqual(h.list()[0]!.sends, {SEND_OK: [5, 7, null], SLAVE_NOT_AVAILABLE: [null, 2, null]})
})
