/** Terminal rendering of lab node tables (`mqlab status`, the end of `mqlab up`) and crash reports. */
import type {NodeRow} from '../../lab/lab-status.js'
import type {NodeState} from '../../lab/node-state.js'
import type {CrashReport} from '../../lab/supervisor-outcomes.js'
import {paletteFor} from '../palette.js'
import {renderTable, wrapProse} from '../table.js'

/** The node table. */
export function renderNodeTable(nodes: readonly NodeRow[]): string {
  const c = paletteFor()
  const paint: Record<NodeState, (s: string) => string> = {running: c.green, paused: c.yellow, crashed: c.red, stopped: c.dim}
  return renderTable(
    ['node', 'role', 'state', 'pid', 'address', 'ports', 'commitlog max', 'uptime'],
    nodes.map((n) => [
      n.name,
      (n.roleSource === 'namesrv' || n.kind === 'namesrv' ? n.role : `${n.role} (file)`) + raftNote(n),
      paint[n.state](n.state),
      n.pid === null || n.state === 'stopped' ? '' : String(n.pid),
      n.addr,
      n.ports.map((p) => p.port).join(' '),
      n.commitLogMaxOffset === null ? '' : String(n.commitLogMaxOffset),
      n.uptimeMs === null ? '' : formatDuration(n.uptimeMs),
    ]),
    // The address already shows the listen port; the other ports go first on a narrow terminal.
    {dropOrder: [5]},
  )
}

/** ` · raft LEADER term 3` / ` · raft FOLLOWER of n2, term 3` for a DLedger member. */
function raftNote(n: NodeRow): string {
  if (!n.raft) return ''
  const of = n.raft.role === 'FOLLOWER' && n.raft.leaderId ? ` of ${n.raft.leaderId}` : ''
  return ` · raft ${n.raft.role}${of}, term ${n.raft.term}`
}

/** Notes under the table (one line per node that has one). */
export function renderNotes(nodes: readonly NodeRow[]): string[] {
  return nodes.filter((n) => n.note !== null && n.state !== 'crashed').map((n) => wrapProse(`  ${n.name}: ${n.note}`, undefined, '      '))
}

/**
 * Each crash. One asked for with `mqlab kill` is one line ("crashed — killed by mqlab kill (SIGKILL) 2m
 * ago"); any other crash, or every crash with `verbose`, also shows its log path and last lines.
 */
export function renderCrashes(crashes: readonly CrashReport[], heading = 'crashed', options: {verbose?: boolean; now?: number} = {}): string {
  const c = paletteFor()
  const now = options.now ?? Date.now()
  return crashes
    .map((k) => {
      if (k.signalled && !options.verbose) {
        const ago = k.signalledAt ? ` ${formatDuration(Math.max(0, now - k.signalledAt))} ago` : ''
        return c.red(`✗ ${k.node} ${heading} — killed by mqlab kill (${k.signalled})${ago} (pid ${k.pid ?? '?'})`)
      }
      const why = k.signalled ? `, ${k.signalled} sent by mqlab kill` : ''
      const head = c.red(`✗ ${k.node} ${heading} (pid ${k.pid ?? '?'}${why}). Last lines of ${k.logPath}:`)
      const lines = k.lastLines.length === 0 ? ['    (the log is empty)'] : k.lastLines.map((l) => `    ${l}`)
      return [head, ...lines].join('\n')
    })
    .join('\n')
}

/** "3d 4h", "2h 5m", "4m 10s", "12s". */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000)
  const d = Math.floor(s / 86_400)
  const h = Math.floor((s % 86_400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d > 0) return `${d}d ${h}h`
  if (h > 0) return `${h}h ${m}m`
  if (m > 0) return `${m}m ${s % 60}s`
  return `${s}s`
}
