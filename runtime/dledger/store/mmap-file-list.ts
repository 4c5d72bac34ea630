/**
 * A list of fixed-size files named by their start offset, written synchronously (DLedger's MmapFileList,
 * without the mmap): DLedger writes into mapped memory, which is in the page cache the moment the call
 * returns, so a kill -9 right after keeps it. pwrite gives the same guarantee; fdatasync (flush) is the
 * caller's periodic job, as DLedger's 10 ms flush thread is.
 */
import {closeSync, existsSync, fdatasync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, readdirSync, statSync, unlinkSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {BLANK_MAGIC, MIN_BLANK_LEN, encodeBlank, fileNameOf} from './dledger-entry-codec.js'

interface DataFile {
  readonly start: number
  readonly path: string
  readonly fd: number
  /** Modification time in ms, for retention. */
  mtime: number
}

/** One directory of same-size files. */
export class MmapFileList {
  files: DataFile[] = []
  /** Absolute position after the last byte written. */
  wrote = 0
  private dirty = false

  constructor(
    readonly dir: string,
    readonly fileSize: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens the existing files (in offset order) without interpreting them. */
  load(): void {
    mkdirSync(this.dir, {recursive: true})
    const names = readdirSync(this.dir)
      .filter((n) => /^\d{20}$/.test(n))
      .sort()
    for (const name of names) {
      const path = join(this.dir, name)
      const st = statSync(path)
      if (st.size !== this.fileSize) {
        throw new Error(`${path} is ${st.size} bytes, expected ${this.fileSize} (mappedFileSize must not change and must be equal on all peers)`)
      }
      this.files.push({start: Number(name), path, fd: openSync(path, 'r+'), mtime: st.mtimeMs})
    }
    for (let i = 1; i < this.files.length; i++) {
      if (this.files[i]!.start !== this.files[i - 1]!.start + this.fileSize)
        throw new Error(`files in ${this.dir} are not contiguous at ${this.files[i]!.path}`)
    }
    const last = this.files[this.files.length - 1]
    this.wrote = last ? last.start + this.fileSize : 0
  }

  /** Offset of the first byte still held (the first file's start), or `wrote` when empty. */
  minOffset(): number {
    return this.files[0]?.start ?? this.wrote
  }

  private fileFor(offset: number): DataFile | undefined {
    const first = this.files[0]
    if (!first) return undefined
    return this.files[Math.floor((offset - first.start) / this.fileSize)]
  }

  private create(start: number): DataFile {
    const path = join(this.dir, fileNameOf(start))
    const fd = openSync(path, existsSync(path) ? 'r+' : 'w+')
    ftruncateSync(fd, this.fileSize)
    const f = {start, path, fd, mtime: this.now()}
    this.files.push(f)
    return f
  }

  /**
   * Where an append of `len` bytes will land (MmapFileList.preAppend): with `useBlank`, when the rest of
   * the file cannot hold `len` + 8 bytes the file is closed with a blank and the next one is started.
   */
  preAppend(len: number, useBlank: boolean): number {
    let file = this.files[this.files.length - 1]
    if (!file || this.wrote >= file.start + this.fileSize)
      file = this.create(file ? file.start + this.fileSize : Math.floor(this.wrote / this.fileSize) * this.fileSize)
    const left = file.start + this.fileSize - this.wrote
    if (len + (useBlank ? MIN_BLANK_LEN : 0) > left) {
      if (!useBlank) throw new Error(`append of ${len} bytes does not fit in ${file.path}`)
      this.writeAt(this.wrote, encodeBlank(left))
      this.wrote = file.start + this.fileSize
      file = this.create(this.wrote)
    }
    return this.wrote
  }

  /** Appends at the current end (after preAppend); returns the absolute position written. */
  append(data: Buffer, useBlank: boolean): number {
    const at = this.preAppend(data.length, useBlank)
    this.writeAt(at, data)
    this.wrote = at + data.length
    return at
  }

  /** Creates files (contiguously) until one holds `offset`. */
  ensureFileFor(offset: number): void {
    if (this.files.length === 0) this.create(Math.floor(offset / this.fileSize) * this.fileSize)
    if (offset < this.files[0]!.start) throw new Error(`offset ${offset} is below the first file of ${this.dir}`)
    while (offset >= this.files[this.files.length - 1]!.start + this.fileSize) this.create(this.files[this.files.length - 1]!.start + this.fileSize)
  }

  /** Writes inside existing files. */
  writeAt(at: number, data: Buffer): void {
    const file = this.fileFor(at)
    if (!file) throw new Error(`no file holds offset ${at} in ${this.dir}`)
    let done = 0
    while (done < data.length) done += writeSync(file.fd, data, done, data.length - done, at - file.start + done)
    file.mtime = this.now()
    this.dirty = true
  }

  /** Reads `len` bytes at `at`, or undefined when no file holds them. */
  read(at: number, len: number): Buffer | undefined {
    const file = this.fileFor(at)
    if (!file || at + len > file.start + this.fileSize) return undefined
    const buf = Buffer.alloc(len)
    let done = 0
    while (done < len) {
      const n = readSync(file.fd, buf, done, len - done, at - file.start + done)
      if (n === 0) return undefined
      done += n
    }
    return buf
  }

  /** Whether the bytes at `at` are the blank that closes a file. */
  isBlankAt(at: number): boolean {
    const b = this.read(at, 4)
    return b !== undefined && b.readInt32BE(0) === BLANK_MAGIC
  }

  /**
   * Cuts everything from `offset` on: later files are deleted and the rest of the file holding it is
   * zeroed (DLedger only moves its positions; zeroing keeps a later recovery from reading stale entries).
   */
  truncateTo(offset: number): void {
    while (this.files.length > 0 && this.files[this.files.length - 1]!.start > offset) this.removeLast()
    const file = this.fileFor(offset)
    if (file && offset < file.start + this.fileSize) {
      ftruncateSync(file.fd, offset - file.start)
      ftruncateSync(file.fd, this.fileSize)
      this.dirty = true
    }
    this.wrote = offset
  }

  /** Drops every file and starts over with the file that holds `offset`, written up to it. */
  resetTo(offset: number): void {
    while (this.files.length > 0) this.removeLast()
    this.create(Math.floor(offset / this.fileSize) * this.fileSize)
    this.wrote = offset
  }

  private removeLast(): void {
    const f = this.files.pop()!
    closeSync(f.fd)
    unlinkSync(f.path)
  }

  /** Deletes the first `count` files (retention). */
  deleteFirst(count: number): void {
    for (const f of this.files.splice(0, count)) {
      closeSync(f.fd)
      unlinkSync(f.path)
    }
  }

  /** fdatasync of every file written since the last flush; resolves when done. */
  async flush(): Promise<void> {
    if (!this.dirty) return
    this.dirty = false
    await Promise.all(this.files.slice(-2).map((f) => new Promise<void>((resolve) => fdatasync(f.fd, () => resolve()))))
  }

  /** Synchronous flush (shutdown). */
  flushSync(): void {
    for (const f of this.files.slice(-2)) fsyncSync(f.fd)
    this.dirty = false
  }

  close(): void {
    for (const f of this.files) closeSync(f.fd)
    this.files = []
  }
}
