/** The terminal summary of a run (and of a comparison). Plain text lines; colours by the caller. */
import {renderTable} from '../table.js'
import type {ExperimentResult} from '../../experiment/run/experiment-result.js'
import {claimsFor} from '../../experiment/report/seed-claims.js'

function ms(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${Math.round(v)} ms`
}

export function renderRunSummary(r: ExperimentResult): string {
  const c = r.check
  const q = c.queue
  const lines: string[] = []
  lines.push(`${r.scenario} on ${r.template ?? 'the lab'} (seed ${r.seed}, timing ${r.timing}): ${c.verdict.toUpperCase()}`)
  lines.push(
    `  ${r.stats.sends} sends, ${r.stats.acknowledged} acknowledged (${q.degraded} not SEND_OK), ${q.failed} failed, ${q.unknown} unknown; ${r.stats.throughput} msg/s, p99 ${r.stats.latency.p99} ms`,
  )
  lines.push('')
  lines.push(
    renderTable(
      ['lost', 'recovered', 'stored twice', 'delivered twice', 'unexpected', 'failed but stored', 'reordered'],
      [
        [
          q.lost.length,
          q.recovered.length,
          q.storedTwice.length,
          q.deliveredTwice.length,
          q.unexpected.length,
          q.failedButStored.length,
          c.reorders.length,
        ].map(String),
      ],
    ),
  )
  if (c.availability.length > 0) {
    lines.push(
      renderTable(
        ['group', 'fault', 'group writes back', 'any write', 'first read', 'served by', 'waited for restart'],
        c.availability.map((a) => [
          a.group,
          a.fault,
          ms(a.writeUnavailableMs),
          ms(a.anyWriteUnavailableMs),
          a.readWaiting ? ms(a.readUnavailableMs) : 'nothing waiting',
          a.firstReadBrokerId === null ? '—' : a.firstReadBrokerId === 0 ? 'master' : `slave #${a.firstReadBrokerId}`,
          String(a.waitedForRestart),
        ]),
      ),
    )
  }
  lines.push(
    renderTable(
      ['check', 'expected', 'measured', 'status'],
      c.checks.map((k) => [
        k.name,
        typeof k.expected === 'object' ? JSON.stringify(k.expected) : String(k.expected),
        k.actual === null ? '—' : String(Math.round(k.actual * 10) / 10),
        k.status + (k.note ? ` (${k.note})` : ''),
      ]),
    ),
  )
  for (const cl of claimsFor(r.template)) {
    const k = c.checks.find((x) => x.name === cl.measure)
    lines.push(`  claim: "${cl.claim}" → ${cl.measure} = ${k?.actual ?? '—'}`)
  }
  for (const s of r.timeline) if (s.error) lines.push(`  step ${s.action} ${s.targets.join(' ')} failed: ${s.error}`)
  if (r.report) lines.push('', `report: ${r.report.html}`, `ledger: ${r.report.ledger}`)
  return lines.join('\n')
}
