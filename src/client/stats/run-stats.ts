/**
 * The summary a send or consume run reports: how many, how fast, how long each took, and how many
 * ended in each status. Pure: callers pass the elapsed time they measured.
 */
import {summarizeLatencies, type LatencySummary} from './latency-stats.js'

/**
 * How a sample ended: `ok` (SEND_OK, or a consumed message), `degraded` (stored on the master but a
 * flush or the slave did not confirm in time: FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT,
 * SLAVE_NOT_AVAILABLE — RocketMQ returns these as results, not errors) or `failed` (not stored).
 */
export type SampleOutcome = 'ok' | 'degraded' | 'failed'

/** One outcome to summarise: its status name (SEND_OK, FLUSH_SLAVE_TIMEOUT, an error code…) and latency. */
export interface RunSample {
  status: string
  latencyMs: number
  outcome: SampleOutcome
}

/** Totals, throughput and latency of a run. */
export interface RunStats {
  total: number
  ok: number
  degraded: number
  failed: number
  /** Count of samples per status name, keys in first-seen order. */
  byStatus: Record<string, number>
  elapsedMs: number
  /** Samples per second over `elapsedMs` (0 when nothing was measured). */
  throughput: number
  latency: LatencySummary
}

/** Summarises samples over a run that took `elapsedMs`. */
export function summarizeRun(samples: readonly RunSample[], elapsedMs: number): RunStats {
  const byStatus: Record<string, number> = {}
  const counts: Record<SampleOutcome, number> = {ok: 0, degraded: 0, failed: 0}
  const latencies: number[] = new Array(samples.length)
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!
    byStatus[s.status] = (byStatus[s.status] ?? 0) + 1
    counts[s.outcome]++
    latencies[i] = s.latencyMs
  }
  return {
    total: samples.length,
    ...counts,
    byStatus,
    elapsedMs,
    throughput: throughput(samples.length, elapsedMs),
    latency: summarizeLatencies(latencies),
  }
}

/** Items per second; 0 when the elapsed time is not positive. */
export function throughput(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : 0
}
