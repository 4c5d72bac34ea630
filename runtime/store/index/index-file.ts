/**
 * One index file (RocketMQ store/index/IndexFile.java), byte for byte in RocketMQ's layout:
 *
 *   IndexHeader (40 bytes) | hashSlotNum slots of 4 bytes | indexNum entries of 20 bytes
 *   entry: keyHash 4 | commitlog offset 8 | seconds since the header's beginTimestamp 4 | previous entry 4
 *
 * A slot holds the number of the newest entry whose hash falls in it; each entry points to the previous
 * one of its slot, so a lookup walks one chain from newest to oldest. Numbers are big-endian.
 *
 * RocketMQ maps the whole file; mqlab keeps the writable file's slots in memory (an Int32Array: pages
 * the OS commits only when touched) and its new entries in a buffer. A periodic flush appends the new
 * entries in one write and rewrites the header; the slots, scattered over the file, are written page by
 * page only by a full flush (when the file is sealed, and at shutdown) — as a mapped file's dirty pages
 * reach the disk whenever the OS writes them back. Until then lookups use the slots in memory, and after
 * a crash the file is rebuilt anyway (IndexService.load). The file itself is created by the first flush,
 * so adding a key never waits for I/O. Sealed (full) files are read from disk.
 */
import {readInt64BE, writeInt64BE} from '../../message/int64.js'
import type {StoreFileHandle, StoreFs} from '../store-fs.js'
import {INDEX_HEADER_SIZE, IndexHeader} from './index-header.js'
import {indexKeyHash} from './index-key-hash.js'

/** Bytes of a hash slot and of an index entry. */
export const HASH_SLOT_SIZE = 4
export const INDEX_SIZE = 20
const INVALID_INDEX = 0
const SLOTS_PER_PAGE = 1024

/** The file's length for a slot and entry count. */
export function indexFileSize(hashSlotNum: number, indexNum: number): number {
  return INDEX_HEADER_SIZE + hashSlotNum * HASH_SLOT_SIZE + indexNum * INDEX_SIZE
}

/** One index file. */
export class IndexFile {
  private fh: StoreFileHandle | undefined
  /** The writable file's slots (native order); undefined for a sealed file. */
  private slots: Int32Array | undefined
  /** Entries added since the last flush, from entry number pendingFrom on. */
  private pending = Buffer.alloc(0)
  private pendingLength = 0
  private pendingFrom: number
  /** The entries a running flush is writing (still readable by lookups until it is done). */
  private flushing: {from: number; buf: Buffer} | undefined
  /** One flag per 4 KiB page of slots changed since the last full flush (bounded, whatever the load). */
  private readonly dirtyPages: Uint8Array
  private dirtyCount = 0
  private chain: Promise<void> = Promise.resolve()
  private destroyed = false

  private constructor(
    private readonly fs: StoreFs,
    readonly path: string,
    readonly hashSlotNum: number,
    readonly indexNum: number,
    readonly header: IndexHeader,
    fh: StoreFileHandle | undefined,
  ) {
    this.fh = fh
    this.pendingFrom = header.indexCount
    this.dirtyPages = new Uint8Array(Math.ceil(hashSlotNum / SLOTS_PER_PAGE))
  }

  /** A new, empty file continuing from the previous file's end (IndexFile's constructor). */
  static create(fs: StoreFs, path: string, hashSlotNum: number, indexNum: number, endPhyOffset: number, endTimestamp: number): IndexFile {
    const h = new IndexHeader()
    if (endPhyOffset > 0) h.beginPhyOffset = h.endPhyOffset = endPhyOffset
    if (endTimestamp > 0) h.beginTimestamp = h.endTimestamp = endTimestamp
    const f = new IndexFile(fs, path, hashSlotNum, indexNum, h, undefined)
    f.slots = new Int32Array(hashSlotNum)
    return f
  }

  /** Opens an existing file and reads its header; `writable` also loads its slots to continue it. */
  static async load(fs: StoreFs, path: string, hashSlotNum: number, indexNum: number, writable: boolean): Promise<IndexFile> {
    const fh = await fs.open(path, 'r+')
    try {
      const head = Buffer.alloc(INDEX_HEADER_SIZE)
      if ((await fh.read(head, 0, INDEX_HEADER_SIZE, 0)) !== INDEX_HEADER_SIZE) throw new Error(`index file ${path} is shorter than its header`)
      const f = new IndexFile(fs, path, hashSlotNum, indexNum, IndexHeader.decode(head), fh)
      if (writable && !f.isWriteFull()) await f.loadSlots()
      return f
    } catch (error) {
      await fh.close()
      throw error
    }
  }

  /** IndexFile.isWriteFull. */
  isWriteFull(): boolean {
    return this.header.indexCount >= this.indexNum
  }

  /** Whether keys can be added (a loaded sealed file cannot). */
  get writable(): boolean {
    return this.slots !== undefined && !this.isWriteFull()
  }

  /** Adds one key (IndexFile.putKey); false when the file is full. */
  putKey(key: string, phyOffset: number, storeTimestamp: number): boolean {
    const slots = this.slots
    const h = this.header
    if (!slots || h.indexCount >= this.indexNum) return false
    const keyHash = indexKeyHash(key)
    const slotPos = keyHash % this.hashSlotNum
    let slotValue = slots[slotPos]!
    if (slotValue <= INVALID_INDEX || slotValue > h.indexCount) slotValue = INVALID_INDEX
    let timeDiff = Math.trunc((storeTimestamp - h.beginTimestamp) / 1000)
    if (h.beginTimestamp <= 0 || timeDiff < 0) timeDiff = 0
    else if (timeDiff > 0x7fffffff) timeDiff = 0x7fffffff
    const at = this.reservePending()
    this.pending.writeInt32BE(keyHash, at)
    writeInt64BE(this.pending, phyOffset, at + 4)
    this.pending.writeInt32BE(timeDiff, at + 12)
    this.pending.writeInt32BE(slotValue, at + 16)
    slots[slotPos] = h.indexCount
    const page = (slotPos / SLOTS_PER_PAGE) | 0
    if (this.dirtyPages[page] === 0) {
      this.dirtyPages[page] = 1
      this.dirtyCount++
    }
    if (h.indexCount <= 1) {
      h.beginPhyOffset = phyOffset
      h.beginTimestamp = storeTimestamp
    }
    if (slotValue === INVALID_INDEX) h.hashSlotCount++
    h.indexCount++
    h.endPhyOffset = phyOffset
    h.endTimestamp = storeTimestamp
    return true
  }

  /** Bytes of entries waiting for a flush. */
  get pendingBytes(): number {
    return this.pendingLength
  }

  /** IndexFile.isTimeMatched. */
  isTimeMatched(begin: number, end: number): boolean {
    const h = this.header
    return (
      (begin < h.beginTimestamp && end > h.endTimestamp) ||
      (begin >= h.beginTimestamp && begin <= h.endTimestamp) ||
      (end >= h.beginTimestamp && end <= h.endTimestamp)
    )
  }

  /**
   * Appends to `out` the commitlog offsets of entries with the key's hash stored in [begin, end], newest
   * first, until out holds maxNum (IndexFile.selectPhyOffset). Hashes collide: callers check the keys.
   */
  async selectPhyOffset(out: number[], key: string, maxNum: number, begin: number, end: number): Promise<void> {
    const h = this.header
    const keyHash = indexKeyHash(key)
    const slotPos = keyHash % this.hashSlotNum
    const slotValue = await this.readSlot(slotPos)
    if (slotValue <= INVALID_INDEX || slotValue > h.indexCount || h.indexCount <= 1) return
    const seen = new Set<number>()
    for (let next = slotValue; out.length < maxNum;) {
      const e = await this.readEntry(next)
      if (!e || e.timeDiff < 0) break
      const timeRead = h.beginTimestamp + e.timeDiff * 1000
      if (e.keyHash === keyHash && timeRead >= begin && timeRead <= end) out.push(e.phyOffset)
      seen.add(next)
      if (e.prev <= INVALID_INDEX || e.prev > h.indexCount || e.prev === next || seen.has(e.prev) || timeRead < begin) break
      next = e.prev
    }
  }

  /** Writes new entries and the header; `full` also writes the changed slots and fsyncs. Serialized per file. */
  flush(full = false): Promise<void> {
    const run = this.chain.then(() => this.doFlush(full))
    this.chain = run.catch(() => undefined)
    return run
  }

  /** Drops the in-memory slots of a sealed, flushed file. */
  releaseSlots(): void {
    if (this.isWriteFull() && this.pendingLength === 0 && this.dirtyCount === 0) this.slots = undefined
  }

  /** Closes the file. */
  async close(): Promise<void> {
    await this.chain
    await this.fh?.close()
    this.fh = undefined
  }

  /** Closes and deletes the file. */
  async destroy(): Promise<void> {
    this.destroyed = true
    await this.close()
    await this.fs.unlink(this.path).catch(() => undefined)
  }

  private reservePending(): number {
    const need = this.pendingLength + INDEX_SIZE
    if (need > this.pending.length) {
      const grown = Buffer.alloc(Math.max(64 * 1024, this.pending.length * 2))
      this.pending.copy(grown, 0, 0, this.pendingLength)
      this.pending = grown
    }
    const at = this.pendingLength
    this.pendingLength = need
    return at
  }

  private async handle(): Promise<StoreFileHandle> {
    if (!this.fh) {
      this.fh = await this.fs.open(this.path, 'w+')
      // Sparse: RocketMQ's mapped file has its full length from the start.
      await this.fh.truncate(indexFileSize(this.hashSlotNum, this.indexNum))
    }
    return this.fh
  }

  private async doFlush(full: boolean): Promise<void> {
    if (this.destroyed) return
    if (this.pendingLength === 0 && this.fh && !full) return
    const fh = await this.handle()
    const from = this.pendingFrom
    const buf = this.pending.subarray(0, this.pendingLength)
    this.flushing = {from, buf}
    this.pending = Buffer.alloc(0)
    this.pendingLength = 0
    this.pendingFrom = this.header.indexCount
    const pages: number[] = []
    if (full) {
      for (let p = 0; p < this.dirtyPages.length; p++) if (this.dirtyPages[p] === 1) pages.push(p)
      this.dirtyPages.fill(0)
      this.dirtyCount = 0
    }
    try {
      const slotsEnd = INDEX_HEADER_SIZE + this.hashSlotNum * HASH_SLOT_SIZE
      if (buf.length > 0) await fh.writev([buf], slotsEnd + from * INDEX_SIZE)
      const slots = this.slots
      if (slots) {
        for (const page of pages) {
          const first = page * SLOTS_PER_PAGE
          const n = Math.min(SLOTS_PER_PAGE, this.hashSlotNum - first)
          const out = Buffer.allocUnsafe(n * HASH_SLOT_SIZE)
          for (let s = 0; s < n; s++) out.writeInt32BE(slots[first + s]!, s * HASH_SLOT_SIZE)
          await fh.writev([out], INDEX_HEADER_SIZE + first * HASH_SLOT_SIZE)
        }
      }
      await fh.writev([this.header.encode()], 0)
      if (full) await fh.datasync()
    } finally {
      this.flushing = undefined
    }
  }

  private async loadSlots(): Promise<void> {
    const slots = new Int32Array(this.hashSlotNum)
    const chunkSlots = 256 * 1024
    const buf = Buffer.alloc(chunkSlots * HASH_SLOT_SIZE)
    for (let first = 0; first < this.hashSlotNum; first += chunkSlots) {
      const n = Math.min(chunkSlots, this.hashSlotNum - first)
      const got = await this.fh!.read(buf, 0, n * HASH_SLOT_SIZE, INDEX_HEADER_SIZE + first * HASH_SLOT_SIZE)
      for (let s = 0; s < Math.floor(got / HASH_SLOT_SIZE); s++) {
        const v = buf.readInt32BE(s * HASH_SLOT_SIZE)
        if (v !== 0) slots[first + s] = v
      }
    }
    this.slots = slots
  }

  private async readSlot(slotPos: number): Promise<number> {
    if (this.slots) return this.slots[slotPos]!
    if (!this.fh) return INVALID_INDEX
    const b = Buffer.alloc(HASH_SLOT_SIZE)
    const got = await this.fh.read(b, 0, HASH_SLOT_SIZE, INDEX_HEADER_SIZE + slotPos * HASH_SLOT_SIZE)
    return got === HASH_SLOT_SIZE ? b.readInt32BE(0) : INVALID_INDEX
  }

  private async readEntry(n: number): Promise<{keyHash: number; phyOffset: number; timeDiff: number; prev: number} | undefined> {
    let b: Buffer | undefined
    let at = 0
    if (n >= this.pendingFrom && (n - this.pendingFrom) * INDEX_SIZE < this.pendingLength) {
      b = this.pending
      at = (n - this.pendingFrom) * INDEX_SIZE
    } else if (this.flushing && n >= this.flushing.from && (n - this.flushing.from) * INDEX_SIZE < this.flushing.buf.length) {
      b = this.flushing.buf
      at = (n - this.flushing.from) * INDEX_SIZE
    } else if (this.fh) {
      b = Buffer.alloc(INDEX_SIZE)
      const pos = INDEX_HEADER_SIZE + this.hashSlotNum * HASH_SLOT_SIZE + n * INDEX_SIZE
      if ((await this.fh.read(b, 0, INDEX_SIZE, pos)) !== INDEX_SIZE) return undefined
    }
    if (!b) return undefined
    return {keyHash: b.readInt32BE(at), phyOffset: readInt64BE(b, at + 4), timeDiff: b.readInt32BE(at + 12), prev: b.readInt32BE(at + 16)}
  }
}
