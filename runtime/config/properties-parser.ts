/**
 * A strict reader for java.util.Properties text with line numbers.
 *
 * java.util.Properties rules (JDK `Properties.load`): `#` or `!` starts a comment line; the key ends at the
 * first unescaped `=`, `:` or whitespace; leading whitespace of the value is dropped but trailing
 * whitespace is kept; a line ending in an odd number of `\` continues on the next line; `\uXXXX` escapes;
 * a later duplicate key wins. The tokenising is dot-properties' `parseLines`; this file adds line
 * numbers and the checks Java itself does not make, so hand-edited files fail loudly instead of silently.
 */
import {parseLines} from 'dot-properties'
import type {ConfigProblem} from './config-problem.js'

/** One `key=value` pair as read from a file. */
export interface PropertyEntry {
  key: string
  /** The value after escape processing; trailing whitespace kept, as Java keeps it. */
  value: string
  /** 1-based line where the entry starts. */
  line: number
}

/** The pairs of a file in order, and what was wrong with its lines. */
export interface ParsedProperties {
  entries: PropertyEntry[]
  problems: ConfigProblem[]
}

/** Parses .properties text; `file` is only used to label problems. Never throws on bad input. */
export function parseProperties(text: string, file: string): ParsedProperties {
  const problems: ConfigProblem[] = []
  let src = text
  if (src.startsWith('\uFEFF')) {
    // Java reads a BOM as part of the first key, which then matches nothing.
    problems.push({
      severity: 'warning',
      rule: 'file-encoding',
      file,
      line: 1,
      message: 'file starts with a byte-order mark; RocketMQ would read it as part of the first key',
      fix: 'save the file without a BOM (plain ASCII or ISO-8859-1)',
    })
    src = ' ' + src.slice(1) // keep offsets stable
  }
  const lineOf = lineLocator(src)
  const entries: PropertyEntry[] = []
  for (const node of parseLines(src, true)) {
    if (node.type !== 'PAIR') continue
    const pair = node as unknown as {key: string; value: string; range: [number, number, number, number]; separator(s: string): string | null}
    const [keyStart, keyEnd, valueStart, valueEnd] = pair.range
    const line = lineOf(keyStart)
    const rawKey = src.slice(keyStart, keyEnd)
    const rawValue = src.slice(valueStart, valueEnd)
    const badEscape = findMalformedEscape(rawKey) ?? findMalformedEscape(rawValue)
    if (badEscape !== undefined) {
      // Java's Properties.load throws "Malformed \uxxxx encoding" and the process does not start.
      problems.push({
        severity: 'error',
        rule: 'malformed-line',
        file,
        line,
        message: `malformed unicode escape ${JSON.stringify(badEscape)} (Java refuses to load the file)`,
        fix: 'write \\u followed by exactly four hex digits, or \\\\ for a literal backslash',
      })
      continue
    }
    if (pair.key.trim() === '') {
      problems.push({
        severity: 'error',
        rule: 'malformed-line',
        file,
        line,
        message: 'line has a value but no key',
        fix: 'write key=value',
      })
      continue
    }
    const separator = pair.separator(src) ?? ''
    if (separator === '' && pair.value === '') {
      problems.push({
        severity: 'error',
        rule: 'malformed-line',
        file,
        line,
        key: pair.key,
        message: `no "=" after the key, so the line sets "${pair.key}" to an empty value`,
        fix: `write ${pair.key}=<value>, or comment the line out with #`,
      })
      continue
    }
    entries.push({key: pair.key, value: pair.value, line})
  }
  return {entries, problems}
}

/** Returns a function mapping a character offset to its 1-based line (`\n`, `\r\n` and `\r` end lines). */
function lineLocator(src: string): (offset: number) => number {
  const starts = [0]
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i)
    if (c === 10) starts.push(i + 1)
    else if (c === 13) {
      if (src.charCodeAt(i + 1) === 10) i++
      starts.push(i + 1)
    }
  }
  return (offset) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
}

/** The first `\u` escape not followed by four hex digits, or undefined. Skips `\\` pairs. */
function findMalformedEscape(raw: string): string | undefined {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') continue
    if (raw[i + 1] === 'u') {
      const hex = raw.slice(i + 2, i + 6)
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return raw.slice(i, i + 6)
      i += 5
    } else {
      i++ // an escaped character (including the backslash itself or a line break)
    }
  }
  return undefined
}
