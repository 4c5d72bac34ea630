/**
 * `mqlab logs NODE -f`: after the last lines, prints what the node appends, as `tail -F` does — by
 * polling the file's size (it survives the file being truncated or re-created by `down --clean`),
 * until `signal` aborts (Ctrl-C).
 */
import fs from 'node:fs'
import type {Clock} from './clock.js'

/** Follows `file` from its current end, calling `onLine` per whole line, until `signal` aborts. */
export async function followFile(file: string, onLine: (line: string) => void, clock: Clock, signal: AbortSignal, pollMs = 200): Promise<void> {
  let position = sizeOf(file)
  let partial = ''
  while (!signal.aborted) {
    const size = sizeOf(file)
    if (size < position) {
      position = 0 // truncated or replaced: start again from its beginning
      partial = ''
    }
    if (size > position) {
      const fd = fs.openSync(file, 'r')
      try {
        const buffer = Buffer.alloc(size - position)
        const read = fs.readSync(fd, buffer, 0, buffer.length, position)
        position += read
        const text = partial + buffer.subarray(0, read).toString('utf8')
        const lines = text.split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) onLine(line.replace(/\r$/, ''))
      } finally {
        fs.closeSync(fd)
      }
    }
    try {
      await clock.sleep(pollMs, signal)
    } catch {
      break // aborted
    }
  }
  if (partial !== '') onLine(partial)
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    return 0
  }
}
