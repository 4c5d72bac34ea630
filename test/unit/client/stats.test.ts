import test from 'ava'
import {percentileOfSorted, summarizeLatencies} from '../../../src/client/stats/latency-stats.js'
import {summarizeRun, throughput} from '../../../src/client/stats/run-stats.js'

test('nearest-rank percentiles of 1..100', (t) => {
  const sorted = Array.from({length: 100}, (_, i) => i + 1)
  t.is(percentileOfSorted(sorted, 50), 50)
  t.is(percentileOfSorted(sorted, 99), 99)
  t.is(percentileOfSorted(sorted, 100), 100)
  t.is(percentileOfSorted(sorted, 0), 1)
  t.is(percentileOfSorted([], 50), 0)
})

test('p99 of a small set is its maximum, p50 the lower middle', (t) => {
  t.is(percentileOfSorted([1, 2, 3, 4], 50), 2)
  t.is(percentileOfSorted([1, 2, 3, 4], 99), 4)
  t.is(percentileOfSorted([7], 50), 7)
})

test('latency summary sorts numerically, not as strings', (t) => {
  const s = summarizeLatencies([10, 9, 100, 2, 1.5])
  t.deepEqual(s, {count: 5, min: 1.5, avg: (10 + 9 + 100 + 2 + 1.5) / 5, p50: 9, p99: 100, max: 100})
})

test('latency summary of nothing is all zeros', (t) => {
  t.deepEqual(summarizeLatencies([]), {count: 0, min: 0, avg: 0, p50: 0, p99: 0, max: 0})
})

test('run summary counts outcomes and statuses and computes throughput', (t) => {
  const stats = summarizeRun(
    [
      {status: 'SEND_OK', latencyMs: 1, outcome: 'ok'},
      {status: 'SEND_OK', latencyMs: 3, outcome: 'ok'},
      {status: 'FLUSH_SLAVE_TIMEOUT', latencyMs: 3000, outcome: 'degraded'},
      {status: 'CONNECT_FAILED', latencyMs: 2, outcome: 'failed'},
    ],
    2000,
  )
  t.is(stats.total, 4)
  t.is(stats.ok, 2)
  t.is(stats.degraded, 1)
  t.is(stats.failed, 1)
  t.deepEqual(stats.byStatus, {SEND_OK: 2, FLUSH_SLAVE_TIMEOUT: 1, CONNECT_FAILED: 1})
  t.deepEqual(Object.keys(stats.byStatus), ['SEND_OK', 'FLUSH_SLAVE_TIMEOUT', 'CONNECT_FAILED'])
  t.is(stats.throughput, 2)
  t.is(stats.latency.max, 3000)
  t.is(stats.latency.p50, 2)
})

test('throughput is 0 for a zero-length run instead of Infinity', (t) => {
  t.is(throughput(10, 0), 0)
  t.is(throughput(10, 500), 20)
})
