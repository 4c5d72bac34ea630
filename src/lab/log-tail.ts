/** The last lines of a log file, read from its end in blocks so a large log costs only what is shown. */
import fs from 'node:fs'

const BLOCK = 64 * 1024

/** The last `count` lines of `file` ([] when it does not exist). A trailing newline does not count as a line. */
export function tailFile(file: string, count: number): string[] {
  if (count <= 0) return []
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  try {
    const size = fs.fstatSync(fd).size
    let position = size
    let text = ''
    while (position > 0) {
      const length = Math.min(BLOCK, position)
      position -= length
      const buffer = Buffer.alloc(length)
      fs.readSync(fd, buffer, 0, length, position)
      text = buffer.toString('latin1') + text
      // count + 1 newlines guarantee `count` whole lines after the first one.
      if (countNewlines(text) > count) break
    }
    return lastLines(Buffer.from(text, 'latin1').toString('utf8'), count)
  } finally {
    fs.closeSync(fd)
  }
}

/** The last `count` lines of `text` (pure). */
export function lastLines(text: string, count: number): string[] {
  if (count <= 0 || text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines.slice(-count).map((l) => l.replace(/\r$/, ''))
}

function countNewlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++
  return n
}
