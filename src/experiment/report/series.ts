/** Time series for the report's charts, bucketed from the history. Pure. */
import type {History} from '../checker/index.js'

export interface Series {
  name: string
  points: Array<[number, number]>
}

/** Counts per bucket of `bucketMs`, by a key of each record. */
function bucketCount<T>(items: readonly T[], time: (x: T) => number, key: (x: T) => string | undefined, end: number, bucketMs: number): Series[] {
  const n = Math.max(1, Math.ceil(end / bucketMs))
  const byKey = new Map<string, number[]>()
  for (const x of items) {
    const k = key(x)
    if (k === undefined) continue
    const b = Math.min(n - 1, Math.max(0, Math.floor(time(x) / bucketMs)))
    const arr = byKey.get(k) ?? new Array<number>(n).fill(0)
    arr[b]!++
    byKey.set(k, arr)
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, arr]) => ({name, points: arr.map((c, i) => [i * bucketMs, (c * 1000) / bucketMs] as [number, number])}))
}

export function bucketFor(end: number): number {
  return end <= 20_000 ? 250 : end <= 120_000 ? 1000 : 5000
}

/** Sends completed per second by outcome (ok / failed / unknown). */
export function throughputSeries(h: History): Series[] {
  return bucketCount(
    h.sends,
    (s) => s.t + s.latencyMs,
    (s) => s.outcome,
    h.end,
    bucketFor(h.end),
  )
}

/** Deliveries per second by who served them (broker#brokerId). */
export function deliverySeries(h: History): Series[] {
  return bucketCount(
    h.consumes,
    (c) => c.t,
    (c) => `${c.broker}#${c.brokerId}`,
    h.end,
    bucketFor(h.end),
  )
}

/** Each send's latency at its completion, by outcome (a scatter, as OpenChaos and Jepsen plot it). */
export function latencyPoints(h: History, limit = 20_000): Series[] {
  const step = Math.max(1, Math.ceil(h.sends.length / limit))
  const by = new Map<string, Array<[number, number]>>()
  h.sends.forEach((s, i) => {
    if (i % step !== 0 && s.outcome === 'ok') return
    const arr = by.get(s.outcome) ?? []
    arr.push([s.t + s.latencyMs, Math.max(0.01, s.latencyMs)])
    by.set(s.outcome, arr)
  })
  return [...by.entries()].map(([name, points]) => ({name, points}))
}
