/**
 * The segments of one log, in offset order (RocketMQ MappedFileQueue): the commitlog, or one consume
 * queue. Segments are contiguous: segment k starts at first.fileFromOffset + k × mappedFileSize.
 */
import {join} from 'node:path'
import type {Logger} from '../common/logger.js'
import {MappedFile, type MappedFileOptions} from './mapped-file.js'
import {StoreLoadError} from './store-errors.js'
import {fileName2Offset, offset2FileName} from './store-path-config-helper.js'

/** The segments of one directory. */
export class MappedFileQueue {
  files: MappedFile[] = []
  private dirReady = false

  constructor(
    readonly storePath: string,
    readonly mappedFileSize: number,
    private readonly options: MappedFileOptions,
    private readonly logger: Logger,
  ) {}

  /** Opens the existing segments (all marked full; recovery then finds the real end). */
  async load(): Promise<void> {
    const fs = this.options.fs
    const names = (await fs.readdir(this.storePath))
      .map((n) => ({n, off: fileName2Offset(n)}))
      .filter((x): x is {n: string; off: number} => x.off !== undefined)
      .sort((a, b) => a.off - b.off)
    this.files = []
    for (const [i, {n, off}] of names.entries()) {
      const path = join(this.storePath, n)
      const st = await fs.stat(path)
      if (!st) continue
      const isLast = i === names.length - 1
      if (off % this.mappedFileSize !== 0) {
        throw new StoreLoadError(`${path}: offset ${off} is not a multiple of the segment size ${this.mappedFileSize}; check mappedFileSize settings`)
      }
      if (st.size !== this.mappedFileSize && !(isLast && st.size < this.mappedFileSize)) {
        // RocketMQ refuses to load too: "length not matched message store config value".
        throw new StoreLoadError(`${path}: ${st.size} bytes, but the configured segment size is ${this.mappedFileSize}`)
      }
      const f = new MappedFile(path, off, this.mappedFileSize, this.options, {onDisk: true, lastModified: st.mtimeMs})
      if (st.size < this.mappedFileSize) {
        // A crash while creating the newest segment: it holds at most what was written; extend it.
        this.logger.warn(`${path}: ${st.size} bytes, extending to ${this.mappedFileSize}`)
        await f.truncateTo(Math.min(st.size, this.mappedFileSize))
      }
      f.setLoadedPosition(this.mappedFileSize)
      this.files.push(f)
    }
    this.dirReady = this.files.length > 0
  }

  get first(): MappedFile | undefined {
    return this.files[0]
  }

  get last(): MappedFile | undefined {
    return this.files[this.files.length - 1]
  }

  /**
   * The segment to append to: the last one, or a new one after it when it is full, or (when there is
   * none) the segment that would contain startOffset. New segments live in memory until first commit.
   */
  getLastMappedFile(startOffset = 0, now = Date.now()): MappedFile {
    const last = this.last
    if (last && !last.isFull()) return last
    const from = last ? last.fileFromOffset + this.mappedFileSize : startOffset - (startOffset % this.mappedFileSize)
    if (last) last.releaseCache()
    const f = new MappedFile(join(this.storePath, offset2FileName(from)), from, this.mappedFileSize, this.options, {onDisk: false, lastModified: now})
    this.files.push(f)
    return f
  }

  /** The segment holding offset, or undefined. */
  findMappedFileByOffset(offset: number): MappedFile | undefined {
    const first = this.first
    if (!first || offset < first.fileFromOffset) return undefined
    const index = Math.floor((offset - first.fileFromOffset) / this.mappedFileSize)
    const f = this.files[index]
    return f && offset < f.fileFromOffset + this.mappedFileSize ? f : undefined
  }

  /** Start of the first segment, or -1 without segments. */
  getMinOffset(): number {
    return this.first ? this.first.fileFromOffset : -1
  }

  /** End of what is appended (in memory or on disk). */
  getMaxWroteOffset(): number {
    const last = this.last
    return last ? last.fileFromOffset + last.wrotePosition : 0
  }

  /** End of what is written to the files. */
  getCommittedWhere(): number {
    for (let i = this.files.length - 1; i >= 0; i--) {
      const f = this.files[i]
      if (f.committedPosition > 0 || i === 0) return f.fileFromOffset + f.committedPosition
    }
    return 0
  }

  /** End of what is fsynced. */
  getFlushedWhere(): number {
    for (let i = this.files.length - 1; i >= 0; i--) {
      const f = this.files[i]
      if (f.flushedPosition > 0 || i === 0) return f.fileFromOffset + f.flushedPosition
    }
    return 0
  }

  /** Writes every segment's uncommitted appends, in order; stops at (and rethrows) the first failure. */
  async commit(): Promise<void> {
    if (!this.dirReady && this.files.length > 0) {
      await this.options.fs.mkdir(this.storePath)
      this.dirReady = true
    }
    for (const f of this.files) {
      if (f.committedPosition < f.wrotePosition) await f.commit()
      else if (f !== this.last && f.isFull()) f.releaseCache()
    }
  }

  /** fdatasyncs every segment with committed but unsynced data; resolves to how many were synced. */
  async flush(): Promise<number> {
    let n = 0
    for (const f of this.files) if (f.flushedPosition < f.committedPosition && (await f.flush())) n++
    return n
  }

  /** Whether something is appended but not yet written. */
  hasUncommitted(): boolean {
    return this.files.some((f) => f.committedPosition < f.wrotePosition)
  }

  /**
   * Forgets appends after offset (≥ the committed end), after a failed commit: the segment holding it
   * is cut back and later segments are dropped. Returns the dropped segments (to destroy).
   */
  rollbackTo(offset: number): MappedFile[] {
    const dropped: MappedFile[] = []
    while (this.files.length > 0) {
      const last = this.files[this.files.length - 1]
      if (last.fileFromOffset > offset) {
        dropped.push(this.files.pop() as MappedFile)
        continue
      }
      if (offset - last.fileFromOffset < last.wrotePosition) last.rollback(offset - last.fileFromOffset)
      break
    }
    return dropped
  }

  /** Recovery: keeps data before offset, zeroes the rest of its segment and deletes later segments. */
  async truncateDirtyFiles(offset: number): Promise<void> {
    const keep: MappedFile[] = []
    for (const f of this.files) {
      const end = f.fileFromOffset + this.mappedFileSize
      if (end <= offset) {
        keep.push(f)
      } else if (offset >= f.fileFromOffset) {
        await f.truncateTo(offset - f.fileFromOffset)
        keep.push(f)
      } else {
        this.logger.info(`deleting ${f.fileName}: it starts after the recovered end ${offset}`)
        await f.destroy()
      }
    }
    this.files = keep
  }

  /** Removes the first segment(s) from the queue and deletes their files. */
  async deleteFirst(count: number): Promise<MappedFile[]> {
    const gone = this.files.splice(0, count)
    for (const f of gone) await f.destroy()
    return gone
  }

  /** Deletes every segment. */
  async destroyAll(): Promise<void> {
    const all = this.files
    this.files = []
    for (const f of all) await f.destroy()
  }

  /** Closes every file handle. */
  async close(): Promise<void> {
    for (const f of this.files) await f.close()
  }
}
