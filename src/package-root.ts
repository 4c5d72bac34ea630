/**
 * The mqlab package's root folder (where package.json, bin/ and templates/ are), found by walking up
 * from this module's own file. A fixed '../../..' would do for dist/src/<area>/x.js, but this code also
 * runs from the esbuild bundles (dist/bundle/cli/…, at other depths), so it looks instead of counting.
 */
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

let cached: string | undefined

export function packageRoot(): string {
  if (cached !== undefined) return cached
  const start = path.dirname(fileURLToPath(import.meta.url))
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'bin', 'mqbroker.js'))) return (cached = dir)
    if (path.dirname(dir) === dir) throw new Error(`mqlab's package root was not found above ${start}`)
  }
}
