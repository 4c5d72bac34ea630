/**
 * `mqlab experiment compare NAME --templates a,b,c`: the scenario on a fresh lab per template, one row
 * each (lost, recovered, stored/delivered twice, unavailability, throughput, p99), as the seeds compare
 * the modes in prose. A template the lab cannot run (DLedger on a runtime without it) gets a row that
 * says why instead of a number.
 */
import fs from 'node:fs'
import path from 'node:path'
import type {History} from '../checker/index.js'
import {reportDirName, writeReport} from '../report/report-files.js'
import {escapeXml as e} from '../report/svg-chart.js'
import type {ExperimentResult} from '../run/experiment-result.js'
import {runExperiment} from '../run/run-experiment.js'
import type {Scenario} from '../scenario/scenario.js'

export interface CompareRow {
  template: string
  verdict: 'valid' | 'invalid' | 'unknown' | 'not run'
  sends: number | null
  acknowledged: number | null
  lost: number | null
  recovered: number | null
  storedTwice: number | null
  deliveredTwice: number | null
  waitedForRestart: number | null
  /** Worst per group: fault → the group takes writes again (ms; null: not within the run). */
  writeUnavailableMs: number | null
  /** Worst: fault → the first acknowledged send anywhere. */
  anyWriteUnavailableMs: number | null
  /** Worst: fault (or the consumers' start) → the first read of the group's messages. */
  readUnavailableMs: number | null
  /** brokerId that served the dead group's first read (0 master, >0 slave). */
  readServedBy: number | null
  throughput: number | null
  p99: number | null
  report: string | null
  error?: string
}

export interface CompareResult {
  scenario: string
  seed: number
  timing: 'java' | 'fast'
  dir: string
  rows: CompareRow[]
  html: string
}

export function rowOf(template: string, r: ExperimentResult): CompareRow {
  const c = r.check
  const a = c.availability
  const worst = (vals: Array<number | null>) => (vals.length === 0 ? null : vals.some((v) => v === null) ? null : Math.round(Math.max(...(vals as number[]))))
  const reads = a.filter((x) => x.readWaiting)
  return {
    template,
    verdict: c.verdict,
    sends: r.stats.sends,
    acknowledged: r.stats.acknowledged,
    lost: c.queue.lost.length,
    recovered: c.queue.recovered.length,
    storedTwice: c.queue.storedTwice.length,
    deliveredTwice: c.queue.deliveredTwice.length,
    waitedForRestart: a.reduce((n, x) => n + x.waitedForRestart, 0),
    writeUnavailableMs: worst(a.map((x) => x.writeUnavailableMs)),
    anyWriteUnavailableMs: worst(a.map((x) => x.anyWriteUnavailableMs)),
    readUnavailableMs: worst(reads.map((x) => x.readUnavailableMs)),
    readServedBy: reads[0]?.firstReadBrokerId ?? null,
    throughput: r.stats.throughput,
    p99: r.stats.latency.p99,
    report: r.report?.html ?? null,
  }
}

export const COMPARE_COLUMNS: Array<[keyof CompareRow, string]> = [
  ['template', 'template'],
  ['verdict', 'verdict'],
  ['acknowledged', 'acked'],
  ['lost', 'lost'],
  ['recovered', 'recovered'],
  ['storedTwice', 'stored 2x'],
  ['deliveredTwice', 'delivered 2x'],
  ['waitedForRestart', 'waited for restart'],
  ['anyWriteUnavailableMs', 'writes blocked ms'],
  ['writeUnavailableMs', 'group writes back ms'],
  ['readUnavailableMs', 'first read ms'],
  ['readServedBy', 'read served by'],
  ['throughput', 'msg/s'],
  ['p99', 'p99 ms'],
]

export function cell(row: CompareRow, key: keyof CompareRow): string {
  const v = row[key]
  if (row.verdict === 'not run' && key !== 'template' && key !== 'verdict') return ''
  if (key === 'readServedBy') return v === null ? '—' : v === 0 ? 'master' : `slave #${v}`
  if (v === null || v === undefined) return key.endsWith('Ms') ? 'not in run' : '—'
  return String(v)
}

export function renderCompareHtml(result: CompareResult): string {
  const head = COMPARE_COLUMNS.map(([, h]) => `<th>${e(h)}</th>`).join('')
  const rows = result.rows
    .map(
      (r) =>
        `<tr class="v-${r.verdict.replace(' ', '-')}">${COMPARE_COLUMNS.map(([k]) => (k === 'template' && r.report ? `<td><a href="${e(path.relative(result.dir, r.report))}">${e(r.template)}</a></td>` : `<td>${e(cell(r, k))}</td>`)).join('')}</tr>` +
        (r.error ? `<tr><td colspan="${COMPARE_COLUMNS.length}">${e(r.template)}: ${e(r.error)}</td></tr>` : ''),
    )
    .join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>mqlab compare ${e(result.scenario)}</title><style>body{font:14px system-ui,sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px}th{background:#f5f5f5}.v-invalid{background:#ffe3e3}.v-unknown,.v-not-run{background:#fff3bf}</style></head><body><h1>${e(result.scenario)} across templates</h1><p>seed ${result.seed}, client timing ${e(result.timing)}; each row a fresh lab (its link opens the full report).</p><table class="compare"><tr>${head}</tr>${rows}</table></body></html>\n`
}

export async function runCompare(
  scenario: Scenario,
  templates: readonly string[],
  options: {dir: string; seed: number; timing?: 'java' | 'fast'; onProgress?: (line: string) => void; signal?: AbortSignal},
): Promise<CompareResult> {
  const base = path.resolve(options.dir, reportDirName(new Date().toISOString(), `compare-${scenario.name}`))
  fs.mkdirSync(base, {recursive: true})
  const rows: CompareRow[] = []
  let timing: 'java' | 'fast' = options.timing ?? scenario.timing ?? 'java'
  for (const template of templates) {
    if (options.signal?.aborted) throw options.signal.reason
    options.onProgress?.(`${template}: fresh lab`)
    try {
      const {result} = await runExperiment(scenario, {
        dir: path.join(base, template),
        seed: options.seed,
        template,
        timing: options.timing,
        signal: options.signal,
        onProgress: (line) => options.onProgress?.(`${template}: ${line}`),
        writeReport: (r: ExperimentResult, h: History) => writeReport(r.dir, r, h),
      })
      timing = result.timing
      rows.push(rowOf(template, result))
    } catch (err) {
      if (options.signal?.aborted) throw err
      const empty = Object.fromEntries(COMPARE_COLUMNS.map(([k]) => [k, null])) as unknown as CompareRow
      rows.push({...empty, template, verdict: 'not run', report: null, error: err instanceof Error ? err.message : String(err)})
    }
  }
  const result: CompareResult = {scenario: scenario.name, seed: options.seed, timing, dir: base, rows, html: path.join(base, 'compare.html')}
  fs.writeFileSync(result.html, renderCompareHtml(result))
  fs.writeFileSync(path.join(base, 'compare.json'), JSON.stringify(result, null, 2) + '\n')
  return result
}
