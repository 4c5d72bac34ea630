import test from 'ava'
import type {ClusterInfo} from '../../../runtime/remoting/body/cluster-info.js'
import {encodeHaStatus, type HaStatus} from '../../../runtime/remoting/body/ha-status.js'
import {createResponse, type RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {messageLag} from '../../../src/client/admin/ha-message-lag.js'
import {buildReplicationReport, IN_SYNC_MAX_LAG_BYTES} from '../../../src/client/admin/ha-replication-report.js'
import {fetchHaSample, roleFromConfig, type BrokerHaSample} from '../../../src/client/admin/ha-status-fetch.js'
import type {RemotingInvoker} from '../../../src/client/remoting-invoker.js'
import {formatAgo, formatBytes, renderReplication} from '../../../src/cli/render/replication-report.js'

const M = '127.0.0.1:10911'
const S = '127.0.0.1:10921'
const S2 = '127.0.0.1:10951'
const NOW = 1_700_000_000_000

function cluster(addrs: Record<string, string>): ClusterInfo {
  return {
    brokerAddrTable: {'broker-a': {cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: addrs}},
    clusterAddrTable: {DefaultCluster: ['broker-a']},
  }
}

function masterStatus(
  maxPhyOffset: number,
  slaves: Array<{acked: number; lastAckAt?: number; bps?: number}>,
  role: HaStatus['role'] = 'SYNC_MASTER',
): HaStatus {
  return {
    brokerName: 'broker-a',
    brokerId: 0,
    role,
    maxPhyOffset,
    now: NOW,
    master: {
      haListenAddress: '127.0.0.1:10912',
      slaves: slaves.map((s, i) => ({
        remoteAddress: `127.0.0.1:5000${i}`,
        ackedOffset: s.acked,
        lagBytes: maxPhyOffset - s.acked,
        connectedAt: NOW - 60_000,
        lastAckAt: s.lastAckAt ?? NOW - 100,
        bytesPerSecond: s.bps ?? 0,
        state: 'TRANSFER',
      })),
      sendStatusCounts: {SEND_OK: 120, SLAVE_NOT_AVAILABLE: 0, FLUSH_SLAVE_TIMEOUT: 2},
      inSyncSlaves: slaves.length,
    },
  }
}

function slaveStatus(
  maxPhyOffset: number,
  state: NonNullable<HaStatus['slave']>['state'] = 'CONNECTED',
  extra: Partial<NonNullable<HaStatus['slave']>> = {},
): HaStatus {
  return {
    brokerName: 'broker-a',
    brokerId: 1,
    role: 'SLAVE',
    maxPhyOffset,
    now: NOW + 5, // another process's clock: ages are taken on one broker's clock each
    slave: {
      masterHaAddress: '127.0.0.1:10912',
      masterAddress: M,
      state,
      lastError: null,
      reportedOffset: maxPhyOffset,
      lastContactAt: NOW - 395,
      bytesPerSecond: 2048,
      ...extra,
    },
  }
}

const mq = (addr: string, status: HaStatus): [string, BrokerHaSample] => [addr, {addr, source: 'mqlab', status, receivedAt: NOW}]

test('an in-sync SYNC_MASTER group: master offset and send counts; slave acked offset, no lag, link, last contact, rate', (t) => {
  const report = buildReplicationReport(cluster({'0': M, '1': S}), new Map([mq(M, masterStatus(5000, [{acked: 5000}])), mq(S, slaveStatus(5000))]), NOW)
  t.is(report.groups.length, 1)
  const g = report.groups[0]!
  t.is(g.source, 'mqlab')
  t.deepEqual(g.master, {
    addr: M,
    role: 'SYNC_MASTER',
    maxPhyOffset: 5000,
    haListenAddress: '127.0.0.1:10912',
    connections: 1,
    inSyncSlaves: 1,
    sendStatusCounts: {SEND_OK: 120, SLAVE_NOT_AVAILABLE: 0, FLUSH_SLAVE_TIMEOUT: 2},
    error: null,
  })
  t.deepEqual(g.slaves, [
    {
      addr: S,
      brokerId: 1,
      maxPhyOffset: 5000,
      ackedOffset: 5000,
      lagBytes: 0,
      lagMessages: 0,
      status: 'in-sync',
      connectionState: 'CONNECTED',
      lastContactAgoMs: 400,
      bytesPerSecond: 2048,
      masterHaAddress: '127.0.0.1:10912',
      lastError: null,
      error: null,
    },
  ])
  t.deepEqual(g.notes, [])
  // In a lab, nodes are named as the user types them.
  const named = renderReplication(
    report,
    new Map([
      ['127.0.0.1:10911', 'broker-a-master'],
      [S, 'broker-a-slave'],
    ]),
  )
  t.regex(named, /master broker-a-master \(127\.0\.0\.1:10911\) {2}SYNC_MASTER/)
  t.regex(named, /^1 +broker-a-slave +5000 /m)
  const text = renderReplication(report)
  t.regex(text, /master 127\.0\.0\.1:10911 {2}SYNC_MASTER\n {2}commitlog max offset 5000/)
  t.regex(text, /sends, last 60 s: SEND_OK 120, FLUSH_SLAVE_TIMEOUT 2/)
  t.regex(text, /in sync/)
  t.regex(text, /0\.4 s ago/)
  t.regex(text, /2\.0 KiB\/s/)
})

test('lag beyond the in-sync window is "falling behind"; the master\'s view of the ack is preferred', (t) => {
  const lag = IN_SYNC_MAX_LAG_BYTES + 1
  const report = buildReplicationReport(
    cluster({'0': M, '1': S}),
    new Map([mq(M, masterStatus(100_000 + lag, [{acked: 100_000}])), mq(S, slaveStatus(100_010))]),
    NOW,
  )
  const s = report.groups[0]!.slaves[0]!
  t.is(s.status, 'falling-behind')
  t.is(s.ackedOffset, 100_000)
  t.is(s.lagBytes, lag)
  t.is(s.lagMessages, null, 'computed later, by asking queue offsets')
})

test('a slave whose master died: no master in the group, the slave disconnected with the reason; a diverged slave is told apart', (t) => {
  const down = slaveStatus(4000, 'CONNECTING', {lastError: 'connect ECONNREFUSED 127.0.0.1:10912', lastContactAt: NOW - 12_000, bytesPerSecond: 0})
  const report = buildReplicationReport(cluster({'1': S}), new Map([mq(S, down)]), NOW)
  const g = report.groups[0]!
  t.is(g.master, null)
  t.regex(g.notes[0]!, /no master registered: broker-a takes no writes/)
  const s = g.slaves[0]!
  t.is(s.status, 'disconnected')
  t.is(s.lagBytes, null)
  t.is(s.lastError, 'connect ECONNREFUSED 127.0.0.1:10912')
  t.is(s.lastContactAgoMs, 12_005)
  const text = renderReplication(report)
  t.regex(text, /no master/)
  t.regex(text, /slave 127\.0\.0\.1:10921 → 127\.0\.0\.1:10912: connect ECONNREFUSED/)

  const diverged = buildReplicationReport(
    cluster({'0': M, '1': S}),
    new Map([mq(M, masterStatus(9000, [])), mq(S, slaveStatus(9500, 'DIVERGED', {lastError: 'commitlog diverged at offset 9000'}))]),
    NOW,
  )
  t.is(diverged.groups[0]!.slaves[0]!.status, 'diverged')
  t.regex(renderReplication(diverged), /DIVERGED/)
})

test("two slaves are matched to the master's connections by acked offset", (t) => {
  const report = buildReplicationReport(
    cluster({'0': M, '1': S, '2': S2}),
    new Map([
      mq(
        M,
        masterStatus(10_000, [
          {acked: 10_000, bps: 1},
          {acked: 2_000, bps: 2},
        ]),
      ),
      mq(S, slaveStatus(1_990)),
      mq(S2, slaveStatus(10_000)),
    ]),
    NOW,
  )
  const [a, b] = report.groups[0]!.slaves
  t.is(a!.ackedOffset, 2_000)
  t.is(a!.lagBytes, 8_000)
  t.is(b!.ackedOffset, 10_000)
  t.is(b!.lagBytes, 0)
})

test('against a real RocketMQ (runtime info only): lag from max offsets, rate from the previous report, link unknown', (t) => {
  const sample = (addr: string, maxPhyOffset: number, role: 'SYNC_MASTER' | 'SLAVE', at = NOW): [string, BrokerHaSample] => [
    addr,
    {addr, source: 'runtime-info', maxPhyOffset, role, receivedAt: at},
  ]
  const first = buildReplicationReport(cluster({'0': M, '1': S}), new Map([sample(M, 9_000_000, 'SYNC_MASTER'), sample(S, 8_000_000, 'SLAVE')]), NOW)
  const g = first.groups[0]!
  t.is(g.source, 'runtime-info')
  t.is(g.master!.role, 'SYNC_MASTER')
  t.is(g.master!.sendStatusCounts, null)
  t.like(g.slaves[0], {lagBytes: 1_000_000, status: 'falling-behind', connectionState: null, bytesPerSecond: null})
  const second = buildReplicationReport(
    cluster({'0': M, '1': S}),
    new Map([sample(M, 9_000_000, 'SYNC_MASTER'), sample(S, 9_000_000, 'SLAVE')]),
    NOW + 2000,
    first,
  )
  t.like(second.groups[0]!.slaves[0], {lagBytes: 0, lagMessages: 0, status: 'in-sync', bytesPerSecond: 500_000})
  t.regex(renderReplication(second), /GET_BROKER_RUNTIME_INFO/)
})

test("mixed lab: a real RocketMQ slave of an mqlab master gets its link from the master's view of the connection", (t) => {
  const java: [string, BrokerHaSample] = [S, {addr: S, source: 'runtime-info', maxPhyOffset: 8_999_000, role: 'SLAVE', receivedAt: NOW}]
  const report = buildReplicationReport(
    cluster({'0': M, '1': S}),
    new Map<string, BrokerHaSample>([mq(M, masterStatus(9_000_000, [{acked: 9_000_000, lastAckAt: NOW - 300, bps: 2048}])), java]),
    NOW,
  )
  t.like(report.groups[0]!.slaves[0], {
    connectionState: 'CONNECTED',
    status: 'in-sync',
    ackedOffset: 9_000_000,
    lagBytes: 0,
    lastContactAgoMs: 300,
    bytesPerSecond: 2048,
    maxPhyOffset: 8_999_000,
  })
  // No connection on the master: the link stays unknown, lag from the offsets.
  const alone = buildReplicationReport(cluster({'0': M, '1': S}), new Map<string, BrokerHaSample>([mq(M, masterStatus(9_000_000, [])), java]), NOW)
  t.like(alone.groups[0]!.slaves[0], {connectionState: null, lagBytes: 1000})
})

test('brokers that could not be asked keep their place, with the reason', (t) => {
  const report = buildReplicationReport(
    cluster({'0': M, '1': S}),
    new Map<string, BrokerHaSample>([[M, {addr: M, source: 'error', error: 'connect ECONNREFUSED', receivedAt: NOW}], mq(S, slaveStatus(100))]),
    NOW,
  )
  const g = report.groups[0]!
  t.is(g.master!.error, 'connect ECONNREFUSED')
  t.is(g.slaves[0]!.lagBytes, null)
  t.is(g.slaves[0]!.status, 'unknown')
  t.regex(renderReplication(report), /! master 127\.0\.0\.1:10911: connect ECONNREFUSED/)
  t.is(renderReplication({takenAt: NOW, groups: []}), 'no broker is registered with the name servers')
})

function fakeInvoker(answer: (req: RemotingCommand) => RemotingCommand | Error): RemotingInvoker & {codes: number[]} {
  const codes: number[] = []
  return {
    codes,
    async invoke(_addr, request) {
      codes.push(request.code)
      const a = answer(request)
      if (a instanceof Error) throw a
      return a
    },
    async invokeOneway() {},
    onServerRequest() {},
    closeConnection() {},
    async close() {},
  }
}

test('fetchHaSample: mqlab status; REQUEST_CODE_NOT_SUPPORTED falls back to runtime info and config; errors are samples', async (t) => {
  const deps = (inv: RemotingInvoker) => ({remoting: inv, now: () => NOW, timeoutMs: 100})
  const status = masterStatus(42, [])
  const ok = await fetchHaSample(M, deps(fakeInvoker((r) => createResponse(r, ResponseCode.SUCCESS, undefined, undefined, encodeHaStatus(status)))))
  t.deepEqual(ok, {addr: M, source: 'mqlab', status, receivedAt: NOW})

  const real = fakeInvoker((r) => {
    if (r.code === RequestCode.MQLAB_GET_HA_STATUS) return createResponse(r, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, ' request type 10201 not supported')
    if (r.code === RequestCode.GET_BROKER_RUNTIME_INFO)
      return createResponse(r, ResponseCode.SUCCESS, undefined, undefined, Buffer.from('{"table":{"commitLogMaxOffset":"777","putTps":"1.0"}}'))
    return createResponse(r, ResponseCode.SUCCESS, undefined, {version: '{}'}, Buffer.from('brokerName=broker-a\nbrokerRole=SLAVE\n'))
  })
  t.deepEqual(await fetchHaSample(S, deps(real)), {addr: S, source: 'runtime-info', maxPhyOffset: 777, role: 'SLAVE', receivedAt: NOW})
  t.deepEqual(
    real.codes.sort((a, b) => a - b),
    [RequestCode.GET_BROKER_CONFIG, RequestCode.GET_BROKER_RUNTIME_INFO, RequestCode.MQLAB_GET_HA_STATUS].sort((a, b) => a - b),
  )

  const noConfig = fakeInvoker((r) =>
    r.code === RequestCode.GET_BROKER_RUNTIME_INFO
      ? createResponse(r, ResponseCode.SUCCESS, undefined, undefined, Buffer.from('{"table":{}}'))
      : r.code === RequestCode.GET_BROKER_CONFIG
        ? new Error('timeout')
        : createResponse(r, ResponseCode.REQUEST_CODE_NOT_SUPPORTED),
  )
  t.like(await fetchHaSample(S, deps(noConfig)), {source: 'runtime-info', maxPhyOffset: null, role: null})

  t.like(await fetchHaSample(M, deps(fakeInvoker((r) => createResponse(r, ResponseCode.SYSTEM_ERROR, 'boom')))), {
    source: 'error',
    error: 'answered SYSTEM_ERROR (1): boom',
  })
  t.like(await fetchHaSample(M, deps(fakeInvoker(() => new Error('connect ECONNREFUSED 127.0.0.1:10911')))), {
    source: 'error',
    error: 'connect ECONNREFUSED 127.0.0.1:10911',
  })
  t.like(await fetchHaSample(M, deps(fakeInvoker((r) => createResponse(r, ResponseCode.SUCCESS, undefined, undefined, Buffer.from('{"role":"BOSS"}'))))), {
    source: 'error',
  })
})

test('small pure helpers: message lag, role from config text, bytes and ages', (t) => {
  t.is(messageLag([10, 5, 0], [7, 5, 0]), 3)
  t.is(messageLag([10, 5], [12, 1]), 4, 'a queue ahead on the slave counts as 0, not negative')
  t.is(roleFromConfig('a=1\nbrokerRole=ASYNC_MASTER\n'), 'ASYNC_MASTER')
  t.is(roleFromConfig('brokerRole=BOSS\n'), null)
  t.is(formatBytes(0), '0 B')
  t.is(formatBytes(1536), '1.5 KiB')
  t.is(formatBytes(300 * 1024 * 1024), '300 MiB')
  t.is(formatAgo(420), 'seen 0.4 s ago')
  t.is(formatAgo(180_000), 'seen 3 min ago')
})
