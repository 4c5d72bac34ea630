/** Plain tables for terminal output (cli-table3), with colour only through the palette. */
import Table from 'cli-table3'

/** Renders rows under a header; cli-table3's own colours are off so non-TTY output stays plain. */
export function renderTable(head: string[], rows: string[][], options: {wrap?: boolean; colWidths?: number[]} = {}): string {
  const table = new Table({
    head,
    style: {head: [], border: []},
    wordWrap: options.wrap ?? false,
    ...(options.colWidths ? {colWidths: options.colWidths} : {}),
  })
  for (const row of rows) table.push(row)
  return table.toString()
}
