/**
 * The self-contained HTML report of one run: no script, no external file, no network. Charts are inline
 * SVG (svg-chart.ts), everything else plain tables. Pure: result + history in, one HTML string out.
 */
import type {History} from '../checker/index.js'
import type {ExperimentResult} from '../run/experiment-result.js'
import {compareClaims} from './prediction-check.js'
import {claimsFor} from './seed-claims.js'
import {deliverySeries, latencyPoints, throughputSeries} from './series.js'
import {escapeXml as e, renderBars, renderChart} from './svg-chart.js'

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:940px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f5}.pass{color:#2b8a3e}.fail{color:#c92a2a;font-weight:bold}.unknown{color:#e67700;font-weight:bold}.report{color:#555}
.verdict{font-size:18px;padding:6px 10px;display:inline-block;border-radius:4px}.v-valid{background:#d3f9d8}.v-invalid{background:#ffe3e3}.v-unknown{background:#fff3bf}
figure{margin:10px 0}figcaption{font-weight:600;margin-bottom:2px}blockquote{margin:4px 0;padding:2px 10px;border-left:3px solid #adb5bd;color:#495057}
code{background:#f1f3f5;padding:0 3px}`

function fmt(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(1)
  if (typeof v === 'object') return e(JSON.stringify(v))
  return e(String(v))
}

function table(head: string[], rows: unknown[][], cls = ''): string {
  return `<table class="${cls}"><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${typeof c === 'string' && c.startsWith('<') ? c : fmt(c)}</td>`).join('')}</tr>`).join('')}</table>`
}

export function renderHtmlReport(result: ExperimentResult, history: History): string {
  const c = result.check
  const q = c.queue
  const windows = c.windows
  const end = history.end
  const charts = [
    renderChart({
      id: 'throughput',
      title: 'Sends completed per second, by outcome (fault windows shaded)',
      yLabel: 'msg/s',
      series: throughputSeries(history),
      windows,
      endMs: end,
      kind: 'line',
      colourBy: 'outcome',
    }),
    renderChart({
      id: 'latency',
      title: 'Send latency, each send at its completion (log scale)',
      yLabel: 'ms',
      series: latencyPoints(history),
      windows,
      endMs: end,
      kind: 'dots',
      logY: true,
      colourBy: 'outcome',
    }),
    renderChart({
      id: 'deliveries',
      title: 'Deliveries per second, by who served them (broker#brokerId: 0 master, >0 slave)',
      yLabel: 'msg/s',
      series: deliverySeries(history),
      windows,
      endMs: end,
      kind: 'line',
    }),
    renderBars('served-by', 'Messages delivered per broker and brokerId', result.stats.deliveredBy),
    renderBars('stored-on', 'Acknowledged sends per broker group', result.stats.storedOn),
  ]
  const checkRows = c.checks.map((k) => [
    k.name,
    typeof k.expected === 'object' ? JSON.stringify(k.expected) : String(k.expected),
    k.actual,
    `<span class="${k.status}">${k.status}</span>`,
    k.note ?? '',
  ])
  const outcome = [
    ['attempted', q.attempted, 'every send the workload made'],
    ['acknowledged', q.acknowledged, `a stored status came back (${q.degraded} of them not SEND_OK)`],
    ['failed', q.failed, 'refused before storing'],
    ['unknown', q.unknown, 'no answer came (timeout, connection closed)'],
    ['lost', q.lost.length, 'acknowledged, never delivered'],
    ['recovered', q.recovered.length, 'unknown, yet delivered: it had been stored'],
    ['stored twice', q.storedTwice.length, 'one send at two positions: a retry after a lost answer'],
    ['delivered twice', q.deliveredTwice.length, 'one position delivered again (redelivery)'],
    ['unexpected', q.unexpected.length, 'delivered, never sent'],
    ['failed but stored', q.failedButStored.length, 'the client was told "not stored" wrongly'],
    ['reordered', c.reorders.length, 'ordered workloads only'],
  ]
  const avail = c.availability.map((a) => [
    a.group,
    a.fault,
    a.start,
    a.end,
    a.writeUnavailableMs,
    a.anyWriteUnavailableMs,
    a.readWaiting ? a.readUnavailableMs : 'nothing waiting',
    a.firstReadBrokerId,
    a.waitedForRestart,
    a.neverDelivered,
  ])
  const predicted = result.predictions.map((p) => {
    const rows = compareClaims(p.prediction, c, result.stats, result.timing)
    const list =
      rows.length > 0
        ? rows.map((r) => `<tr><td>${e(r.predicted)}</td><td>${e(r.measured || '—')}</td></tr>`).join('')
        : p.prediction.effects.map((x) => `<tr><td>${e(x)}</td><td>—</td></tr>`).join('')
    return `<h3>${e(p.prediction.state === 'paused' ? 'pause' : 'kill')} ${e(p.node)} at ${(p.t / 1000).toFixed(2)} s</h3><table class="predicted-measured"><tr><th>predicted by mqlab kill</th><th>measured</th></tr>${list}</table><ul>${p.prediction.effects.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`
  })
  const claims = claimsFor(result.template).map((cl) => {
    const k = c.checks.find((x) => x.name === cl.measure)
    const v = k?.actual ?? null
    const holds = v === null ? 'undecided' : cl.holdsWhen === 'zero' ? (v === 0 ? 'holds' : 'contradicted') : 'measured'
    return [`<blockquote>${e(cl.claim)}</blockquote>`, cl.measure, v, holds]
  })
  const samples = (title: string, rows: Array<Record<string, unknown>>) =>
    rows.length === 0
      ? ''
      : `<h3>${e(title)} (first ${Math.min(rows.length, 50)} of ${rows.length})</h3>${table(
          Object.keys(rows[0]!),
          rows.slice(0, 50).map((r) => Object.values(r)),
        )}`
  const timeline = result.timeline.map((s) => [
    s.appliedAt === null ? '—' : (s.appliedAt / 1000).toFixed(2) + ' s',
    s.at === 'drained' ? 'drained' : `${(s.at / 1000).toFixed(2)} s`,
    s.action,
    s.targetsResolved.join(' ~ ') || s.targets.join(' ~ '),
    s.error ?? '',
  ])
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>mqlab experiment ${e(result.scenario)} on ${e(result.template ?? 'lab')}</title><style>${STYLE}</style></head><body>
<h1>${e(result.scenario)} on ${e(result.template ?? 'the lab')}</h1>
<p>${e(result.description ?? '')}</p>
<p><span class="verdict v-${c.verdict}" id="verdict">${c.verdict.toUpperCase()}</span> seed ${result.seed}, client timing ${e(result.timing)}, started ${e(result.startedAt)}, workload ${result.workload.durationMs / 1000} s on topic <code>${e(result.workload.topic)}</code>.</p>
<p>${result.stats.sends} sends, ${result.stats.acknowledged} acknowledged, ${result.stats.throughput} msg/s; latency p50 ${result.stats.latency.p50} ms, p99 ${result.stats.latency.p99} ms, max ${result.stats.latency.max} ms. Send statuses: ${e(
    Object.entries(result.stats.byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  )}.</p>
<h2>Fault timeline</h2>${table(['applied', 'planned', 'action', 'target', 'error'], timeline)}
<h2>Over time</h2>${charts.join('\n')}
<h2>What happened to the messages</h2>${table(['outcome', 'count', 'meaning'], outcome, 'outcome-table')}
<h2>Checks</h2>${table(['check', 'expected', 'measured', 'status', 'note'], checkRows, 'checks')}
<h2>Unavailability per broker group</h2>${table(['group', 'fault', 'start ms', 'end ms', 'group writes back after ms', 'any write after ms', 'first read after ms', 'served by brokerId', 'waited for restart', 'never delivered'], avail)}
<h2>Predicted by <code>mqlab kill</code> and measured</h2>${predicted.length === 0 ? '<p>No kill in this run.</p>' : predicted.join('')}
<h2>What the seeds claim, and the figure</h2>${claims.length === 0 ? '<p>No claim for this template.</p>' : table(['claim', 'measure', 'measured', ''], claims, 'claims')}
<h2>Details</h2>
${samples('Lost', q.lost as unknown as Array<Record<string, unknown>>)}
${samples('Recovered', q.recovered as unknown as Array<Record<string, unknown>>)}
${samples(
  'Stored twice',
  q.storedTwice.map((s) => ({
    msgId: s.send.msgId,
    value: s.send.value,
    status: s.send.status,
    positions: s.positions.map((p) => `${p.broker}/${p.queueId}/${p.queueOffset}`).join(' '),
  })),
)}
${samples(
  'Delivered twice',
  q.deliveredTwice.map((d) => ({
    msgId: d.msgId,
    position: `${d.position.broker}/${d.position.queueId}/${d.position.queueOffset}`,
    deliveries: d.deliveries,
    servedBy: d.servedBy.join(' '),
  })),
)}
${samples(
  'Unexpected',
  q.unexpected.map((u) => ({msgId: u.msgId, value: u.value, position: `${u.position.broker}/${u.position.queueId}/${u.position.queueOffset}`})),
)}
<p>Raw history: <code>ledger.jsonl</code> (one send, delivery or fault per line); everything above: <code>result.json</code>.</p>
${
  result.problems.length > 0
    ? `<h3>Client problems met</h3><ul>${result.problems
        .slice(0, 30)
        .map((p) => `<li>${e(p)}</li>`)
        .join('')}</ul>`
    : ''
}
</body></html>
`
}
