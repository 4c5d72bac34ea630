/**
 * Where `mqlab send` takes its messages from: generated (`--body`/`--size`, `{i}` expanded), or one
 * message per line of stdin (`--body -`, or a piped/redirected stdin when no body is given) or of a
 * file (`--file`), as kcat -P and -l do; with a key separator (kcat's -K) a line is `KEY<sep>BODY`.
 * Empty lines are skipped. User properties (`--prop k=v`) go on every message.
 */
import fs from 'node:fs'
import readline from 'node:readline'
import {MqlabError} from './mqlab-error.js'
import type {OutgoingMessage} from '../client/producer/outgoing-message.js'

/** Properties the client sets itself: --prop must not override them. */
const RESERVED = new Set(['TAGS', 'KEYS', 'UNIQ_KEY', 'WAIT', 'DELAY', 'TRAN_MSG', 'MSG_REGION', 'TRACE_ON'])

/** Parses `--prop k=v` values (pure); INVALID_ARGUMENT for a missing "=" or a reserved name. */
export function parseProps(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (values === undefined || values.length === 0) return undefined
  const props: Record<string, string> = {}
  for (const v of values) {
    const eq = v.indexOf('=')
    if (eq <= 0) throw new MqlabError('INVALID_ARGUMENT', `--prop ${v} is not KEY=VALUE`, {suggestion: 'e.g. --prop region=eu --prop tenant=42'})
    const key = v.slice(0, eq)
    if (RESERVED.has(key))
      throw new MqlabError('INVALID_ARGUMENT', `--prop ${key} is a property RocketMQ's client sets itself`, {
        suggestion: key === 'TAGS' ? 'use --tag' : key === 'KEYS' ? 'use --key' : 'choose another property name',
      })
    props[key] = v.slice(eq + 1)
  }
  return props
}

/** One line as a message (pure): `KEY<sep>BODY` with a separator, the whole line otherwise. */
export function lineToMessage(line: string, base: Omit<OutgoingMessage, 'body'>, keySeparator?: string): OutgoingMessage {
  if (keySeparator === undefined || keySeparator === '') return {...base, body: line}
  const at = line.indexOf(keySeparator)
  if (at < 0) return {...base, body: line}
  const key = line.slice(0, at)
  return {...base, body: line.slice(at + keySeparator.length), ...(key === '' ? {} : {keys: [key]})}
}

/**
 * Whether stdin carries messages without being asked (`echo x | mqlab send`, `mqlab send < file`):
 * only a pipe or a regular file. A terminal, /dev/null, or the socket a parent process leaves open
 * (execFile) are not read, so scripts that never close stdin do not hang.
 */
export function stdinHasData(): boolean {
  if (process.stdin.isTTY) return false
  try {
    const stat = fs.fstatSync(0)
    return stat.isFIFO() || stat.isFile()
  } catch {
    return false
  }
}

/** Reads lines from a stream as messages, up to `limit` (all when undefined). */
export async function* linesAsMessages(
  input: NodeJS.ReadableStream,
  base: Omit<OutgoingMessage, 'body'>,
  options: {keySeparator?: string; limit?: number} = {},
): AsyncGenerator<OutgoingMessage> {
  const lines = readline.createInterface({input, crlfDelay: Infinity})
  let n = 0
  try {
    for await (const line of lines) {
      if (line === '') continue
      if (options.limit !== undefined && n >= options.limit) break
      n++
      yield lineToMessage(line, base, options.keySeparator)
    }
  } finally {
    lines.close()
  }
}

/** Opens --file as a stream, with a clear error for a missing or non-regular file. */
export function openMessageFile(file: string): NodeJS.ReadableStream {
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch (error) {
    throw new MqlabError(
      'LAB_UNREADABLE',
      `cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      {suggestion: 'give a file with one message per line'},
    )
  }
  if (!stat.isFile() && !stat.isFIFO())
    throw new MqlabError('INVALID_ARGUMENT', `--file ${file} is not a regular file`, {
      suggestion: 'give a file with one message per line, or pipe into mqlab send --body -',
    })
  return fs.createReadStream(file)
}
