/**
 * Turns parsed .properties entries into typed values keyed by catalogue name, reporting unknown keys
 * (with did-you-mean), duplicates, old spellings, keys mqlab ignores, and bad values.
 */
import type {ConfigCatalogue} from './config-catalogue.js'
import type {ConfigProblem} from './config-problem.js'
import {parseConfigValue, type ConfigValue} from './config-value.js'
import type {PropertyEntry} from './properties-parser.js'

/** One key's typed value and where it was written. */
export interface TypedEntry {
  value: ConfigValue
  /** The text as written (escape-processed). */
  raw: string
  line: number
  /** The spelling used in the file when it was an old alias. */
  writtenAs: string
}

/** Typed values of the modelled keys present in a file, and the problems found. */
export interface TypedEntries {
  values: Map<string, TypedEntry>
  /** Line of every key present, by canonical name (including keys whose value was bad). */
  lines: Map<string, number>
  problems: ConfigProblem[]
}

/** Context for typing one file. */
export interface TypingContext {
  file: string
  /** "broker" or "name server": used in messages. */
  kind: string
  otherKind: string
  cwd: string
}

/** Types entries against a catalogue. A later duplicate wins, as in java.util.Properties. */
export function typeEntries(entries: readonly PropertyEntry[], catalogue: ConfigCatalogue, ctx: TypingContext): TypedEntries {
  const {file} = ctx
  const problems: ConfigProblem[] = []
  const values = new Map<string, TypedEntry>()
  const lines = new Map<string, number>()
  for (const entry of entries) {
    const found = catalogue.lookup(entry.key)
    const at = {file, line: entry.line, key: entry.key}
    if (found.kind === 'unknown') {
      const message = found.otherFile
        ? `not a ${ctx.kind} key (it belongs in a ${ctx.otherKind} file)`
        : `unknown key${found.suggestion ? ` (did you mean ${found.suggestion}?)` : ''}`
      const fix = found.suggestion ? `rename ${entry.key} to ${found.suggestion}` : 'remove the line, or check the spelling against RocketMQ 4.9'
      problems.push({severity: 'error', rule: 'unknown-key', ...at, message, fix})
      continue
    }
    const key = found.key
    if (found.kind === 'alias') {
      problems.push({
        severity: 'warning',
        rule: 'deprecated-key',
        ...at,
        message: `old spelling of ${key.name}: RocketMQ read it up to 4.5.1, a 4.9 broker ignores it (mqlab accepts it)`,
        fix: `rename ${entry.key} to ${key.name}`,
      })
    }
    const previous = lines.get(key.name)
    // The real spelling beats the old one whatever the order: a 4.9 broker never reads the old one.
    const shadowed = found.kind === 'alias' && previous !== undefined && values.get(key.name)?.writtenAs === key.name
    if (previous !== undefined) {
      problems.push({
        severity: 'warning',
        rule: 'duplicate-key',
        ...at,
        message: shadowed
          ? `${key.name} is set on line ${previous}, which wins over this old spelling`
          : `${key.name} is also set on line ${previous}; this later line wins`,
        fix: `keep one ${key.name} line`,
      })
    }
    if (shadowed) continue
    lines.set(key.name, entry.line)
    if (!key.modelled) {
      problems.push({severity: 'warning', rule: 'key-ignored', ...at, message: `a RocketMQ 4.9 key that mqlab's runtime does not model; it has no effect here`})
    } else if (key.origin === 'mqlab' && key.name.startsWith('mqlab')) {
      problems.push({
        severity: 'warning',
        rule: 'mqlab-only',
        ...at,
        message: `an mqlab-only lab key (${key.description.replace(/^mqlab only: /, '')}); a RocketMQ broker ignores it`,
      })
    } else if (key.origin === 'rocketmq-5') {
      problems.push({severity: 'warning', rule: 'key-ignored', ...at, message: 'a RocketMQ 5 key; a RocketMQ 4.9 broker ignores it'})
    }
    const parsed = parseConfigValue(key, entry.value, ctx.cwd)
    for (const p of parsed.problems) problems.push({...p, ...at})
    if (parsed.value === undefined) {
      values.delete(key.name)
      continue
    }
    values.set(key.name, {value: parsed.value, raw: entry.value, line: entry.line, writtenAs: entry.key})
  }
  return {values, lines, problems}
}
