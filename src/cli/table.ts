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

/** How a table may give way on a narrow terminal. */
export interface TableOptions {
  /** Terminal width (default: terminalWidth()). */
  width?: number
  /** Column indexes that may be left out, first to go first, when the table cannot fit otherwise. */
  dropOrder?: number[]
  /** cli-table3's options, accepted for old callers and ignored: every table now fits the width itself. */
  wrap?: boolean
  colWidths?: number[]
}

/**
 * Renders rows under a header, fitted to the width: columns in `dropOrder` are left out while the rest
 * does not fit whole (a last line names them), then columns wrap at spaces (no word broken), and only
 * then are words broken.
 */
export function renderTable(head: string[], rows: string[][], options: TableOptions = {}): string {
  const width = options.width ?? terminalWidth()
  const budget = (cols: number) => (width === undefined ? Infinity : width - GAP.length * (cols - 1))
  let keep = head.map((_, i) => i)
  const all = [head, ...rows].map((row) => head.map((_, i) => (row[i] ?? '').split('\n')))
  const natural = (i: number) => Math.max(...all.map((row) => Math.max(...row[i]!.map(visibleLength))))
  const longestWord = (i: number) =>
    Math.max(
      MIN_COLUMN > 0 ? 1 : 0,
      ...all.flatMap((row) =>
        row[i]!.flatMap((l) =>
          stripVTControlCharacters(l)
            .split(' ')
            .map((w) => w.length),
        ),
      ),
    )
  // Leaving a column out reads better than wrapping identifiers and numbers onto several lines.
  const fitsWhole = (cols: number[]) => cols.reduce((sum, i) => sum + natural(i), 0) <= budget(cols.length)
  const dropped: string[] = []
  for (const i of options.dropOrder ?? []) {
    if (fitsWhole(keep)) break
    keep = keep.filter((k) => k !== i)
    dropped.push(head[i]!)
  }
  const cells = all.map((row) => keep.map((i) => row[i]!))
  const widths = fitWidths(
    keep.map((i) => natural(i)),
    budget(keep.length),
    keep.map((i) => Math.min(natural(i), longestWord(i))),
  )
  const lines: string[] = []
  for (const row of cells) {
    const wrapped = row.map((cell, i) => cell.flatMap((l) => wrap(l, widths[i]!)))
    const height = Math.max(...wrapped.map((w) => w.length))
    for (let k = 0; k < height; k++) {
      const parts = wrapped.map((w, i) => pad(w[k] ?? '', widths[i]!))
      lines.push(parts.join(GAP).trimEnd())
    }
  }
  if (dropped.length > 0) lines.push(`(hidden at ${width} columns: ${dropped.join(', ')}; see --json)`)
  return lines.join('\n')
}

/**
 * Column widths within `budget` (pure): the widest columns give way first, down to their longest word
 * (`soft`), and only if that is not enough below it, to MIN_COLUMN.
 */
export function fitWidths(natural: readonly number[], budget: number, soft: readonly number[] = natural.map(() => MIN_COLUMN)): number[] {
  const widths = [...natural]
  shrink(
    widths,
    budget,
    soft.map((w, i) => Math.min(natural[i]!, Math.max(w, 1))),
  )
  shrink(
    widths,
    budget,
    natural.map((n) => Math.min(n, MIN_COLUMN)),
  )
  return widths
}

/** Narrows the widest columns (never below `floor`) until the sum fits `budget` or nothing can give. */
function shrink(widths: number[], budget: number, floor: readonly number[]): void {
  let total = widths.reduce((a, b) => a + b, 0)
  while (total > budget) {
    const movable = widths.map((w, i) => (w > floor[i]! ? i : -1)).filter((i) => i >= 0)
    if (movable.length === 0) return
    const widest = Math.max(...movable.map((i) => widths[i]!))
    const at = movable.filter((i) => widths[i] === widest)
    const next = Math.max(...movable.map((i) => widths[i]!).filter((w) => w < widest), ...at.map((i) => floor[i]!))
    const cut = Math.max(1, Math.min(widest - next, Math.ceil((total - budget) / at.length)))
    for (const i of at) widths[i] = Math.max(floor[i]!, widest - cut)
    total = widths.reduce((a, b) => a + b, 0)
  }
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

/**
 * Wraps a line of prose at spaces to the terminal width (unchanged when the width is unknown, e.g. a
 * pipe without $COLUMNS); continuation lines get `indent` (default: the line's own leading spaces + 2).
 */
export function wrapProse(line: string, width: number | undefined = terminalWidth(), indent?: string): string {
  if (width === undefined || visibleLength(line) <= width) return line
  const lead = /^\s*/.exec(stripVTControlCharacters(line))![0]
  const next = indent ?? `${lead}  `
  const out: string[] = []
  let rest = stripVTControlCharacters(line)
  let prefix = ''
  while (prefix.length + rest.length > width) {
    const room = width - prefix.length
    let cut = rest.lastIndexOf(' ', room)
    if (cut <= lead.length) cut = room
    out.push(prefix + rest.slice(0, cut).trimEnd())
    rest = rest.slice(cut).trimStart()
    prefix = next
  }
  out.push(prefix + rest)
  return out.join('\n')
}
