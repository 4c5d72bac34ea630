/**
 * The dispatcher (RocketMQ ReputMessageService): walks the commitlog from reputFromOffset up to what is
 * written and hands each record to the dispatch function (consume queues, then the arriving-message
 * listener). Records appended by this store arrive pre-parsed in a queue (no re-reading); records that
 * arrive by replication or are found at recovery are parsed from the bytes.
 */
import type {Logger} from '../common/logger.js'
import {scanRecords} from './check-message-and-return-size.js'
import type {BlankDispatch, DispatchRequest} from './dispatch-request.js'

/** One step of the walk: a record, or a segment's end filler. */
export type DispatchItem = DispatchRequest | BlankDispatch

/** Reads committed commitlog bytes. */
export interface CommitLogReader {
  /** Bytes [offset, offset+len) within one segment, or undefined when that segment is gone. */
  read(offset: number, len: number): Promise<Buffer | undefined>
  readonly segmentSize: number
}

const WINDOW = 4 * 1024 * 1024

/** Walks the commitlog in order and dispatches each record exactly once. */
export class ReputMessageService {
  reputFromOffset = 0
  private queue: DispatchItem[] = []
  private head = 0
  private chain: Promise<void> = Promise.resolve()

  constructor(
    private readonly reader: CommitLogReader,
    private readonly dispatch: (req: DispatchRequest) => void,
    private readonly logger: Logger,
    private readonly deliverTimestamp?: (delayLevel: number, storeTimestamp: number) => number,
    /** Whether a parsed record still needs indexing (false: skip parsing its properties). */
    private readonly needsDispatch?: (topic: string, queueId: number, commitLogOffset: number, msgSize: number) => boolean,
  ) {}

  /** Registers a record (or filler) this store just appended, in offset order. */
  enqueue(item: DispatchItem): void {
    this.queue.push(item)
  }

  /** Removes queued items at or after offset (their append was rolled back) and returns them. */
  dropFrom(offset: number): DispatchItem[] {
    const out: DispatchItem[] = []
    const keep: DispatchItem[] = []
    for (let i = this.head; i < this.queue.length; i++) (this.queue[i].commitLogOffset >= offset ? out : keep).push(this.queue[i])
    this.queue = keep
    this.head = 0
    return out
  }

  /** Dispatches everything below `to` (the committed end); calls are serialized. */
  advance(to: number): Promise<void> {
    const run = this.chain.then(() => this.doReput(to))
    this.chain = run.catch((error: unknown) => this.logger.error('dispatching the commitlog failed', error))
    return run
  }

  /** Bytes written but not yet dispatched. */
  behind(committedEnd: number): number {
    return Math.max(0, committedEnd - this.reputFromOffset)
  }

  private async doReput(to: number): Promise<void> {
    while (this.reputFromOffset < to) {
      const item = this.head < this.queue.length ? this.queue[this.head] : undefined
      if (item && item.commitLogOffset < this.reputFromOffset) {
        this.shift()
        continue
      }
      if (item && item.commitLogOffset === this.reputFromOffset) {
        this.shift()
        if (!('blank' in item)) this.dispatch(item)
        this.reputFromOffset += item.msgSize
        continue
      }
      const limit = item ? Math.min(to, item.commitLogOffset) : to
      if (!(await this.parse(limit))) return
    }
  }

  /** Parses and dispatches records from reputFromOffset up to limit; false when no progress is possible. */
  private async parse(limit: number): Promise<boolean> {
    const size = this.reader.segmentSize
    const from = this.reputFromOffset
    const segEnd = from - (from % size) + size
    let len = Math.min(limit, segEnd, from + WINDOW) - from
    for (;;) {
      const buf = await this.reader.read(from, len)
      if (!buf) {
        this.logger.warn(`dispatch: commitlog offset ${from} is no longer readable; skipping to the next segment`)
        this.reputFromOffset = segEnd
        return true
      }
      const r = scanRecords(
        buf,
        0,
        {
          checkCRC: false,
          readProperties: this.needsDispatch ?? true,
          bufferOffset: from,
          bytesToSegmentEnd: segEnd - from,
          deliverTimestamp: this.deliverTimestamp,
        },
        (req) => {
          this.dispatch(req)
          this.reputFromOffset = req.commitLogOffset + req.msgSize
        },
      )
      if (r.stop === 'blank') {
        this.reputFromOffset = segEnd
        return true
      }
      if (r.stop === 'invalid') {
        this.logger.error(`dispatch stopped at commitlog offset ${from + r.position}: ${r.reason}`)
        return r.records > 0
      }
      if (r.records > 0) return true
      // Incomplete first record: read all of it if it is already written, else wait for more bytes.
      const need = buf.length >= 4 ? buf.readInt32BE(0) : 8
      const available = Math.min(limit, segEnd) - from
      if (need <= len || need > available) return false
      len = need
    }
  }

  private shift(): void {
    this.head++
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
  }
}
