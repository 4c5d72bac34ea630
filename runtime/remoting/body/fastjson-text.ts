/**
 * Parses JSON as RocketMQ's fastjson writes it into config/*.json: maps keyed by numbers come out with
 * bare keys (`{"offsetTable":{"T@g":{0:12,1:3}}}`), which JSON.parse rejects. Bare numeric keys outside
 * strings are quoted first, so files written by a real broker load too. mqlab itself writes standard JSON.
 */
export function parseFastjson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return JSON.parse(quoteBareNumericKeys(text))
  }
}

/** Rewrites `{0:` / `,12:` (outside string literals) as `{"0":` / `,"12":`. */
export function quoteBareNumericKeys(text: string): string {
  let out = ''
  let i = 0
  let inString = false
  // The last significant character outside strings: a key may only follow '{' or ','.
  let last = ''
  while (i < text.length) {
    const ch = text[i]!
    if (inString) {
      out += ch
      if (ch === '\\') {
        out += text[i + 1] ?? ''
        i += 2
        continue
      }
      if (ch === '"') inString = false
      i++
      continue
    }
    if (ch === '"') {
      inString = true
      out += ch
      last = ch
      i++
      continue
    }
    if ((last === '{' || last === ',') && (ch === '-' || (ch >= '0' && ch <= '9'))) {
      const m = /^-?\d+(?=\s*:)/.exec(text.slice(i))
      if (m) {
        out += `"${m[0]}"`
        i += m[0].length
        last = '"'
        continue
      }
    }
    out += ch
    if (!/\s/.test(ch)) last = ch
    i++
  }
  return out
}
