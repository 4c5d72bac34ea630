/** Terminal rendering of `mqlab templates`. */
import type {TemplatesResult} from '../../topology/templates-summary.js'
import {renderTable} from '../table.js'

/** The human report: one row per template. */
export function renderTemplates(result: TemplatesResult): string {
  return renderTable(
    ['template', 'nodes', 'description'],
    result.templates.map((t) => [t.default ? `${t.name} (default)` : t.name, t.nodes.join(', '), t.summary]),
  )
}
