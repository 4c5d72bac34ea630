/** Terminal rendering of `mqlab init`: the nodes written, their addresses and ports, and what to run next. */
import path from 'node:path'
import type {InitResult} from '../../topology/init-lab.js'
import {paletteFor} from '../palette.js'
import {renderTable} from '../table.js'

/** The human report. */
export function renderInit(result: InitResult): string {
  const c = paletteFor()
  const rel = path.relative(process.cwd(), result.dir) || '.'
  const table = renderTable(
    ['node', 'file', 'address', 'ports'],
    result.nodes.map((n) => [n.name, n.file, n.host, n.ports.map((p) => p.port).join(' ')]),
  )
  const lines = [c.bold(`Wrote a ${result.template} lab in ${rel}`), table]
  if (result.removed.length > 0) lines.push(`Removed: ${result.removed.join(', ')}`)
  lines.push(`Next: mqlab validate --dir ${rel}`)
  return lines.join('\n')
}
