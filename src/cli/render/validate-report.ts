/**
 * Terminal rendering of `mqlab validate`: one compiler-style line per problem
 * (`mqlab/conf/broker-a.properties:14: error [port-overlap] listenPort: … (fix: …)`), with the path as
 * seen from the working directory so editors and terminals can jump to it, then a one-line verdict.
 */
import path from 'node:path'
import type {ValidationResult} from '../../topology/validate-lab.js'
import {paletteFor} from '../palette.js'

/** The human report. */
export function renderValidation(result: ValidationResult, cwd: string = process.cwd()): string {
  const c = paletteFor()
  const lines: string[] = []
  for (const p of result.problems) {
    const file = displayPath(result.dir, p.file, cwd)
    const where = p.line === null ? file : `${file}:${p.line}`
    const severity = p.severity === 'error' ? c.red('error') : c.yellow('warning')
    const message = p.key ? `${p.key}: ${p.message}` : p.message
    lines.push(`${where}: ${severity} [${p.rule}] ${message}${p.fix ? ` (fix: ${p.fix})` : ''}`)
  }
  const counts = `${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`
  lines.push(result.valid ? c.green(`✓ ${result.dir}: ${result.nodes.length} nodes valid (${counts})`) : c.red(`✗ ${result.dir}: ${counts}`))
  return lines.join('\n')
}

/** A problem's file relative to the working directory (absolute when that is shorter). */
function displayPath(labDir: string, file: string, cwd: string): string {
  const absolute = path.resolve(labDir, file)
  const relative = path.relative(cwd, absolute) || '.'
  const shown = relative.length <= absolute.length ? relative : absolute
  return file.endsWith('/') && !shown.endsWith('/') ? `${shown}/` : shown
}
