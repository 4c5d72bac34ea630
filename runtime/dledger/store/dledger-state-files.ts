/**
 * DLedger's two small state files in `<storeBaseDir>/dledger-<selfId>/`, written as DLedger's
 * IOUtils.string2File does (to `<file>.tmp`, the previous content copied to `<file>.bak`, then renamed):
 * - `currterm`: `voteLeader=<id or empty>` and `currTerm=<long>` (MemberState), on every term change and vote;
 * - `checkpoint`: `endIndex=<long>` and `committedIndex=<long>` (DLedgerMmapFileStore), every 3 s and at shutdown.
 * Lines come in the order Java 8's Properties (a Hashtable) iterates these keys; readers accept any order.
 */
import {closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync} from 'node:fs'
import {dirname, join} from 'node:path'

/** Term and vote as persisted. */
export interface TermState {
  readonly term: number
  readonly voteFor: string | null
}

/** Checkpoint values. */
export interface Checkpoint {
  readonly endIndex: number
  readonly committedIndex: number
}

/** Parses `key=value` lines as java.util.Properties would for these simple files. */
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

/** Writes `text` to `file` the way IOUtils.string2File does, with an fsync before the rename. */
export function string2File(text: string, file: string): void {
  mkdirSync(dirname(file), {recursive: true})
  writeDurably(`${file}.tmp`, text)
  if (existsSync(file)) writeDurably(`${file}.bak`, readFileSync(file, 'utf8'))
  renameSync(`${file}.tmp`, file)
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** `<dir>/currterm`. */
export function termFile(dir: string): string {
  return join(dir, 'currterm')
}

/** `<dir>/checkpoint`. */
export function checkpointFile(dir: string): string {
  return join(dir, 'checkpoint')
}

/** Text of the currterm file. */
export function formatTermState(s: TermState): string {
  return `voteLeader=${s.voteFor ?? ''}\ncurrTerm=${s.term}\n`
}

/** Reads currterm (term 0, no vote when absent), as MemberState.loadTerm. */
export function loadTermState(dir: string): TermState {
  const file = termFile(dir)
  if (!existsSync(file)) return {term: 0, voteFor: null}
  const p = parseSimpleProperties(readFileSync(file, 'utf8'))
  const term = Number(p.get('currTerm') ?? 0)
  if (!Number.isSafeInteger(term) || term < 0) throw new Error(`${file}: currTerm ${JSON.stringify(p.get('currTerm'))} is not a term`)
  const vote = p.get('voteLeader')
  return {term, voteFor: vote ? vote : null}
}

/** Writes currterm. */
export function saveTermState(dir: string, s: TermState): void {
  string2File(formatTermState(s), termFile(dir))
}

/** Text of the checkpoint file. */
export function formatCheckpoint(c: Checkpoint): string {
  return `endIndex=${c.endIndex}\ncommittedIndex=${c.committedIndex}\n`
}

/** Reads the checkpoint (−1/−1 when absent). */
export function loadCheckpoint(dir: string): Checkpoint {
  const file = checkpointFile(dir)
  if (!existsSync(file)) return {endIndex: -1, committedIndex: -1}
  const p = parseSimpleProperties(readFileSync(file, 'utf8'))
  const endIndex = Number(p.get('endIndex') ?? -1)
  const committedIndex = Number(p.get('committedIndex') ?? -1)
  return {endIndex: Number.isSafeInteger(endIndex) ? endIndex : -1, committedIndex: Number.isSafeInteger(committedIndex) ? committedIndex : -1}
}

/** Writes the checkpoint. */
export function saveCheckpoint(dir: string, c: Checkpoint): void {
  string2File(formatCheckpoint(c), checkpointFile(dir))
}
