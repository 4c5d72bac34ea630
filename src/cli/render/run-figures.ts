/** Number formats shared by the send, consume and bench reports. */
import type {LatencySummary} from '../../client/stats/latency-stats.js'

/** "0.38 ms", "12.4 ms", "1530 ms". */
export function ms(value: number): string {
  if (value < 10) return `${value.toFixed(2)} ms`
  if (value < 100) return `${value.toFixed(1)} ms`
  return `${Math.round(value)} ms`
}

/** "3451 msg/s" (no decimals above 100, so columns stay readable). */
export function rate(perSecond: number, unit = 'msg/s'): string {
  return `${perSecond >= 100 ? Math.round(perSecond) : perSecond.toFixed(1)} ${unit}`
}

/** "p50 1.20 ms, p99 8.60 ms (avg 2.00 ms, max 30.1 ms)". */
export function latencyLine(l: LatencySummary): string {
  return `p50 ${ms(l.p50)}, p99 ${ms(l.p99)} (avg ${ms(l.avg)}, max ${ms(l.max)})`
}

/** "SEND_OK 998, FLUSH_SLAVE_TIMEOUT 2". */
export function countsLine(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
}

/** A text cut to `max` characters with an ellipsis, on one line. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ')
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}
