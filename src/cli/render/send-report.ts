/** Terminal rendering of `mqlab send`: one line per message (small runs on a terminal) and the summary. */
import type {SendReport, SendRunResult} from '../../client/producer/send-report.js'
import {paletteFor} from '../palette.js'
import {countsLine, latencyLine, ms, rate} from './run-figures.js'

/** "#3 SEND_OK broker-a q2@17 msgId=… offsetMsgId=… 1.20 ms", plus the attempts when it retried. */
export function renderSendLine(r: SendReport): string {
  const c = paletteFor()
  const paint = r.outcome === 'ok' ? c.green : r.outcome === 'degraded' ? c.yellow : c.red
  const where = r.brokerName === undefined ? '' : ` ${r.brokerName} q${r.queueId ?? '?'}${r.queueOffset === undefined ? '' : `@${r.queueOffset}`}`
  const ids = r.outcome === 'failed' ? ` ${r.error?.message ?? ''}` : ` msgId=${r.msgId ?? ''} offsetMsgId=${r.offsetMsgId ?? ''}`
  const line = `#${r.index} ${paint(r.status)}${where}${ids} ${c.dim(ms(r.latencyMs))}`
  return r.retried ? `${line}\n    ${c.dim(`retried: ${attemptsText(r)}`)}` : line
}

/** "broker-a CONNECT_FAILED → broker-b SEND_OK". */
export function attemptsText(r: SendReport): string {
  return r.attempts.map((a) => `${a.brokerName} ${a.status}`).join(' → ')
}

/** The summary lines, and the first failures when some messages were not stored. */
export function renderSendSummary(result: SendRunResult & {summary: {topic: string}}, maxFailures = 5): string {
  const c = paletteFor()
  const s = result.summary
  const head = `sent ${s.total} to ${s.topic}: ${c.green(`${s.ok} ok`)}${s.degraded > 0 ? `, ${c.yellow(`${s.degraded} stored but not confirmed`)}` : ''}, ${s.failed > 0 ? c.red(`${s.failed} failed`) : '0 failed'} (${countsLine(s.byStatus) || 'nothing sent'})`
  // A run that stored nothing has no throughput to speak of (failures come back fast).
  const figures =
    s.ok + s.degraded === 0
      ? `nothing stored in ${ms(s.elapsedMs)}`
      : `throughput ${rate(s.throughput)} over ${ms(s.elapsedMs)}; latency ${latencyLine(s.latency)}`
  const lines = [head, figures]
  if (s.retried > 0)
    lines.push(
      c.yellow(`retried ${s.retried} message${s.retried === 1 ? '' : 's'} on another broker after a failure (as RocketMQ's producer, up to 2 retries)`),
    )
  const failures = result.messages.filter((m) => m.outcome === 'failed')
  for (const f of failures.slice(0, maxFailures)) lines.push(c.red(`  #${f.index} ${f.status}: ${f.error?.message ?? ''}`))
  if (failures.length > maxFailures) lines.push(c.red(`  … and ${failures.length - maxFailures} more failures (see --json)`))
  return lines.join('\n')
}
