/**
 * Rewrites keys of a .properties text in place, keeping every other byte (comments, blank lines, key
 * order, other keys, line endings), and reports the change per key. Pure. Used by `mqlab promote`,
 * which must say exactly what it changed in a file users own.
 *
 * java.util.Properties lets a later duplicate key win, so every occurrence of a key is rewritten (the
 * file stays unambiguous) and the "before" value is the last occurrence's. A key that is absent is
 * appended at the end.
 */
import {parseLines} from 'dot-properties'
import {escapeValue} from './properties-render.js'

/** One key's change. */
export interface PropertyChange {
  key: string
  /** The value in effect before (the last occurrence), or null when the key was absent. */
  before: string | null
  after: string
}

/** The edited text and what changed (keys whose value was already right are left out). */
export interface PropertiesEdit {
  text: string
  changes: PropertyChange[]
}

/**
 * Sets `values` in `text`. `note` (one line) is written as a `# ` comment just above the first changed
 * key, so a reader of the file sees why it changed; nothing is written when nothing changes.
 */
export function setProperties(text: string, values: Readonly<Record<string, string>>, note?: string): PropertiesEdit {
  const pairs = parseLines(text, true).filter((n) => n.type === 'PAIR') as unknown as Array<{
    key: string
    value: string
    range: [number, number, number, number]
  }>
  const last = new Map<string, string>()
  for (const p of pairs) if (p.key in values) last.set(p.key, p.value)
  const changes: PropertyChange[] = Object.entries(values)
    .filter(([key, after]) => last.get(key) !== after)
    .map(([key, after]) => ({key, before: last.get(key) ?? null, after}))
  if (changes.length === 0) return {text, changes}
  const changed = new Set(changes.map((c) => c.key))
  const newline = text.includes('\r\n') ? '\r\n' : '\n'
  const noteLine = note === undefined ? '' : `# ${note.replace(/[\r\n]+/g, ' ')}${newline}`
  let out = ''
  let at = 0
  let noted = false
  for (const p of pairs) {
    if (!changed.has(p.key)) continue
    const [keyStart, , , valueEnd] = p.range
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1
    out += text.slice(at, lineStart)
    if (!noted) {
      out += noteLine
      noted = true
    }
    out += text.slice(lineStart, keyStart) + `${p.key}=${escapeValue(values[p.key]!)}`
    at = valueEnd
  }
  out += text.slice(at)
  const absent = changes.filter((c) => c.before === null)
  if (absent.length > 0) {
    if (out.length > 0 && !out.endsWith('\n')) out += newline
    if (!noted) out += noteLine
    for (const c of absent) out += `${c.key}=${escapeValue(c.after)}${newline}`
  }
  return {text: out, changes}
}
