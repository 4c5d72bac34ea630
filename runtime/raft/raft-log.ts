/**
 * The log the raft core reads and writes, injected by the driver (DLedger's DLedgerStore). Writes are
 * synchronous, as DLedger's appends into its mapped files are; durability (flush) is the driver's job.
 * Indexes are 0-based; an empty log has begin and end −1, as DLedgerMmapFileStore reports.
 */
import type {RaftEntry} from './raft-types.js'

/** Thrown by a log write the core asked for but the log cannot honour (wrong index or position). */
export class RaftLogMismatch extends Error {}

/** A raft log as the core sees it. */
export interface RaftLog {
  /** Index of the first entry still held, −1 when empty. */
  beginIndex(): number
  /** Index of the last entry, −1 when empty. */
  endIndex(): number
  /** Term of the last entry, −1 when empty. */
  endTerm(): number
  /** The entry at `index`, or undefined outside [begin, end]. */
  get(index: number): RaftEntry | undefined
  /** Appends a new entry at end + 1 in `term` (leader side); returns it with its index and position. */
  appendAsLeader(term: number, body: Uint8Array): RaftEntry
  /** Appends a leader's entry, which must be at end + 1 and at the position this log would give it. */
  appendAsFollower(entry: RaftEntry): void
  /** Makes `entry` the last entry: rewrites it at its index and position, drops everything after it. */
  truncate(entry: RaftEntry): void
}

/** DLedgerEntry's header size: an entry takes 48 bytes plus its body. */
export const ENTRY_HEADER_SIZE = 48

/** True when two entries are equal as DLedgerEntry.equals compares them (index, term, pos, body). */
export function sameEntry(a: RaftEntry | undefined, b: RaftEntry | undefined): boolean {
  if (!a || !b) return false
  if (a.index !== b.index || a.term !== b.term || a.pos !== b.pos || a.body.length !== b.body.length) return false
  for (let i = 0; i < a.body.length; i++) if (a.body[i] !== b.body[i]) return false
  return true
}

/** An in-memory log with DLedger's positions (no file boundaries): for tests, simulations and tools. */
export class MemoryRaftLog implements RaftLog {
  private entries: RaftEntry[] = []
  private begin = -1
  /** Counts writes (appends and truncations), so observers can skip work when nothing changed. */
  writes = 0
  /** Counts truncations only. */
  truncations = 0
  /** Lowest index written since an observer last set this to Infinity (lets checkers look only at changes). */
  dirtyFrom = 0

  beginIndex(): number {
    return this.entries.length === 0 ? -1 : this.begin
  }

  endIndex(): number {
    return this.entries.length === 0 ? -1 : this.begin + this.entries.length - 1
  }

  endTerm(): number {
    return this.entries.length === 0 ? -1 : this.entries[this.entries.length - 1]!.term
  }

  get(index: number): RaftEntry | undefined {
    if (this.entries.length === 0 || index < this.begin) return undefined
    return this.entries[index - this.begin]
  }

  /** Every entry held, oldest first. */
  all(): readonly RaftEntry[] {
    return this.entries
  }

  private nextPos(): number {
    const last = this.entries[this.entries.length - 1]
    return last ? last.pos + ENTRY_HEADER_SIZE + last.body.length : 0
  }

  appendAsLeader(term: number, body: Uint8Array): RaftEntry {
    const entry = {index: this.endIndex() + 1, term, body, pos: this.nextPos()}
    if (this.entries.length === 0) this.begin = entry.index
    this.entries.push(entry)
    this.writes++
    this.dirtyFrom = Math.min(this.dirtyFrom, entry.index)
    return entry
  }

  appendAsFollower(entry: RaftEntry): void {
    if (entry.index !== this.endIndex() + 1) throw new RaftLogMismatch(`index ${entry.index} is not ${this.endIndex() + 1}`)
    if (this.entries.length > 0 && entry.pos !== this.nextPos()) throw new RaftLogMismatch(`pos ${entry.pos} is not ${this.nextPos()}`)
    if (this.entries.length === 0) this.begin = entry.index
    this.entries.push(entry)
    this.writes++
    this.dirtyFrom = Math.min(this.dirtyFrom, entry.index)
  }

  truncate(entry: RaftEntry): void {
    this.writes++
    this.truncations++
    this.dirtyFrom = Math.min(this.dirtyFrom, entry.index)
    if (this.entries.length === 0 || entry.index < this.begin || entry.index > this.endIndex() + 1) {
      // No overlap: the follower starts over from the leader's entry (DLedger resets its files).
      this.entries = [entry]
      this.begin = entry.index
      return
    }
    this.entries.length = entry.index - this.begin
    this.entries.push(entry)
  }
}
