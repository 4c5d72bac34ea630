/** Terminal rendering of `mqlab validate`: a table of problems, then a one-line verdict. */
import type {ValidationResult} from '../../topology/validate-lab.js'
import {paletteFor} from '../palette.js'
import {renderTable} from '../table.js'

/** The human report. */
export function renderValidation(result: ValidationResult): string {
  const c = paletteFor()
  const lines: string[] = []
  if (result.problems.length > 0) {
    const rows = result.problems.map((p) => [
      p.severity,
      p.rule,
      p.line === null ? p.file : `${p.file}:${p.line}`,
      p.key ? `${p.key}: ${p.message}` : p.message,
      p.fix ?? '',
    ])
    // The first three columns never wrap; message and fix share what is left of the terminal (or 160 columns).
    const fixed = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['severity', 'rule', 'file:line'][i].length) + 2)
    const total = Math.max(100, process.stdout.isTTY ? (process.stdout.columns ?? 120) : 160)
    const rest = Math.max(50, total - fixed.reduce((a, b) => a + b, 0) - 6)
    const messageWidth = Math.ceil(rest * 0.6)
    const coloured = rows.map((r) => [r[0] === 'error' ? c.red(r[0]) : c.yellow(r[0]), ...r.slice(1)])
    lines.push(renderTable(['severity', 'rule', 'file:line', 'message', 'fix'], coloured, {wrap: true, colWidths: [...fixed, messageWidth, rest - messageWidth]}))
  }
  const counts = `${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`
  lines.push(
    result.valid
      ? c.green(`✓ ${result.dir}: ${result.nodes.length} nodes valid (${counts})`)
      : c.red(`✗ ${result.dir}: ${counts}`),
  )
  return lines.join('\n')
}
