/**
 * The properties string of a message (docs/rocketmq-facts.md §3.1): `key` U+0001 `value` U+0002, repeated.
 *
 * RocketMQ 4.9.8 writes no separator after the last pair; 4.4.0 and ali-ons write one. The parser
 * follows MessageDecoder.string2messageProperties: a segment shorter than 3 chars, or without a
 * name/value separator, or with an empty key or empty value, is skipped.
 */
export {MessageConst, KEY_SEPARATOR} from './message-const.js'

/** Separates a key from its value (MessageDecoder.NAME_VALUE_SEPARATOR). */
export const NAME_VALUE_SEPARATOR = '\u0001'
/** Separates one pair from the next (MessageDecoder.PROPERTY_SEPARATOR). */
export const PROPERTY_SEPARATOR = '\u0002'

/** Parses a properties string, with or without a trailing separator. */
export function parseMessageProperties(s: string): Record<string, string> {
  const map: Record<string, string> = {}
  const len = s.length
  let index = 0
  while (index < len) {
    let next = s.indexOf(PROPERTY_SEPARATOR, index)
    if (next < 0) next = len
    if (next - index >= 3) {
      const kv = s.indexOf(NAME_VALUE_SEPARATOR, index)
      if (kv > index && kv < next - 1) map[s.slice(index, kv)] = s.slice(kv + 1, next)
    }
    index = next + 1
  }
  return map
}

/** Encodes properties as 4.9.8 does: pairs joined by U+0002, no trailing separator; undefined values are dropped. */
export function encodeMessageProperties(p: Record<string, string>): string {
  let out = ''
  for (const key of Object.keys(p)) {
    const value = p[key]
    if (value === undefined || value === null) continue
    if (out.length > 0) out += PROPERTY_SEPARATOR
    out += key + NAME_VALUE_SEPARATOR + value
  }
  return out
}
