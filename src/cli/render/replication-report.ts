/** Terminal rendering of `mqlab replication`: one block per broker group. */
import type {ReplicationGroup, ReplicationReport, SlaveReplicationStatus} from '../../client/admin/ha-replication-report.js'
import {paletteFor} from '../palette.js'
import {renderTable, wrapProse} from '../table.js'

/** Bytes as B / KiB / MiB / GiB with one decimal where it helps. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let u = 0
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`
}

/** "seen 0.4 s ago", "seen 3 min ago". */
export function formatAgo(ms: number): string {
  if (ms < 60_000) return `seen ${(ms / 1000).toFixed(1)} s ago`
  if (ms < 3_600_000) return `seen ${Math.round(ms / 60_000)} min ago`
  return `seen ${(ms / 3_600_000).toFixed(1)} h ago`
}

const STATUS_TEXT: Record<SlaveReplicationStatus, string> = {
  'in-sync': 'in sync',
  'falling-behind': 'falling behind',
  disconnected: 'disconnected',
  diverged: 'DIVERGED',
  unknown: 'unknown',
}

/** The whole report. */
export function renderReplication(report: ReplicationReport, names: ReadonlyMap<string, string> = new Map()): string {
  if (report.groups.length === 0) return 'no broker is registered with the name servers'
  const blocks = report.groups.map((g) => renderGroup(g, names))
  const fallback = report.groups.some((g) => g.source === 'runtime-info' || g.source === 'mixed')
  if (fallback) blocks.push("(brokers without mqlab's HA status: lag from the commitlog max offsets of GET_BROKER_RUNTIME_INFO, link state unknown)")
  return blocks.join('\n\n')
}

function renderGroup(g: ReplicationGroup, names: ReadonlyMap<string, string>): string {
  const c = paletteFor()
  // A lab's node name where the address is one of its nodes ("broker-a-slave"), else the address.
  const who = (addr: string) => names.get(addr) ?? addr
  const lines: string[] = []
  const m = g.master
  if (m === null) lines.push(`${c.bold(g.brokerName)} (${g.cluster})  ${c.red('no master')}`)
  else {
    const detail = [
      m.maxPhyOffset === null ? '' : `commitlog max offset ${m.maxPhyOffset}`,
      m.haListenAddress === null ? '' : `HA ${m.haListenAddress}`,
    ].filter((p) => p !== '')
    lines.push(`${c.bold(g.brokerName)} (${g.cluster})  master ${names.has(m.addr) ? `${who(m.addr)} (${m.addr})` : m.addr}  ${m.role ?? 'role unknown'}`)
    if (detail.length > 0) lines.push(`  ${detail.join('  ')}`)
    if (m.error !== null) lines.push(c.yellow(`  ! master ${who(m.addr)}: ${m.error}`))
    if (m.sendStatusCounts !== null) {
      const counts = Object.entries(m.sendStatusCounts).filter(([, n]) => n > 0)
      lines.push(
        `  sends, last 60 s: ${counts.length === 0 ? 'none' : counts.map(([k, n]) => (k === 'SEND_OK' ? `${k} ${n}` : c.yellow(`${k} ${n}`))).join(', ')}`,
      )
    }
    if (m.inSyncSlaves !== null) lines.push(`  slaves within haSlaveFallbehindMax: ${m.inSyncSlaves} of ${m.connections ?? 0} connected`)
  }
  if (g.dledger) {
    const d = g.dledger
    lines.push(
      `  DLedger term ${d.term}, leader ${d.leaderId ?? c.red('none')}${d.committedIndex === null ? '' : `, committed index ${d.committedIndex}`}${d.leaderEndIndex === null ? '' : `, leader log end ${d.leaderEndIndex}`}`,
    )
    lines.push(
      renderTable(
        ['peer', 'BID', 'address', 'raft role', 'term', 'log end', 'match index', 'lag (entries)'],
        d.peers.map((p) => [
          p.id,
          p.brokerId === null ? '' : String(p.brokerId),
          p.addr ?? c.red('not registered'),
          p.role ?? '',
          p.term === null ? '' : String(p.term),
          p.endIndex === null ? '' : String(p.endIndex),
          p.matchIndex === null ? '' : String(p.matchIndex),
          p.lag === null ? '' : String(p.lag),
        ]),
      ),
    )
  }
  if (g.slaves.length > 0 && !g.dledger) {
    lines.push(
      renderTable(
        ['BID', 'slave', 'acked offset', 'lag', 'lag msgs', 'status', 'HA link', 'last contact', 'rate'],
        g.slaves.map((s) => [
          String(s.brokerId),
          who(s.addr),
          s.ackedOffset === null ? '' : String(s.ackedOffset),
          s.lagBytes === null ? '' : formatBytes(s.lagBytes),
          s.lagMessages === null ? '' : String(s.lagMessages),
          colourStatus(s.status),
          s.connectionState ?? '',
          s.lastContactAgoMs === null ? '' : formatAgo(s.lastContactAgoMs).replace(/^seen /, ''),
          s.bytesPerSecond === null ? '' : `${formatBytes(s.bytesPerSecond)}/s`,
        ]),
        // On a narrow terminal the rate, then the lag in messages, give way before names wrap.
        {dropOrder: [8, 4]},
      ),
    )
  }
  for (const s of g.slaves) {
    if (s.error !== null) lines.push(c.yellow(`  ! slave ${who(s.addr)}: ${s.error}`))
    else if (s.lastError !== null && s.status !== 'in-sync')
      lines.push(c.yellow(`  ! slave ${who(s.addr)}${s.masterHaAddress ? ` → ${s.masterHaAddress}` : ''}: ${s.lastError}`))
    if (s.status === 'diverged') lines.push(`  note: ${DIVERGED_NOTE}`)
  }
  for (const n of g.notes) lines.push(`  note: ${n}`)
  return lines.map((l) => (l.includes('\n') ? l : wrapProse(l, undefined, '    '))).join('\n')
}

function colourStatus(status: SlaveReplicationStatus): string {
  const c = paletteFor()
  const text = STATUS_TEXT[status]
  if (status === 'in-sync') return c.green(text)
  if (status === 'falling-behind' || status === 'unknown') return c.yellow(text)
  return c.red(text)
}

/** What RocketMQ 4.9.8 would do where mqlab's slave refuses a diverged log (README, docs/fidelity.md). */
export const DIVERGED_NOTE =
  "mqlab refuses to replicate over a log that no longer matches the master's; RocketMQ 4.9.8 has no such check: its slave asks for data from its own end and appends whatever the master sends there, so a former master's extra messages stay and the bytes after them are misaligned. Move the slave's store aside and start it empty."
