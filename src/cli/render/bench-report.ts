/** Terminal rendering of `mqlab bench`: RocketMQ benchmark figures per phase, and ratios to the probe. */
import type {ClusterBenchResult} from '../../bench/cluster-bench.js'
import {renderTable} from '../table.js'

const n = (v: number) => (v < 10 ? v.toFixed(3) : v.toFixed(1))

/** The figures table and the ratio line. */
export function renderBench(r: ClusterBenchResult): string {
  const rows: string[][] = []
  const p = r.producer
  if (r.probe)
    rows.push([
      `raw loopback probe (${r.probe.frameSize}-byte frames)`,
      String(Math.round(r.probe.rate)),
      n(r.probe.latency.avg),
      n(r.probe.latency.p50),
      n(r.probe.latency.p99),
      n(r.probe.latency.max),
      '0',
    ])
  rows.push([
    `produce ${p.sent} × ${p.size} B, ${p.inflight} in flight`,
    String(Math.round(p.tps)),
    n(p.latency.avg),
    n(p.latency.p50),
    n(p.latency.p99),
    n(p.latency.max),
    String(p.failed),
  ])
  if (r.consumer) {
    const l = r.consumer.endToEndLatency
    rows.push([`consume ${r.consumer.consumed} (RT = born → delivered)`, String(Math.round(r.consumer.tps)), n(l.avg), n(l.p50), n(l.p99), n(l.max), '0'])
  }
  const lines = [renderTable(['phase', 'TPS', 'avg RT ms', 'p50 ms', 'p99 ms', 'max RT ms', 'failures'], rows)]
  if (p.degraded > 0)
    lines.push(
      `${p.degraded} sends were stored but not confirmed (${Object.keys(p.byStatus)
        .filter((k) => k !== 'SEND_OK')
        .join(', ')})`,
    )
  if (r.ratios) {
    const c = r.ratios.consumeToProduce
    lines.push(`produce = ${(r.ratios.produceToProbe * 100).toFixed(0)}% of the raw probe rate${c === null ? '' : `; consume = ${c.toFixed(2)}× produce`}`)
  }
  return lines.join('\n')
}
