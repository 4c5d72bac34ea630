/** Terminal rendering of `mqlab validate`: a table of problems, then a one-line verdict. */
import type {ValidationResult} from '../../topology/validate-lab.js'
import {paletteFor} from '../palette.js'
import {renderTable} from '../table.js'

/** The human report. */
export function renderValidation(result: ValidationResult): string {
  const c = paletteFor()
  const lines: string[] = []
  if (result.problems.length > 0) {
    const width = Math.max(80, process.stdout.columns ?? 120)
    const messageWidth = Math.max(30, Math.floor((width - 40) * 0.6))
    const fixWidth = Math.max(20, width - 40 - messageWidth)
    lines.push(
      renderTable(
        ['severity', 'rule', 'file:line', 'message', 'fix'],
        result.problems.map((p) => [
          p.severity === 'error' ? c.red('error') : c.yellow('warning'),
          p.rule,
          p.line === null ? p.file : `${p.file}:${p.line}`,
          p.key ? `${p.key}: ${p.message}` : p.message,
          p.fix ?? '',
        ]),
        {wrap: true, colWidths: [9, 24, 30, messageWidth, fixWidth]},
      ),
    )
  }
  const counts = `${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`
  lines.push(
    result.valid
      ? c.green(`✓ ${result.dir}: ${result.nodes.length} nodes valid (${counts})`)
      : c.red(`✗ ${result.dir}: ${counts}`),
  )
  return lines.join('\n')
}
