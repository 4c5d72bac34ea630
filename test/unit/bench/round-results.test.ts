import test from 'ava'
import {combineLatency, combineProbeRounds, combineProducerRounds, median} from '../../../bench/round-results.js'

const lat = (count: number, avg: number, p50: number, p99: number, max: number) => ({count, min: p50 / 2, avg, p50, p99, max})
const round = (sent: number, elapsedMs: number, p50: number, byStatus: Record<string, number> = {SEND_OK: sent}) => ({
  topic: 'T',
  size: 1024,
  inflight: 64,
  sent,
  ok: byStatus.SEND_OK ?? 0,
  degraded: 0,
  failed: sent - (byStatus.SEND_OK ?? 0),
  byStatus,
  elapsedMs,
  tps: (sent * 1000) / elapsedMs,
  latency: lat(sent, p50 * 1.5, p50, p50 * 4, p50 * 10),
})

test('median of odd and even lists', (t) => {
  t.is(median([3, 1, 2]), 2)
  t.is(median([4, 1, 3, 2]), 2.5)
})

test('producer rounds fold into totals over total time, counts per status summed, latency medians', (t) => {
  const all = combineProducerRounds([round(1000, 1000, 5), round(3000, 1000, 2, {SEND_OK: 2990, SERVICE_NOT_AVAILABLE: 10}), round(2000, 1000, 3)])!
  t.like(all, {sent: 6000, ok: 5990, failed: 10, elapsedMs: 3000, tps: 2000, byStatus: {SEND_OK: 5990, SERVICE_NOT_AVAILABLE: 10}})
  t.is(all.latency.count, 6000)
  t.is(all.latency.p50, 3)
  t.is(all.latency.max, 50)
  t.is(all.latency.avg, (1000 * 7.5 + 3000 * 3 + 2000 * 4.5) / 6000, 'avg weighted by count')
  t.is(combineProducerRounds([]), null)
})

test('probe rounds fold into one rate; empty latency parts are ignored', (t) => {
  const p = (count: number, elapsedMs: number, p50: number) => ({
    frameSize: 1371,
    inflight: 1,
    count,
    elapsedMs,
    rate: (count * 1000) / elapsedMs,
    latency: lat(count, p50, p50, p50 * 2, p50 * 3),
  })
  const all = combineProbeRounds([p(500, 1000, 0.05), p(1500, 1000, 0.04)])!
  t.is(all.rate, 1000)
  t.is(all.latency.p50, 0.045)
  t.deepEqual(combineLatency([lat(0, 0, 0, 0, 0)]), {count: 0, min: 0, avg: 0, p50: 0, p99: 0, max: 0})
  t.is(combineLatency([lat(0, 0, 0, 0, 0), lat(10, 1, 1, 2, 3)]).min, 0.5)
})
