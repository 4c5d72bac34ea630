/** What one experiment run produced: JSON as is (the --json result and the report's result.json). */
import type {KillPrediction} from '../../lab/kill-prediction.js'
import type {CheckReport, History} from '../checker/index.js'
import type {ClaimRow} from '../report/prediction-check.js'
import type {PlannedStep} from '../scenario/timeline.js'

export interface ExperimentResult {
  scenario: string
  description?: string
  template: string | null
  seed: number
  timing: 'java' | 'fast'
  dir: string
  /** Whether the experiment made the lab (and stopped it afterwards). */
  freshLab: boolean
  startedAt: string
  timeline: Array<PlannedStep & {appliedAt: number | null; targetsResolved: string[]; error?: string}>
  /** What `mqlab kill` predicted for each kill, with when. */
  predictions: Array<{t: number; node: string; prediction: KillPrediction; compared?: ClaimRow[]}>
  workload: {durationMs: number; topic: string; group: string}
  stats: RunStats
  check: CheckReport
  /** Client problems met on the way (deduplicated). */
  problems: string[]
  /** Where the report went (folder, report.html, ledger.jsonl). */
  report: {dir: string; html: string; ledger: string} | null
}

export interface RunStats {
  sends: number
  acknowledged: number
  throughput: number
  latency: {p50: number; p99: number; max: number}
  byStatus: Record<string, number>
  /** Deliveries per "broker#brokerId". */
  deliveredBy: Record<string, number>
  /** Acknowledged sends per broker group. */
  storedOn: Record<string, number>
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export function runStats(history: History, durationMs: number): RunStats {
  const acked = history.sends.filter((s) => s.outcome === 'ok')
  const lat = acked.map((s) => s.latencyMs).sort((a, b) => a - b)
  const byStatus: Record<string, number> = {}
  for (const s of history.sends) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1
  const deliveredBy: Record<string, number> = {}
  for (const c of history.consumes) deliveredBy[`${c.broker}#${c.brokerId}`] = (deliveredBy[`${c.broker}#${c.brokerId}`] ?? 0) + 1
  const storedOn: Record<string, number> = {}
  for (const s of acked) if (s.broker) storedOn[s.broker] = (storedOn[s.broker] ?? 0) + 1
  const round = (x: number) => Math.round(x * 100) / 100
  return {
    sends: history.sends.length,
    acknowledged: acked.length,
    throughput: durationMs > 0 ? round((acked.length * 1000) / durationMs) : 0,
    latency: {p50: round(percentile(lat, 50)), p99: round(percentile(lat, 99)), max: round(lat[lat.length - 1] ?? 0)},
    byStatus,
    deliveredBy,
    storedOn,
  }
}
