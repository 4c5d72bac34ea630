/** Terminal rendering of `mqlab up`, `down` and the one-node commands. */
import type {NodeActionResult} from '../../lab/lab-node-control.js'
import type {DownResult} from '../../lab/lab-down.js'
import type {UpResult} from '../../lab/lab-up.js'
import {paletteFor} from '../palette.js'
import {renderCrashes, renderNodeTable, renderNotes} from './lab-status-report.js'

/** `mqlab up`: what was created and started, the node table, and what to try next. */
export function renderUp(result: UpResult, next: string[]): string {
  const c = paletteFor()
  const lines: string[] = []
  // `up` says it created the lab before starting anything (see commands/up.ts), so not again here.
  if (result.previouslyCrashed.length > 0) lines.push(renderCrashes(result.previouslyCrashed, 'had crashed; started again'))
  lines.push(renderNodeTable(result.nodes), ...renderNotes(result.nodes))
  const started = result.started.length
  const running = result.alreadyRunning.length
  if (started === 0) lines.push(c.green(`✓ every node was already running (${running}); nothing to start`))
  else
    lines.push(
      c.green(
        `✓ started ${started} node${started === 1 ? '' : 's'} in ${(result.elapsedMs / 1000).toFixed(1)} s${running > 0 ? `; ${running} already running` : ''}`,
      ),
    )
  lines.push('', 'What to try next:', ...next.map((n) => `  ${n}`))
  return lines.join('\n')
}

/** `mqlab down`. */
export function renderDown(result: DownResult): string {
  const c = paletteFor()
  const lines: string[] = []
  if (result.crashed.length > 0) lines.push(renderCrashes(result.crashed))
  for (const n of result.nodes) {
    if (n.action === 'stopped') lines.push(`  ${n.node}: stopped (SIGTERM, ${((n.ms ?? 0) / 1000).toFixed(1)} s)`)
    else if (n.action === 'killed') lines.push(c.yellow(`  ${n.node}: did not stop on SIGTERM; killed (SIGKILL)`))
  }
  const stopped = result.nodes.filter((n) => n.action === 'stopped' || n.action === 'killed').length
  lines.push(stopped === 0 ? c.green(`✓ the lab in ${result.dir} was already stopped`) : c.green(`✓ stopped ${stopped} node${stopped === 1 ? '' : 's'}`))
  if (result.deleted.length > 0) lines.push(`deleted: ${result.deleted.join(' ')} (conf/ kept)`)
  if (result.kept.length > 0) lines.push(c.yellow(`not deleted (outside the lab folder): ${result.kept.join(' ')}`))
  return lines.join('\n')
}

/** A one-node command. */
export function renderNodeAction(result: NodeActionResult): string {
  const c = paletteFor()
  const lines: string[] = []
  if (result.start?.previousCrash) lines.push(renderCrashes([result.start.previousCrash], 'had crashed'))
  if (result.stop?.crash) lines.push(renderCrashes([result.stop.crash], 'had crashed'))
  lines.push(c.green(`✓ ${summary(result)}`))
  if (result.start?.note) lines.push(`  note: ${result.start.note}`)
  if (result.otherCrashes.length > 0) lines.push(renderCrashes(result.otherCrashes))
  return lines.join('\n')
}

function summary(r: NodeActionResult): string {
  const pid = r.pid === null ? '' : ` (pid ${r.pid})`
  const ready = r.start?.readyMs === undefined ? '' : `, ready in ${(r.start.readyMs / 1000).toFixed(1)} s`
  switch (r.action) {
    case 'start':
      return r.start?.action === 'already-running' ? `${r.node} is already ${r.state}${pid}` : `${r.node} started${pid}${ready}`
    case 'restart':
      return `${r.node} restarted${pid}${ready}`
    case 'stop':
      if (r.stop?.action === 'already-stopped') return `${r.node} was already stopped`
      if (r.stop?.action === 'cleared-crash') return `${r.node} had crashed; its run files are cleared`
      return `${r.node} stopped${r.stop?.action === 'killed' ? ' (SIGKILL after the SIGTERM timeout)' : ''}`
    case 'kill':
      return `${r.signal?.signal} sent to ${r.node}${r.signal ? ` (pid ${r.signal.pid})` : ''}; it is ${r.state}`
    case 'pause':
    case 'resume':
      return r.signal?.unchanged ? `${r.node} is already ${r.state}` : `${r.node} is ${r.state}${pid}`
  }
}
