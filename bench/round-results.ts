/**
 * Phases measured in alternating rounds (probe, ASYNC_FLUSH, SYNC_FLUSH, probe, …) so a shared
 * machine's drifting load hits every figure alike; these fold the rounds of one kind back into one
 * result. Rates are totals over total time; avg is weighted by count; p50 and p99 are the median of the
 * rounds' values (the rounds keep no raw samples); max is the largest. Pure.
 */
import type {LatencySummary} from '../src/client/stats/latency-stats.js'
import type {ProbeResult} from '../src/bench/loopback-probe.js'
import type {ProducerBenchResult} from '../src/bench/producer-bench.js'

/** The median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Latency summaries of several rounds folded into one. */
export function combineLatency(parts: readonly LatencySummary[]): LatencySummary {
  const count = parts.reduce((n, p) => n + p.count, 0)
  if (count === 0) return {count: 0, min: 0, avg: 0, p50: 0, p99: 0, max: 0}
  const used = parts.filter((p) => p.count > 0)
  return {
    count,
    min: Math.min(...used.map((p) => p.min)),
    avg: used.reduce((sum, p) => sum + p.avg * p.count, 0) / count,
    p50: median(used.map((p) => p.p50)),
    p99: median(used.map((p) => p.p99)),
    max: Math.max(...used.map((p) => p.max)),
  }
}

/** Producer rounds of one kind as one result (undefined for none). */
export function combineProducerRounds(rounds: readonly ProducerBenchResult[]): ProducerBenchResult | null {
  const first = rounds[0]
  if (first === undefined) return null
  const sum = (f: (r: ProducerBenchResult) => number) => rounds.reduce((n, r) => n + f(r), 0)
  const byStatus: Record<string, number> = {}
  for (const r of rounds) for (const [k, v] of Object.entries(r.byStatus)) byStatus[k] = (byStatus[k] ?? 0) + v
  const elapsedMs = sum((r) => r.elapsedMs)
  const sent = sum((r) => r.sent)
  return {
    topic: first.topic,
    size: first.size,
    inflight: first.inflight,
    sent,
    ok: sum((r) => r.ok),
    degraded: sum((r) => r.degraded),
    failed: sum((r) => r.failed),
    byStatus,
    elapsedMs,
    tps: elapsedMs > 0 ? (sent * 1000) / elapsedMs : 0,
    latency: combineLatency(rounds.map((r) => r.latency)),
  }
}

/** Probe rounds as one result (undefined for none). */
export function combineProbeRounds(rounds: readonly ProbeResult[]): ProbeResult | null {
  const first = rounds[0]
  if (first === undefined) return null
  const count = rounds.reduce((n, r) => n + r.count, 0)
  const elapsedMs = rounds.reduce((n, r) => n + r.elapsedMs, 0)
  return {
    frameSize: first.frameSize,
    inflight: first.inflight,
    count,
    elapsedMs,
    rate: elapsedMs > 0 ? (count * 1000) / elapsedMs : 0,
    latency: combineLatency(rounds.map((r) => r.latency)),
  }
}
