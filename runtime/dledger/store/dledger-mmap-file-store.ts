/**
 * The entry log of a DLedger member on disk (DLedgerMmapFileStore 0.3.1.2): data files of
 * mappedFileSizeCommitLog bytes under `<root>/dledger-<selfId>/data` and 32-byte index records under
 * `.../index`, both named by their 20-digit start offset. Implements the raft core's RaftLog.
 *
 * Recovery (after kill -9 or power loss): the walk starts at the third-last data file (the first file if it
 * cannot start there), follows entries while each one checks out (magic, size, pos = its absolute offset,
 * body length, contiguous index, non-decreasing term) and cuts data and index after the last whole entry;
 * index records that disagree with the data are rewritten.
 */
import {join} from 'node:path'
import type {RaftLog} from '../../raft/raft-log.js'
import {RaftLogMismatch} from '../../raft/raft-log.js'
import type {RaftEntry} from '../../raft/raft-types.js'
import {MmapFileList} from './mmap-file-list.js'
import {
  ENTRY_HEADER_SIZE,
  ENTRY_MAGIC,
  INDEX_UNIT_SIZE,
  decodeEntryHeader,
  decodeIndexRecord,
  encodeEntry,
  encodeIndexRecord,
  isValidEntryHeader,
} from './dledger-entry-codec.js'

/** DLedgerConfig.mappedFileSizeForEntryIndex: 32 × 5 MiB. */
export const DEFAULT_INDEX_FILE_SIZE = INDEX_UNIT_SIZE * 5 * 1024 * 1024

/** Called with the entry's position and its encoded bytes before they are written (DLedger's AppendHook). */
export type AppendHook = (entryPos: number, entryBytes: Buffer) => void

/** Where and how big. */
export interface DLedgerStoreOptions {
  /** `<storeBaseDir>/dledger-<selfId>`. */
  readonly baseDir: string
  /** storePathDLedgerCommitLog, default `<baseDir>/data`. */
  readonly dataDir?: string
  readonly dataFileSize: number
  readonly indexFileSize?: number
  readonly appendHook?: AppendHook
  readonly now?: () => number
}

/** What recovery found and did. */
export interface RecoveryReport {
  readonly beginIndex: number
  readonly endIndex: number
  /** Position after the last whole entry. */
  readonly endPos: number
  /** Whether non-zero bytes followed the last whole entry (a torn or garbage tail that was cut). */
  readonly tornTail: boolean
  readonly rewrittenIndexRecords: number
}

/** A DLedger entry log. */
export class DLedgerMmapFileStore implements RaftLog {
  readonly data: MmapFileList
  readonly index: MmapFileList
  private begin = -1
  private end = -1
  private endTermValue = -1
  private readonly hook: AppendHook | undefined

  constructor(options: DLedgerStoreOptions) {
    const now = options.now ?? Date.now
    this.data = new MmapFileList(options.dataDir ?? join(options.baseDir, 'data'), options.dataFileSize, now)
    this.index = new MmapFileList(join(options.baseDir, 'index'), options.indexFileSize ?? DEFAULT_INDEX_FILE_SIZE, now)
    this.hook = options.appendHook
  }

  /** Opens the files and recovers the log. */
  open(): RecoveryReport {
    this.data.load()
    this.index.load()
    return this.recover()
  }

  beginIndex(): number {
    return this.begin
  }

  endIndex(): number {
    return this.end
  }

  endTerm(): number {
    return this.endTermValue
  }

  /** Absolute position after the last entry. */
  endPos(): number {
    return this.data.wrote
  }

  /** Position and size of entry `index`, from the index file. */
  posAndSize(index: number): {pos: number; size: number} | undefined {
    if (index < this.begin || index > this.end || this.begin < 0) return undefined
    const rec = this.index.read(index * INDEX_UNIT_SIZE, INDEX_UNIT_SIZE)
    if (!rec) return undefined
    const r = decodeIndexRecord(rec)
    return {pos: r.pos, size: r.size}
  }

  get(index: number): RaftEntry | undefined {
    const ps = this.posAndSize(index)
    if (!ps) return undefined
    const bytes = this.data.read(ps.pos, ps.size)
    if (!bytes) return undefined
    const h = decodeEntryHeader(bytes)
    return {index: h.index, term: h.term, pos: h.pos, body: bytes.subarray(ENTRY_HEADER_SIZE)}
  }

  /** The raw bytes of the data files in [from, to): what the commit log reads messages from. */
  readData(from: number, len: number): Buffer | undefined {
    return this.data.read(from, len)
  }

  appendAsLeader(term: number, body: Uint8Array): RaftEntry {
    const index = this.end + 1
    const size = ENTRY_HEADER_SIZE + body.length
    const pos = this.data.preAppend(size, true)
    const bytes = encodeEntry(index, term, pos, body)
    this.hook?.(pos, bytes)
    this.write(index, term, pos, bytes)
    return {index, term, pos, body: bytes.subarray(ENTRY_HEADER_SIZE)}
  }

  appendAsFollower(entry: RaftEntry): void {
    if (entry.index !== this.end + 1) throw new RaftLogMismatch(`index ${entry.index} is not ${this.end + 1}`)
    const bytes = encodeEntry(entry.index, entry.term, entry.pos, entry.body)
    const pos = this.data.preAppend(bytes.length, true)
    if (pos !== entry.pos) throw new RaftLogMismatch(`entry ${entry.index} belongs at ${entry.pos}, this log would write it at ${pos}`)
    this.write(entry.index, entry.term, pos, bytes)
  }

  private write(index: number, term: number, pos: number, bytes: Buffer): void {
    this.data.writeAt(pos, bytes)
    this.data.wrote = pos + bytes.length
    this.writeIndexRecord(index, term, pos, bytes.length)
    if (this.begin === -1) this.begin = index
    this.end = index
    this.endTermValue = term
  }

  private writeIndexRecord(index: number, term: number, pos: number, size: number): void {
    const at = index * INDEX_UNIT_SIZE
    if (this.index.files.length === 0 || at < this.index.minOffset()) this.index.resetTo(at)
    else if (at !== this.index.wrote) this.index.truncateTo(at)
    this.index.append(encodeIndexRecord({magic: ENTRY_MAGIC, pos, size, index, term}), false)
  }

  truncate(entry: RaftEntry): void {
    const existing = this.get(entry.index)
    const same =
      existing !== undefined &&
      existing.term === entry.term &&
      existing.pos === entry.pos &&
      Buffer.compare(Buffer.from(existing.body), Buffer.from(entry.body)) === 0
    const size = ENTRY_HEADER_SIZE + entry.body.length
    if (this.data.files.length === 0 || entry.pos < this.data.minOffset() || entry.pos > this.data.wrote) {
      // No overlap with what this log holds: start over at the leader's entry.
      this.data.resetTo(entry.pos)
      this.begin = -1
    } else {
      this.data.truncateTo(same ? entry.pos + size : entry.pos)
    }
    if (same) {
      this.writeIndexRecord(entry.index, entry.term, entry.pos, size)
      this.end = entry.index
      this.endTermValue = entry.term
      return
    }
    this.end = entry.index - 1
    if (this.begin > this.end) this.begin = -1
    const bytes = encodeEntry(entry.index, entry.term, entry.pos, entry.body)
    const pos = this.data.preAppend(bytes.length, true)
    if (pos !== entry.pos) throw new RaftLogMismatch(`truncate: entry ${entry.index} belongs at ${entry.pos}, this log is at ${pos}`)
    this.write(entry.index, entry.term, pos, bytes)
  }

  /**
   * Retention: deletes whole data files that end at or before `maxPos` (and whose last write is older than
   * `olderThan`, when given), then index files entirely below the new begin index.
   */
  deleteExpiredFiles(maxPos: number, olderThan?: number): number {
    let count = 0
    const files = this.data.files
    while (count < files.length - 1) {
      const f = files[count]!
      if (f.start + this.data.fileSize > maxPos) break
      if (olderThan !== undefined && f.mtime > olderThan) break
      count++
    }
    if (count === 0) return 0
    this.data.deleteFirst(count)
    this.begin = this.firstIndexOfFile(this.data.files[0]!.start) ?? this.begin
    const keepFrom = this.begin * INDEX_UNIT_SIZE
    let drop = 0
    while (drop < this.index.files.length - 1 && this.index.files[drop]!.start + this.index.fileSize <= keepFrom) drop++
    this.index.deleteFirst(drop)
    return count
  }

  private firstIndexOfFile(start: number): number | undefined {
    const head = this.data.read(start, ENTRY_HEADER_SIZE)
    if (!head) return undefined
    const h = decodeEntryHeader(head)
    return isValidEntryHeader(h, start, this.data.fileSize) ? h.index : undefined
  }

  private recover(): RecoveryReport {
    const files = this.data.files
    if (files.length === 0) {
      this.index.truncateTo(this.index.minOffset())
      return {beginIndex: -1, endIndex: -1, endPos: 0, tornTail: false, rewrittenIndexRecords: 0}
    }
    // The first file's first entry gives the begin index; DLedger then walks from the third-last file.
    let firstStart = files[0]!.start
    let begin = this.firstIndexOfFile(firstStart)
    if (begin === undefined) {
      // The first file starts mid-way (a follower that was reset to a leader's position): use the index.
      const rec = this.index.files.length > 0 ? this.index.read(this.index.minOffset(), INDEX_UNIT_SIZE) : undefined
      const r = rec ? decodeIndexRecord(rec) : undefined
      if (r && r.magic === ENTRY_MAGIC && r.pos >= firstStart) {
        begin = r.index
        firstStart = r.pos
      }
    }
    let walkFrom = firstStart
    let expectIndex = begin ?? -1
    for (let i = Math.max(0, files.length - 3); i > 0; i--) {
      const idx = this.firstIndexOfFile(files[i]!.start)
      if (idx !== undefined && begin !== undefined) {
        walkFrom = files[i]!.start
        expectIndex = idx
        break
      }
    }
    let at = walkFrom
    let lastTerm = -1
    let end = expectIndex - 1
    let rewritten = 0
    if (begin !== undefined) {
      for (;;) {
        const fileEnd = (Math.floor((at - files[0]!.start) / this.data.fileSize) + 1) * this.data.fileSize + files[0]!.start
        const left = fileEnd - at
        if (left < ENTRY_HEADER_SIZE) {
          if (fileEnd >= this.data.wrote) break
          at = fileEnd
          continue
        }
        const head = this.data.read(at, ENTRY_HEADER_SIZE)
        if (!head) break
        if (head.readInt32BE(0) === -1) {
          if (fileEnd >= this.data.wrote) break
          at = fileEnd
          continue
        }
        const h = decodeEntryHeader(head)
        if (!isValidEntryHeader(h, at, left) || h.index !== end + 1 || h.term < lastTerm) break
        if (!this.data.read(at, h.size)) break
        const recAt = h.index * INDEX_UNIT_SIZE
        const rec = this.index.files.length > 0 && recAt >= this.index.minOffset() ? this.index.read(recAt, INDEX_UNIT_SIZE) : undefined
        const r = rec ? decodeIndexRecord(rec) : undefined
        if (!r || r.magic !== ENTRY_MAGIC || r.pos !== at || r.size !== h.size || r.index !== h.index || r.term !== h.term) {
          if (this.index.files.length === 0 || recAt < this.index.minOffset()) this.index.resetTo(recAt)
          this.index.ensureFileFor(recAt)
          this.index.writeAt(recAt, encodeIndexRecord({magic: ENTRY_MAGIC, pos: at, size: h.size, index: h.index, term: h.term}))
          rewritten++
        }
        end = h.index
        lastTerm = h.term
        at += h.size
      }
    }
    const after = this.data.read(at, Math.min(ENTRY_HEADER_SIZE, Math.max(0, this.data.wrote - at)))
    const tornTail = after !== undefined && after.some((b) => b !== 0)
    if (begin === undefined || end < (begin ?? 0)) {
      // Nothing usable at all: start empty at the first file's start.
      this.data.truncateTo(files[0]!.start)
      this.index.truncateTo(this.index.minOffset())
      this.begin = -1
      this.end = -1
      this.endTermValue = -1
      return {beginIndex: -1, endIndex: -1, endPos: files[0]!.start, tornTail, rewrittenIndexRecords: rewritten}
    }
    this.data.truncateTo(at)
    this.index.truncateTo((end + 1) * INDEX_UNIT_SIZE)
    this.begin = begin
    this.end = end
    this.endTermValue = this.get(end)!.term
    return {beginIndex: begin, endIndex: end, endPos: at, tornTail, rewrittenIndexRecords: rewritten}
  }

  flush(): Promise<void> {
    return Promise.all([this.data.flush(), this.index.flush()]).then(() => undefined)
  }

  close(): void {
    this.data.flushSync()
    this.index.flushSync()
    this.data.close()
    this.index.close()
  }
}
