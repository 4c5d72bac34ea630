/**
 * The one way the CLI replaces a file it owns (a node's .properties, the lab marker, a run record):
 * write a temp file next to it, then rename over it, so a reader or a crash never sees half a file.
 */
import fs from 'node:fs'
import path from 'node:path'

let tmpCounter = 0

/**
 * Replaces `file` with `text`. `.properties` files are ISO-8859-1, as Java's Properties reads them
 * (mqlab writes non-ASCII as \uXXXX, and an edit keeps whatever bytes a user wrote); other files UTF-8.
 * Throws the file system's error, with the temp file removed.
 */
export function writeAtomically(file: string, text: string): void {
  const encoding: BufferEncoding = file.endsWith('.properties') ? 'latin1' : 'utf8'
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++tmpCounter}.tmp`)
  try {
    fs.writeFileSync(tmp, text, encoding)
    fs.renameSync(tmp, file)
  } catch (error) {
    fs.rmSync(tmp, {force: true})
    throw error
  }
}
