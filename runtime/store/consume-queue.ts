/**
 * One consume queue (RocketMQ ConsumeQueue): the index of one topic's queue into the commitlog, 20-byte
 * entries (int64 commitlog offset, int32 record size, int64 tagsCode) in segment files of
 * mappedFileSizeConsumeQueue bytes under consumequeue/<topic>/<queueId>/<20-digit byte offset>. Queue
 * offset n is the entry at byte n × 20. Entries are appended in memory by the dispatcher and written by
 * the consume-queue flush service; after a crash they are rebuilt from the commitlog.
 */
import {readInt64BE, writeInt64BE} from '../message/int64.js'
import {join} from 'node:path'
import type {Logger} from '../common/logger.js'
import type {DispatchRequest} from './dispatch-request.js'
import type {MappedFile, MappedFileOptions} from './mapped-file.js'
import {MappedFileQueue} from './mapped-file-queue.js'

/** Bytes per entry (ConsumeQueue.CQ_STORE_UNIT_SIZE). */
export const CQ_STORE_UNIT_SIZE = 20
/** Size field of a filler entry before a queue's first real entry (ConsumeQueue.fillPreBlank). */
export const BLANK_SIZE = 0x7fffffff

/** One decoded entry. */
export interface ConsumeQueueEntry {
  offsetPy: number
  sizePy: number
  tagsCode: number
}

/** A run of entries read from one segment. */
export interface IndexBuffer {
  /** Queue offset of the first entry. */
  startIndex: number
  buf: Buffer
}

/** Decodes the entry at buf[pos]. */
export function readEntry(buf: Buffer, pos: number): ConsumeQueueEntry {
  return {offsetPy: readInt64BE(buf, pos), sizePy: buf.readInt32BE(pos + 8), tagsCode: readInt64BE(buf, pos + 12)}
}

/** Whether an entry is real data or a pre-queue filler (valid either way). */
export function isValidEntry(e: ConsumeQueueEntry): boolean {
  return e.offsetPy >= 0 && e.sizePy > 0
}

/** One topic/queue's index. */
export class ConsumeQueue {
  readonly queue: MappedFileQueue
  /** End (offset + size) of the last indexed record; -1 when empty. */
  maxPhysicOffset = -1
  /** The last indexed record as recover() found it (normal recovery checks it and scans on from its end). */
  lastRecoveredEntry: {offsetPy: number; sizePy: number} | undefined
  /** Byte position of the first entry still pointing into the commitlog. */
  minLogicOffset = 0

  constructor(
    readonly topic: string,
    readonly queueId: number,
    consumeQueueRoot: string,
    readonly mappedFileSize: number,
    options: MappedFileOptions,
    private readonly logger: Logger,
  ) {
    this.queue = new MappedFileQueue(join(consumeQueueRoot, topic, String(queueId)), mappedFileSize, options, logger)
  }

  /** Opens the existing segment files. */
  async load(): Promise<void> {
    await this.queue.load()
  }

  /** Finds the valid end in the last three segments (ConsumeQueue.recover) and cuts what follows. */
  async recover(): Promise<void> {
    const files = this.queue.files
    if (files.length === 0) return
    let index = Math.max(0, files.length - 3)
    let end = files[index].fileFromOffset
    const window = 64 * 1024 - ((64 * 1024) % CQ_STORE_UNIT_SIZE)
    for (; index < files.length; index++) {
      const f = files[index]
      let pos = 0
      let valid = true
      while (valid && pos + CQ_STORE_UNIT_SIZE <= f.fileSize) {
        const buf = await f.read(pos, Math.min(window, f.fileSize - pos - ((f.fileSize - pos) % CQ_STORE_UNIT_SIZE)))
        if (!buf) break
        for (let i = 0; i + CQ_STORE_UNIT_SIZE <= buf.length; i += CQ_STORE_UNIT_SIZE, pos += CQ_STORE_UNIT_SIZE) {
          const e = readEntry(buf, i)
          if (!isValidEntry(e)) {
            valid = false
            break
          }
          if (e.sizePy !== BLANK_SIZE) {
            this.maxPhysicOffset = e.offsetPy + e.sizePy
            this.lastRecoveredEntry = {offsetPy: e.offsetPy, sizePy: e.sizePy}
          }
        }
      }
      end = f.fileFromOffset + pos
      if (!valid || pos < f.fileSize) break
    }
    await this.queue.truncateDirtyFiles(end)
    if (this.queue.files.length > 0) this.minLogicOffset = Math.max(this.minLogicOffset, this.queue.files[0].fileFromOffset)
  }

  /** Next queue offset to be written. */
  getMaxOffsetInQueue(): number {
    return this.queue.getMaxWroteOffset() / CQ_STORE_UNIT_SIZE
  }

  /** First queue offset still readable. */
  getMinOffsetInQueue(): number {
    return this.minLogicOffset / CQ_STORE_UNIT_SIZE
  }

  /**
   * Appends the entry for a dispatched record (ConsumeQueue.putMessagePositionInfo). Records already
   * indexed (recovery re-dispatch) are skipped; a queue's first entry after a gap is preceded by
   * fillers so that entry n stays at byte n × 20.
   */
  putMessagePositionInfo(req: DispatchRequest, now: number): boolean {
    if (req.commitLogOffset + req.msgSize <= this.maxPhysicOffset) return false
    const expected = req.consumeQueueOffset * CQ_STORE_UNIT_SIZE
    let end = this.queue.getMaxWroteOffset()
    // A queue with no real entry yet starts at this entry: fill before it without complaint (fillPreBlank).
    const fresh = this.maxPhysicOffset < 0 && end === (this.queue.first?.fileFromOffset ?? end)
    if (this.queue.files.length === 0) {
      this.queue.getLastMappedFile(expected, now)
      end = this.queue.getMaxWroteOffset()
    }
    if (fresh) this.minLogicOffset = expected
    if (expected < end) {
      this.logger.warn(
        `consume queue ${this.topic}/${this.queueId}: entry ${req.consumeQueueOffset} already holds another record; skipping commitlog offset ${req.commitLogOffset}`,
      )
      return false
    }
    if (expected > end) {
      if (!fresh) {
        this.logger.warn(`consume queue ${this.topic}/${this.queueId}: gap from ${end / CQ_STORE_UNIT_SIZE} to ${req.consumeQueueOffset}, filling`)
      }
      while (end < expected) {
        const f = this.queue.getLastMappedFile(0, now)
        this.writeEntry(f, 0, BLANK_SIZE, 0, now)
        end += CQ_STORE_UNIT_SIZE
      }
    }
    this.writeEntry(this.queue.getLastMappedFile(0, now), req.commitLogOffset, req.msgSize, req.tagsCode, now)
    this.maxPhysicOffset = req.commitLogOffset + req.msgSize
    return true
  }

  /**
   * Entries from queue offset startIndex to the end of its segment's data, at most maxBytes
   * (ConsumeQueue.getIndexBuffer); undefined when that segment is gone or the offset is below the minimum.
   */
  async getIndexBuffer(startIndex: number, maxBytes: number): Promise<IndexBuffer | undefined> {
    const offset = startIndex * CQ_STORE_UNIT_SIZE
    if (offset < this.minLogicOffset) return undefined
    const f = this.queue.findMappedFileByOffset(offset)
    if (!f) return undefined
    const pos = offset - f.fileFromOffset
    const len = Math.min(f.wrotePosition - pos, maxBytes - (maxBytes % CQ_STORE_UNIT_SIZE))
    if (len <= 0) return undefined
    const buf = await f.read(pos, len)
    return buf ? {startIndex, buf} : undefined
  }

  /** The entry at a queue offset, or undefined. */
  async getEntry(index: number): Promise<ConsumeQueueEntry | undefined> {
    const r = await this.getIndexBuffer(index, CQ_STORE_UNIT_SIZE)
    return r && r.buf.length >= CQ_STORE_UNIT_SIZE ? readEntry(r.buf, 0) : undefined
  }

  /** Start of the segment after the one holding index (ConsumeQueue.rollNextFile), as a queue offset. */
  rollNextFile(index: number): number {
    const perFile = this.mappedFileSize / CQ_STORE_UNIT_SIZE
    return index + perFile - (index % perFile)
  }

  /** Moves minLogicOffset to the first entry pointing at or after phyMinOffset (ConsumeQueue.correctMinOffset). */
  async correctMinOffset(phyMinOffset: number): Promise<void> {
    for (const f of this.queue.files) {
      const start = Math.max(0, this.minLogicOffset - f.fileFromOffset)
      if (start >= f.wrotePosition) continue
      const buf = await f.read(start, f.wrotePosition - start)
      if (!buf) continue
      for (let pos = 0; pos + CQ_STORE_UNIT_SIZE <= buf.length; pos += CQ_STORE_UNIT_SIZE) {
        const e = readEntry(buf, pos)
        if (e.sizePy !== BLANK_SIZE && e.offsetPy >= phyMinOffset) {
          this.minLogicOffset = f.fileFromOffset + start + pos
          return
        }
      }
    }
    this.minLogicOffset = this.queue.getMaxWroteOffset()
  }

  /**
   * Deletes segments whose last entry points below phyMinOffset (never the last segment), then corrects
   * the minimum (ConsumeQueue.deleteExpiredFile). Resolves to the number of segments deleted.
   */
  async deleteExpiredFile(phyMinOffset: number): Promise<number> {
    let n = 0
    while (this.queue.files.length > 1) {
      const f = this.queue.files[0]
      if (f.wrotePosition < CQ_STORE_UNIT_SIZE) break
      const last = await f.read(f.wrotePosition - CQ_STORE_UNIT_SIZE, CQ_STORE_UNIT_SIZE)
      if (!last || readEntry(last, 0).offsetPy >= phyMinOffset) break
      await this.queue.deleteFirst(1)
      n++
    }
    await this.correctMinOffset(phyMinOffset)
    return n
  }

  /** Removes entries pointing at or after phyOffset (ConsumeQueue.truncateDirtyLogicFiles). */
  async truncateDirtyLogicFiles(phyOffset: number): Promise<void> {
    const files = this.queue.files
    for (let i = files.length - 1; i >= 0; i--) {
      const f = files[i]
      const buf = f.wrotePosition > 0 ? await f.read(0, f.wrotePosition) : Buffer.alloc(0)
      if (!buf) break
      let cut = -1
      for (let pos = 0; pos + CQ_STORE_UNIT_SIZE <= buf.length; pos += CQ_STORE_UNIT_SIZE) {
        const e = readEntry(buf, pos)
        if (e.sizePy !== BLANK_SIZE && e.offsetPy >= phyOffset) {
          cut = pos
          break
        }
      }
      if (cut === -1) break
      await this.queue.truncateDirtyFiles(f.fileFromOffset + cut)
      if (cut > 0) break
    }
    this.maxPhysicOffset = await this.lastPhysicEnd()
    if (this.minLogicOffset > this.queue.getMaxWroteOffset()) this.minLogicOffset = this.queue.getMaxWroteOffset()
  }

  /** Writes appended entries to the files. */
  async commit(): Promise<void> {
    await this.queue.commit()
  }

  /** Writes and fdatasyncs appended entries. */
  async flush(): Promise<void> {
    await this.queue.commit()
    await this.queue.flush()
  }

  /** Deletes every segment and the queue's folder. */
  async destroy(fsRmdir: (path: string) => Promise<void>): Promise<void> {
    await this.queue.destroyAll()
    await fsRmdir(this.queue.storePath)
    this.maxPhysicOffset = -1
    this.minLogicOffset = 0
  }

  private writeEntry(f: MappedFile, offsetPy: number, size: number, tagsCode: number, now: number): void {
    const r = f.reserve(CQ_STORE_UNIT_SIZE, now)
    writeInt64BE(r.buf, offsetPy, r.offset)
    r.buf.writeInt32BE(size, r.offset + 8)
    writeInt64BE(r.buf, tagsCode, r.offset + 12)
  }

  private async lastPhysicEnd(): Promise<number> {
    const files = this.queue.files
    for (let i = files.length - 1; i >= 0; i--) {
      const f = files[i]
      for (let pos = f.wrotePosition - CQ_STORE_UNIT_SIZE; pos >= 0; pos -= CQ_STORE_UNIT_SIZE) {
        const b = await f.read(pos, CQ_STORE_UNIT_SIZE)
        if (!b) return -1
        const e = readEntry(b, 0)
        if (e.sizePy !== BLANK_SIZE) return e.offsetPy + e.sizePy
      }
    }
    return -1
  }
}
