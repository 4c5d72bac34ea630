/**
 * Typed parsing of one .properties value with Java's rules (MixAll.properties2Object): int/long via
 * Integer/Long.parseInt, booleans via Boolean.parseBoolean, enums via Enum.valueOf. Where Java would
 * silently fall back to the default (an unparsable number, `yes` for a boolean, trailing whitespace),
 * this reports a problem instead.
 */
import path from 'node:path'
import type {ConfigKey} from './config-key.js'
import {suggestName} from './key-suggestion.js'

/** A parsed value: number for int/long, boolean for bool, string otherwise (an absolute path for `path`). */
export type ConfigValue = number | boolean | string

/** What went wrong with a value, without file/line (the caller adds them). */
export interface ValueProblem {
  severity: 'error' | 'warning'
  rule: string
  message: string
  fix?: string
}

/** The parse of one value: the value when usable, plus any problems. */
export interface ValueParse {
  value?: ConfigValue
  problems: ValueProblem[]
}

const INT_MIN = -(2 ** 31)
const INT_MAX = 2 ** 31 - 1
const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

/** Parses `raw` as the catalogue says `key` is typed; `cwd` resolves relative paths (Java resolves them against user.dir). */
export function parseConfigValue(key: ConfigKey, raw: string, cwd: string): ValueParse {
  const problems: ValueProblem[] = []
  const keep = defaultHint(key)
  if (raw.trim() === '') {
    return {problems: [{severity: 'error', rule: 'value-empty', message: 'empty value', fix: `give a value, or delete the line to use ${keep}`}]}
  }
  const typed = key.type !== 'string' && key.type !== 'path'
  if (raw !== raw.trimEnd()) {
    // java.util.Properties keeps trailing whitespace; Integer.parseInt("10911 ") and Enum.valueOf("SLAVE ")
    // throw, and properties2Object swallows the exception, so RocketMQ silently keeps its default.
    if (typed) {
      return {
        problems: [
          {
            severity: 'error',
            rule: 'value-whitespace',
            message: `trailing whitespace in ${JSON.stringify(raw)}: RocketMQ 4.9 cannot parse it and silently uses ${keep}`,
            fix: 'delete the spaces after the value',
          },
        ],
      }
    }
    problems.push({
      severity: 'warning',
      rule: 'value-whitespace',
      message: `trailing whitespace in ${JSON.stringify(raw)} is part of the value`,
      fix: 'delete the spaces after the value',
    })
  }
  switch (key.type) {
    case 'int':
    case 'long': {
      if (!/^[+-]?\d+$/.test(raw)) {
        return {
          problems: [
            {
              severity: 'error',
              rule: 'value-number',
              message: `${JSON.stringify(raw)} is not a whole number (RocketMQ 4.9 would silently use ${keep})`,
              fix: 'write digits only, e.g. 10911',
            },
          ],
        }
      }
      const big = BigInt(raw)
      const [min, max] = key.type === 'int' ? [BigInt(INT_MIN), BigInt(INT_MAX)] : [LONG_MIN, LONG_MAX]
      if (big < min || big > max) {
        return {
          problems: [
            {severity: 'error', rule: 'value-number', message: `${raw} does not fit a Java ${key.type}`, fix: `use a value between ${min} and ${max}`},
          ],
        }
      }
      const n = Number(big)
      if ((key.min !== undefined && n < key.min) || (key.max !== undefined && n > key.max)) {
        return {
          problems: [{severity: 'error', rule: 'value-range', message: `${raw} is out of range (${rangeText(key)})`, fix: `use a value ${rangeText(key)}`}],
        }
      }
      return {value: n, problems}
    }
    case 'bool': {
      const lower = raw.toLowerCase()
      if (lower !== 'true' && lower !== 'false') {
        return {
          problems: [
            {
              severity: 'error',
              rule: 'value-boolean',
              message: `${JSON.stringify(raw)} is not true or false (RocketMQ 4.9 reads anything but "true" as false)`,
              fix: 'write true or false',
            },
          ],
        }
      }
      return {value: lower === 'true', problems}
    }
    case 'enum': {
      const values = key.values ?? []
      if (!values.includes(raw)) {
        const guess = suggestName(raw, values)
        return {
          problems: [
            {
              severity: 'error',
              rule: 'value-enum',
              message: `${JSON.stringify(raw)} is not one of ${values.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`,
              fix: guess ? `write ${key.name}=${guess}` : `write one of ${values.join(', ')}`,
            },
          ],
        }
      }
      return {value: raw, problems}
    }
    case 'path': {
      if (!path.isAbsolute(raw)) {
        problems.push({
          severity: 'warning',
          rule: 'path-relative',
          message: `${JSON.stringify(raw)} is relative: it resolves against the working directory of the process${raw.startsWith('~') ? ' (Java does not expand ~)' : ''}`,
          fix: 'write an absolute path',
        })
      }
      return {value: path.resolve(cwd, raw), problems}
    }
    case 'string':
      return {value: raw, problems}
  }
}

function rangeText(key: ConfigKey): string {
  if (key.min !== undefined && key.max !== undefined) return `from ${key.min} to ${key.max}`
  if (key.min !== undefined) return `of at least ${key.min}`
  return `of at most ${key.max}`
}

function defaultHint(key: ConfigKey): string {
  return key.default === undefined ? 'its default' : `the default ${key.default}`
}
