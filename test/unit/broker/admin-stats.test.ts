import test from 'ava'
import {humanReadableByteCount} from '../../../runtime/broker/processor/runtime-info-extras.js'
import {BrokerStatsManager} from '../../../runtime/broker/stats/broker-stats-manager.js'
import {BrokerStatsTable, StatsItem} from '../../../runtime/broker/stats/stats-item-set.js'
import {PutLatencyStats} from '../../../runtime/store/put-latency-stats.js'
import {parseResetTarget} from '../../../src/commands/group/reset-offset.js'
import {formatShortTime} from '../../../src/cli/render/admin-time.js'

test('a stats item reports sum, per-second rate and value per event over its minute window', (t) => {
  let now = 1_000_000
  const item = new StatsItem(now)
  item.add(30, 3)
  now += 10_000
  item.sample(now)
  item.add(30, 1)
  now += 10_000
  item.sample(now)
  t.deepEqual(item.window('minute'), {sum: 60, tps: 3, avgpt: 15})
  t.deepEqual(item.window('hour'), {sum: 0, tps: 0, avgpt: 0}, 'no hour snapshot yet')
  for (let i = 0; i < 10; i++) item.sample((now += 10_000))
  t.is(item.window('minute').sum, 0, 'the minute window keeps 7 snapshots (60 s): older puts drop out')
})

test('the broker stats table counts topics, groups and the cluster, and forgets a deleted group', (t) => {
  let now = 0
  const s = new BrokerStatsManager(() => now, 'C')
  s.incPut(5, 'T', 500)
  s.incGet(2, 'T', 'G', 100)
  now = 10_000
  s.sample()
  t.is(s.table.getStatsItem('TOPIC_PUT_NUMS', 'T')!.window('minute').sum, 5)
  t.is(s.table.getStatsItem('TOPIC_PUT_SIZE', 'T')!.window('minute').sum, 500)
  t.is(s.table.getStatsItem('BROKER_PUT_NUMS', 'C')!.window('minute').sum, 5)
  t.is(s.table.tpsGroupGetNums('G', 'T'), 0.2)
  s.table.onGroupDeleted('G')
  t.is(s.table.getStatsItem('GROUP_GET_NUMS', 'T@G'), undefined)
  t.true(new BrokerStatsTable(() => 0).getStatsItem('NOPE', 'x') === undefined)
})

test('pull rates: getFoundTps, getMissTps and getTotalTps from the store counters', (t) => {
  let now = 0
  let found = 0
  let miss = 0
  const s = new BrokerStatsManager(() => now)
  s.storePulls = () => ({found, miss})
  found = 30
  miss = 10
  now = 10_000
  s.sample()
  const info = s.runtimeInfo()
  t.is(info.getFoundTps!.split(' ')[0], '3.00')
  t.is(info.getMissTps!.split(' ')[0], '1.00')
  t.is(info.getTotalTps!.split(' ')[0], '4.00')
})

test("put latencies: max, last minute's distribution, percentiles", (t) => {
  const l = new PutLatencyStats()
  for (let i = 0; i < 98; i++) l.add(3, 1000)
  l.add(60, 1000)
  l.add(12_000, 1000)
  let info = l.toRuntimeInfo(2000)
  t.is(info.putMessageEntireTimeMax, '12000')
  t.regex(info.putMessageDistributeTime!, /^\[<=0ms\]:0 \[0~10ms\]:0 /, 'the distribution shown is the last full minute')
  info = l.toRuntimeInfo(62_000)
  t.regex(info.putMessageDistributeTime!, /\[0~10ms\]:98 \[10~50ms\]:0 \[50~100ms\]:1 .*\[10s~\]:1 $/)
  t.true(Number(info.putLatency99) >= 50 && Number(info.putLatency99) <= 100)
})

test('byte counts and reset targets read as users write them', (t) => {
  t.is(humanReadableByteCount(512), '512 B')
  t.is(humanReadableByteCount(1536), '1.5 KiB')
  t.is(humanReadableByteCount(3 * 1024 ** 3), '3.0 GiB')
  t.deepEqual(parseResetTarget('first'), {kind: 'first'})
  t.deepEqual(parseResetTarget('last'), {kind: 'last'})
  t.deepEqual(parseResetTarget('1700000000000'), {kind: 'time', timestamp: 1_700_000_000_000})
  t.deepEqual(parseResetTarget('2026-12-08 10:00'), {kind: 'time', timestamp: new Date(2026, 11, 8, 10, 0).getTime()})
  t.is(parseResetTarget('soon'), undefined)
  const now = new Date(2026, 11, 8, 12, 0, 0).getTime()
  t.is(formatShortTime(new Date(2026, 11, 8, 9, 5, 7).getTime(), now), '09:05:07')
  t.is(formatShortTime(new Date(2026, 11, 7, 9, 5, 7).getTime(), now), '12-07 09:05')
  t.is(formatShortTime(0, now), '-')
})
