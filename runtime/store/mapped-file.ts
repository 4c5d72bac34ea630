/**
 * One segment file of fixed size, named by its start offset (RocketMQ MappedFile). Node has no mmap, so
 * appends go to in-memory chunks first (synchronously: the caller gets its offset at once) and commit()
 * writes everything appended since the last commit with one positional writev; flush() fdatasyncs.
 *
 * Positions (bytes from the file start): flushed ≤ committed ≤ wrote. The chunks always cover
 * [cacheStart, wrote) contiguously; everything before cacheStart is committed in the file. Committed
 * chunks are kept while within retainBytes of the write position, so recent data is read from memory.
 * The file itself is created on the first commit, as a sparse file of the full segment size, so reads
 * past the data see zeros exactly as in a RocketMQ segment.
 */
import type {StoreFileHandle, StoreFs} from './store-fs.js'

/** Creating a segment file failed (RocketMQ's CREATE_MAPEDFILE_FAILED). */
export class MappedFileCreateError extends Error {
  constructor(fileName: string, cause: unknown) {
    super(`cannot create ${fileName}: ${(cause as Error)?.message ?? String(cause)}`)
    this.name = 'MappedFileCreateError'
  }
}

/** Memory behaviour of a segment. */
export interface MappedFileOptions {
  fs: StoreFs
  /** Capacity of the first chunk; each next chunk doubles, up to maxChunkSize (a bigger record gets its own). */
  initialChunkSize: number
  maxChunkSize: number
  /** Committed bytes kept in memory behind the write position. */
  retainBytes: number
}

interface Chunk {
  /** File position of buf[0]. */
  start: number
  buf: Buffer
  used: number
}

/** A place reserved for an append: write exactly the reserved size at buf[offset…]. */
export interface Reservation {
  buf: Buffer
  offset: number
  /** Position in the file. */
  position: number
}

/** One segment: in-memory tail, lazily created file, positional I/O. */
export class MappedFile {
  wrotePosition = 0
  committedPosition = 0
  flushedPosition = 0
  /** Clock time of the last append (file mtime for loaded files): retention ages segments by it. */
  lastModified: number
  private chunks: Chunk[] = []
  private nextChunkSize: number
  private fh: StoreFileHandle | undefined
  private opening: Promise<StoreFileHandle> | undefined
  private onDisk: boolean
  /** A failed write may have left bytes at and after committedPosition: zero them before writing again. */
  private dirty = false
  private destroyed = false

  constructor(
    readonly fileName: string,
    readonly fileFromOffset: number,
    readonly fileSize: number,
    private readonly options: MappedFileOptions,
    existing: {onDisk: boolean; lastModified: number},
  ) {
    this.onDisk = existing.onDisk
    this.lastModified = existing.lastModified
    this.nextChunkSize = options.initialChunkSize
  }

  /** Bytes left for appends. */
  get remaining(): number {
    return this.fileSize - this.wrotePosition
  }

  isFull(): boolean {
    return this.wrotePosition >= this.fileSize
  }

  /** Whether this file still exists (retention has not destroyed it). */
  get available(): boolean {
    return !this.destroyed
  }

  /** Reserves size bytes at the write position in memory; the caller fills them before its next await. */
  reserve(size: number, now?: number): Reservation {
    if (size > this.remaining) throw new RangeError(`append of ${size} bytes exceeds the ${this.remaining} left in ${this.fileName}`)
    let c = this.chunks[this.chunks.length - 1]
    if (!c || c.start + c.used !== this.wrotePosition || c.buf.length - c.used < size) {
      const cap = Math.min(Math.max(this.nextChunkSize, size), Math.max(size, this.remaining))
      this.nextChunkSize = Math.min(this.nextChunkSize * 2, this.options.maxChunkSize)
      c = {start: this.wrotePosition, buf: Buffer.allocUnsafe(cap), used: 0}
      this.chunks.push(c)
    }
    const r = {buf: c.buf, offset: c.used, position: this.wrotePosition}
    c.used += size
    this.wrotePosition += size
    if (now !== undefined) this.lastModified = now
    return r
  }

  /** Appends bytes as they are; returns their position. */
  appendBytes(data: Buffer, now?: number): number {
    const r = this.reserve(data.length, now)
    data.copy(r.buf, r.offset)
    return r.position
  }

  /** Writes what was appended since the last commit; rejects (positions unchanged) when the write fails. */
  async commit(): Promise<void> {
    const start = this.committedPosition
    const end = this.wrotePosition
    if (end <= start && !this.dirty) return
    const fh = await this.handle()
    if (this.dirty) {
      // Zero the leftovers of a failed write so recovery can never mistake them for records.
      await fh.truncate(start)
      await fh.truncate(this.fileSize)
      this.dirty = false
    }
    if (end > start) {
      let buffers = this.slices(start, end)
      let pos = start
      while (pos < end) {
        // A synchronous pwritev where offered: the write is still done before any put is acknowledged,
        // but without a round trip through libuv's thread pool (fdatasync stays async in flush()).
        const n = fh.writevSync ? fh.writevSync(buffers, pos) : await fh.writev(buffers, pos)
        if (n <= 0) throw new Error(`write to ${this.fileName} at ${pos} made no progress`)
        pos += n
        if (pos < end) buffers = this.slices(pos, end)
      }
      if (this.committedPosition < end) this.committedPosition = end
    }
    this.trimChunks()
  }

  /** fdatasyncs committed data; resolves true when something was synced. */
  async flush(): Promise<boolean> {
    const target = this.committedPosition
    if (target <= this.flushedPosition || this.destroyed) return false
    const fh = await this.handle()
    await fh.datasync()
    if (this.flushedPosition < target) this.flushedPosition = target
    return true
  }

  /** The bytes at [pos, pos+len) if they are all in memory (a view, not a copy). */
  readCached(pos: number, len: number): Buffer | undefined {
    const first = this.chunks[0]
    if (!first || pos < first.start || pos + len > this.wrotePosition) return undefined
    const parts: Buffer[] = []
    for (const c of this.chunks) {
      const cs = Math.max(pos, c.start)
      const ce = Math.min(pos + len, c.start + c.used)
      if (ce > cs) parts.push(c.buf.subarray(cs - c.start, ce - c.start))
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts)
  }

  /**
   * Reads [pos, pos+len) (within what was appended) from memory or the file; undefined once destroyed, or
   * when a rollback took back part of the range meanwhile.
   */
  async read(pos: number, len: number): Promise<Buffer | undefined> {
    if (this.destroyed) return undefined
    if (pos < 0 || len < 0 || pos + len > this.wrotePosition)
      throw new RangeError(`read [${pos}, ${pos + len}) beyond ${this.wrotePosition} in ${this.fileName}`)
    const cached = this.readCached(pos, len)
    if (cached) return cached
    const end = pos + len
    const out = Buffer.allocUnsafe(len)
    const fh = await this.handle()
    let at = pos
    // Where memory starts is looked at again after every disk read: a commit during the read may have
    // dropped chunks, and what it dropped is committed, so it is read from the file instead.
    while (at < end) {
      if (this.destroyed || end > this.wrotePosition) return undefined
      const rest = this.readCached(at, end - at)
      if (rest) {
        rest.copy(out, at - pos)
        break
      }
      const cacheStart = this.chunks[0]?.start ?? this.wrotePosition
      const diskEnd = Math.min(end, cacheStart)
      const n = await fh.read(out, at - pos, diskEnd - at, at)
      if (n <= 0) throw new Error(`short read of ${this.fileName} at ${at}`)
      at += n
    }
    return out
  }

  /** Forgets uncommitted appends after pos (pos ≥ committedPosition), after a failed commit. */
  rollback(pos: number): void {
    if (pos < this.committedPosition) throw new RangeError(`cannot roll back committed data (${pos} < ${this.committedPosition})`)
    this.wrotePosition = pos
    this.chunks = this.chunks.filter((c) => c.start < pos)
    const last = this.chunks[this.chunks.length - 1]
    if (last && last.start + last.used > pos) last.used = pos - last.start
    this.dirty = this.onDisk
  }

  /** Cuts the file to pos (recovery): positions move there, memory is dropped and the rest is zeroed. */
  async truncateTo(pos: number): Promise<void> {
    this.chunks = []
    this.wrotePosition = pos
    this.committedPosition = pos
    this.flushedPosition = pos
    if (!this.onDisk) return
    const fh = await this.handle()
    await fh.truncate(pos)
    await fh.truncate(this.fileSize)
  }

  /** Marks a loaded file as holding data up to pos (all of it committed and flushed). */
  setLoadedPosition(pos: number): void {
    this.chunks = []
    this.wrotePosition = pos
    this.committedPosition = pos
    this.flushedPosition = pos
  }

  /** Drops the in-memory tail once committed (a segment that is no longer written). */
  releaseCache(): void {
    this.chunks = this.chunks.filter((c) => c.start + c.used > this.committedPosition)
  }

  /** Closes the file handle. */
  async close(): Promise<void> {
    const fh = this.fh ?? (this.opening ? await this.opening.catch(() => undefined) : undefined)
    this.fh = undefined
    this.opening = undefined
    await fh?.close()
  }

  /** Closes and deletes the file. */
  async destroy(): Promise<void> {
    this.destroyed = true
    this.chunks = []
    await this.close()
    await this.options.fs.unlink(this.fileName)
  }

  private async handle(): Promise<StoreFileHandle> {
    if (this.fh) return this.fh
    this.opening ??= this.openFile()
    try {
      this.fh = await this.opening
      return this.fh
    } finally {
      this.opening = undefined
    }
  }

  private async openFile(): Promise<StoreFileHandle> {
    const fs = this.options.fs
    if (this.onDisk) return fs.open(this.fileName, 'r+')
    let fh: StoreFileHandle
    try {
      fh = await fs.open(this.fileName, 'w+')
    } catch (error) {
      throw new MappedFileCreateError(this.fileName, error)
    }
    try {
      await fh.truncate(this.fileSize)
    } catch (error) {
      await fh.close().catch(() => undefined)
      throw new MappedFileCreateError(this.fileName, error)
    }
    this.onDisk = true
    return fh
  }

  private slices(from: number, to: number): Buffer[] {
    const out: Buffer[] = []
    for (const c of this.chunks) {
      const cs = Math.max(from, c.start)
      const ce = Math.min(to, c.start + c.used)
      if (ce > cs) out.push(c.buf.subarray(cs - c.start, ce - c.start))
    }
    return out
  }

  private trimChunks(): void {
    const keepFrom = Math.min(this.committedPosition, Math.max(0, this.wrotePosition - this.options.retainBytes))
    while (this.chunks.length > 0 && this.chunks[0].start + this.chunks[0].used <= keepFrom) {
      // Never drop the chunk being filled while it still has room, or the next append would start a new one.
      if (this.chunks.length === 1 && this.chunks[0].used < this.chunks[0].buf.length) break
      this.chunks.shift()
    }
  }
}
