import test from 'ava'
import {summarizeLag} from '../../../bench/bench-ha.js'
import {evaluateTargets, type BenchFigures} from '../../../bench/bench-targets.js'

const base: BenchFigures = {
  probeRate64: 20_000,
  probeRttP50: 0.05,
  asyncTps64: 9000,
  syncTps64: 7000,
  sendP50at1: 0.14,
  consumeTps: 12_000,
  labUpMs: 1500,
  brokerRssMiB: 70,
  namesrvRssMiB: 50,
}

test('master/slave targets: SYNC_MASTER ≥ 90% of ASYNC_MASTER at 64 in flight, p50 ≤ 2× at 1, lag p99 ≤ 100 ms of traffic', (t) => {
  const rows = new Map(
    evaluateTargets({
      ...base,
      asyncMasterTps64: 5000,
      syncMasterTps64: 4600,
      asyncMasterP50at1: 0.5,
      syncMasterP50at1: 1.1,
      replicationLagP99Bytes: 150 * 1024,
      replicationLagP99Ms: 30,
    }).map((r) => [r.id, r]),
  )
  t.like(rows.get('sync-master-vs-async-master-64'), {ratio: 0.92, bound: 0.9, comparison: '>=', pass: true, measured: '4600/s vs 5000/s'})
  t.like(rows.get('sync-master-p50-1'), {bound: 2, comparison: '<=', pass: false})
  t.true(Math.abs(rows.get('sync-master-p50-1')!.ratio! - 2.2) < 1e-9)
  t.like(rows.get('replication-lag-p99'), {ratio: 0.3, pass: true, measured: '30.0 ms (150 KiB)'})
  const slow = new Map(evaluateTargets({...base, asyncMasterTps64: 5000, syncMasterTps64: 4000}).map((r) => [r.id, r]))
  t.like(slow.get('sync-master-vs-async-master-64'), {ratio: 0.8, pass: false})
})

test('without the HA figures (an older figures object) the HA rows are n/a, the others unchanged', (t) => {
  const rows = new Map(evaluateTargets(base).map((r) => [r.id, r]))
  for (const id of ['sync-master-vs-async-master-64', 'sync-master-p50-1', 'replication-lag-p99'])
    t.like(rows.get(id), {pass: null, measured: 'not measured'}, id)
  t.like(rows.get('async-produce-64'), {pass: true})
})

test('lag summary: nearest-rank percentiles, p99 as time of traffic', (t) => {
  const lags = Array.from({length: 100}, (_, i) => i * 1024)
  const s = summarizeLag(lags, 1024 * 1000)
  t.like(s, {samples: 100, p50Bytes: 49 * 1024, p99Bytes: 98 * 1024, maxBytes: 99 * 1024})
  t.is(s!.p99Ms, 98)
  t.is(summarizeLag([], 1), null)
  t.is(summarizeLag([5], 0)!.p99Ms, 0)
})
