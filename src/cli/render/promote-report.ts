/** Terminal rendering of `mqlab promote`: what changed in which file, and what to do next. */
import type {PromoteResult} from '../../lab/lab-promote.js'
import {paletteFor} from '../palette.js'

/** The outcome, the key diff of the file, warnings and next steps. */
export function renderPromote(r: PromoteResult): string {
  const c = paletteFor()
  const lines: string[] = []
  const after = r.masterAfterMs === null ? '' : ` in ${(r.masterAfterMs / 1000).toFixed(1)} s`
  lines.push(
    r.action === 'already-master'
      ? c.green(`✓ ${r.node} was already promoted: it is the master of ${r.brokerName} (${r.role}) at ${r.addr}`)
      : c.green(`✓ ${r.node} is now the master of ${r.brokerName} (${r.role}) at ${r.addr}: registered as brokerId 0${after}`),
  )
  if (r.changes.length > 0) {
    const width = Math.max(...r.changes.map((ch) => ch.key.length))
    lines.push('', `${r.file} (${r.path}):`)
    for (const ch of r.changes) lines.push(`  ${ch.key.padEnd(width)}  ${c.red(ch.before ?? '(unset)')} → ${c.green(ch.after)}`)
    if (r.note !== null) lines.push(c.dim(`  + # ${r.note}`))
  }
  if (r.stop !== null && r.stop.action !== 'already-stopped')
    lines.push('', `stopped first: ${r.stop.action}${r.stop.ms === undefined ? '' : ` (${(r.stop.ms / 1000).toFixed(1)} s)`}`)
  for (const w of r.warnings) lines.push(c.yellow(`! ${w}`))
  lines.push('', 'Next:', ...r.next.map((n) => `  ${n}`))
  return lines.join('\n')
}
