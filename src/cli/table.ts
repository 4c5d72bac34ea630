/**
 * Plain tables for terminal output, in the style of `docker ps`/`kubectl get`: a header, aligned
 * columns two spaces apart, no borders and no rules between rows, so a table fits an 80-column
 * terminal and stays easy to grep. When the rows are wider than the terminal, the widest columns are
 * narrowed and their cells wrap onto continuation lines. Colour comes only from the palette (ANSI codes
 * do not count towards a cell's width).
 */
import {stripVTControlCharacters} from 'node:util'

const GAP = '  '
/** No column is narrowed below this many characters. */
const MIN_COLUMN = 6

/** The terminal's width: the TTY's columns, else $COLUMNS, else undefined (no limit, e.g. a pipe). */
export function terminalWidth(): number | undefined {
  const tty = process.stdout.isTTY ? process.stdout.columns : undefined
  if (tty !== undefined && tty > 0) return tty
  const env = Number(process.env.COLUMNS)
  return Number.isInteger(env) && env > 0 ? env : undefined
}

/** Renders rows under a header, fitted to `width` (default: the terminal's). */
export function renderTable(head: string[], rows: string[][], options: {width?: number} = {}): string {
  const width = options.width ?? terminalWidth()
  const cells = [head, ...rows].map((row) => head.map((_, i) => (row[i] ?? '').split('\n')))
  const natural = head.map((_, i) => Math.max(...cells.map((row) => Math.max(...row[i]!.map(visibleLength)))))
  const widths = fitWidths(natural, width === undefined ? Infinity : width - GAP.length * (head.length - 1))
  const lines: string[] = []
  for (const row of cells) {
    const wrapped = row.map((cell, i) => cell.flatMap((l) => wrap(l, widths[i]!)))
    const height = Math.max(...wrapped.map((w) => w.length))
    for (let k = 0; k < height; k++) {
      const parts = wrapped.map((w, i) => pad(w[k] ?? '', widths[i]!))
      lines.push(parts.join(GAP).trimEnd())
    }
  }
  return lines.join('\n')
}

/** Column widths within `budget`: the widest columns give way first, none below MIN_COLUMN (pure). */
export function fitWidths(natural: readonly number[], budget: number): number[] {
  const widths = [...natural]
  let total = widths.reduce((a, b) => a + b, 0)
  while (total > budget) {
    const widest = Math.max(...widths)
    if (widest <= MIN_COLUMN) break
    const second = Math.max(MIN_COLUMN, ...widths.filter((w) => w < widest))
    const atWidest = widths.filter((w) => w === widest).length
    // Narrow every widest column to the next width down, or just enough to fit.
    const cut = Math.min(widest - second, Math.ceil((total - budget) / atWidest))
    for (let i = 0; i < widths.length; i++) if (widths[i] === widest) widths[i] = widest - cut
    total = widths.reduce((a, b) => a + b, 0)
  }
  return widths
}

function visibleLength(s: string): number {
  return stripVTControlCharacters(s).length
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - visibleLength(s)))
}

/** Splits a line into pieces of at most `width` visible characters, at spaces where it can. */
function wrap(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line]
  // A coloured cell that must wrap loses its colour: splitting escape sequences is not worth it.
  let rest = stripVTControlCharacters(line)
  const out: string[] = []
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width)
    if (cut <= 0) cut = width
    out.push(rest.slice(0, cut).trimEnd())
    rest = rest.slice(cut).trimStart()
  }
  if (rest.length > 0) out.push(rest)
  return out
}
