/**
 * Latency percentiles over a set of samples, as RocketMQ's benchmark tools report them (average, p50,
 * p99, max RT). Pure: it sorts a copy and never looks at a clock.
 */

/** Summary of a set of latency samples, in milliseconds. */
export interface LatencySummary {
  count: number
  min: number
  avg: number
  p50: number
  p99: number
  max: number
}

/**
 * The nearest-rank percentile of already sorted samples: the smallest sample such that at least `p`
 * percent of the samples are at or below it. 0 for an empty list.
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  if (p <= 0) return sorted[0]!
  if (p >= 100) return sorted[sorted.length - 1]!
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.max(0, rank - 1)]!
}

/** min/avg/p50/p99/max of `samples` (milliseconds); all zeros when there are none. */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return {count: 0, min: 0, avg: 0, p50: 0, p99: 0, max: 0}
  const sorted = Float64Array.from(samples).sort()
  let sum = 0
  for (const v of sorted) sum += v
  const asArray = Array.from(sorted)
  return {
    count: sorted.length,
    min: sorted[0]!,
    avg: sum / sorted.length,
    p50: percentileOfSorted(asArray, 50),
    p99: percentileOfSorted(asArray, 99),
    max: sorted[sorted.length - 1]!,
  }
}
