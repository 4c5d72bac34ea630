/**
 * `npm run bench -- --compare FILE`: each target of this run against the same target in an earlier
 * results file (bench/results/*.json), as the ratio of the two runs' ratios, so a regression shows as
 * a number. Comparing ratios, not raw rates, keeps the comparison fair across differently loaded runs.
 * Pure: rows in, rows out.
 */
import type {TargetRow} from './bench-targets.js'

/** One target, then and now. */
export interface ComparedRow {
  id: string
  target: string
  before: string
  now: string
  /** now.ratio / before.ratio; null when either run did not measure it. */
  change: number | null
  /** Beyond `tolerance` in the bad direction: worse; in the good one: better. */
  verdict: 'better' | 'same' | 'worse' | 'n/a'
}

/** Compares this run's rows with an earlier run's (matched by id; targets new since then show "n/a"). */
export function compareTargets(before: readonly TargetRow[], now: readonly TargetRow[], tolerance = 0.1): ComparedRow[] {
  const earlier = new Map(before.map((r) => [r.id, r]))
  return now.map((r) => {
    const b = earlier.get(r.id)
    const base = {id: r.id, target: r.target, before: b === undefined ? 'not in that run' : b.measured, now: r.measured}
    if (b === undefined || b.ratio === null || r.ratio === null || b.ratio === 0) return {...base, change: null, verdict: 'n/a' as const}
    const change = r.ratio / b.ratio
    // ≥ targets: higher is better; ≤ and < targets: lower is better. A ratio that changed sign (a
    // command's excess over node going negative) is read by the difference instead.
    const higherIsBetter = r.comparison === '>='
    const delta = b.ratio > 0 && r.ratio > 0 ? change - 1 : (r.ratio - b.ratio) / Math.abs(b.ratio)
    const improvement = higherIsBetter ? delta : -delta
    const verdict = improvement > tolerance ? 'better' : improvement < -tolerance ? 'worse' : 'same'
    return {...base, change, verdict}
  })
}
