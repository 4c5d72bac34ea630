/**
 * A lenient `key=value` reader for the small properties texts the runtime reads back from itself or from
 * mqadmin (DLedger's currterm/checkpoint files, UPDATE_NAMESRV_CONFIG bodies). Unlike the strict
 * config/properties-parser.ts it reports nothing and trims values: these texts are machine-written, and
 * one reader keeps their parsing the same everywhere.
 */

/** Parses `key=value` (or `key:value`) lines; blank lines and `#`/`!` comments skipped, a bare key maps to ''. */
export function parseSimpleProperties(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue
    const eq = line.search(/[=:]/)
    if (eq < 0) out.set(line, '')
    else out.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim())
  }
  return out
}
