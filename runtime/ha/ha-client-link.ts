/**
 * One connection from a slave to its master (the connected part of RocketMQ's HAClient). Once connected
 * (and, for a slave with data, once its log is checked against the master's) it reports the slave's max
 * commitlog offset, so the master knows where to start; it reports again after each append that moved
 * the offset and at least every haSendHeartbeatInterval. Frames are appended
 * strictly in order, only where the slave's log ends (contiguous frames of one segment are appended
 * together); the first one must start a record of the same log, and before it a slave that holds data
 * compares its last record with the master's (commit-log-divergence-check.ts). A corrupt stream, a
 * misplaced frame or silence for haHousekeepingInterval ends the connection; a divergence also
 * marks the slave DIVERGED. Nothing is ever appended that does not line up.
 */
import type {Socket} from 'node:net'
import type {Logger} from '../common/logger.js'
import type {BrokerConfig} from '../config/broker-config.js'
import type {MessageStore} from '../store/message-store.js'
import {checkCommitLogAgainstMaster} from './commit-log-divergence-check.js'
import {checkFrameOffset, checkRecordStart} from './ha-offset-checks.js'
import type {Timers} from '../common/timers.js'
import {encodeOffsetReport} from './offset-report-decoder.js'
import {TransferFrameDecoder, type TransferFrame} from './transfer-frame-decoder.js'
import type {TransferRate} from './transfer-rate.js'

/** The settings a link reads. */
export type HaClientLinkConfig = Pick<BrokerConfig, 'haSendHeartbeatInterval' | 'haHousekeepingInterval' | 'mappedFileSizeCommitLog'>

/** What a link needs from its client. */
export interface HaClientLinkDeps {
  store: MessageStore
  config: HaClientLinkConfig
  timers: Timers
  logger: Logger
  rate: TransferRate
  /** The master's record at an offset; undefined when it has none. Absent: only the record-start check runs. */
  fetchMasterRecord: ((offset: number) => Promise<Buffer | undefined>) | undefined
  onVerified(): void
  /** Replicated bytes were appended. */
  onAppended(): void
  onDiverged(why: string): void
  /** Why the link is about to close (the first reason is kept). */
  onFailure(why: string): void
}

// Received but not yet appended bytes: pause reading above, resume below.
const HIGH_WATER = 16 * 1024 * 1024
const LOW_WATER = 4 * 1024 * 1024
// Largest append made of joined frames.
const MAX_JOINED = 4 * 1024 * 1024

/** The slave's end of one HA connection. */
export class HaClientLink {
  /** The last offset reported to the master on this connection; -1 before the first report. */
  reportedOffset = -1
  /** When the master last sent anything (data or heartbeat). */
  lastContactAt: number | null = null
  private readonly connectedAt: number
  private lastWriteAt = 0
  private readonly decoder = new TransferFrameDecoder()
  private pending: TransferFrame[] = []
  private pendingBytes = 0
  private verified = false
  private firstDataChecked = false
  private processing = false
  private paused = false
  private disposed = false
  private tick: unknown

  constructor(
    private readonly socket: Socket,
    private readonly deps: HaClientLinkDeps,
  ) {
    this.connectedAt = deps.timers.now()
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    this.scheduleTick()
    void this.verify()
  }

  /** The slave's commitlog is written up to `end`: report it (before the records are dispatched). */
  written(end: number): void {
    if (this.verified && !this.disposed && end > this.reportedOffset) this.report(end)
  }

  /** Stops timers; the socket is already closed. */
  dispose(): void {
    this.disposed = true
    if (this.tick !== undefined) this.deps.timers.clearTimeout(this.tick)
    this.tick = undefined
  }

  private async verify(): Promise<void> {
    const {store, fetchMasterRecord, logger} = this.deps
    if (store.getMaxPhyOffset() > 0) {
      if (!fetchMasterRecord) {
        logger.warn('the master broker address is unknown: only the record-start check guards against a diverged commitlog')
      } else {
        try {
          const why = await checkCommitLogAgainstMaster(store, fetchMasterRecord)
          if (why) return this.diverge(why)
        } catch (error) {
          logger.warn(`cannot read the master's last record to compare logs (${(error as Error).message}); only the record-start check guards this connection`)
        }
      }
    }
    if (this.disposed) return
    // Only now the first report: until it, the master sends nothing and counts no acknowledgement.
    this.verified = true
    this.report(store.getMaxPhyOffset())
    this.deps.onVerified()
    this.kick()
  }

  private onData(chunk: Buffer): void {
    if (this.disposed) return
    this.lastContactAt = this.deps.timers.now()
    let frames: TransferFrame[]
    try {
      frames = this.decoder.feed(chunk)
    } catch (error) {
      this.fail((error as Error).message)
      return
    }
    for (const f of frames) {
      this.pending.push(f)
      this.pendingBytes += f.data.length
    }
    if (this.pendingBytes > HIGH_WATER && !this.paused) {
      this.paused = true
      this.socket.pause()
    }
    this.kick()
  }

  private kick(): void {
    if (!this.processing && this.verified && !this.disposed) void this.process()
  }

  /** Appends pending frames in order. */
  private async process(): Promise<void> {
    this.processing = true
    try {
      while (this.pending.length > 0 && !this.disposed) {
        const first = this.pending[0]!
        const misplaced = checkFrameOffset(this.deps.store.getMaxPhyOffset(), first.offset)
        if (misplaced) return this.fail(misplaced)
        const {n, end} = this.joinable()
        if (end === first.offset) {
          this.pending.splice(0, n) // heartbeats only
          continue
        }
        const parts = this.pending.slice(0, n).filter((f) => f.data.length > 0)
        const data = parts.length === 1 ? parts[0]!.data : Buffer.concat(parts.map((f) => f.data), end - first.offset)
        if (!this.firstDataChecked) {
          const bad = checkRecordStart(data, first.offset, this.deps.config.mappedFileSizeCommitLog)
          if (bad === 'need-more') {
            if (n === this.pending.length) return // wait for more bytes
            return this.fail(`the master's frames at ${first.offset} do not line up`)
          }
          if (bad) return this.diverge(`commitlog diverged at offset ${first.offset}: ${bad}`)
          this.firstDataChecked = true
        }
        try {
          await this.deps.store.appendToCommitLog(first.offset, data)
        } catch (error) {
          return this.fail(`cannot append replicated data at ${first.offset}: ${(error as Error).message}`)
        }
        this.pending.splice(0, n)
        this.pendingBytes -= data.length
        this.deps.rate.add(data.length, this.deps.timers.now())
        this.deps.onAppended()
        const max = this.deps.store.getMaxPhyOffset()
        if (max > this.reportedOffset) this.report(max)
      }
    } finally {
      this.processing = false
      if (this.paused && this.pendingBytes < LOW_WATER && !this.disposed) {
        this.paused = false
        this.socket.resume()
      }
    }
  }

  /** How many leading frames append as one (contiguous, one segment, heartbeats at the end dropped), and where they end. */
  private joinable(): {n: number; end: number} {
    const segment = this.deps.config.mappedFileSizeCommitLog
    const start = this.pending[0]!.offset
    const segmentEnd = start - (start % segment) + segment
    let end = start
    let n = 0
    while (n < this.pending.length) {
      const f = this.pending[n]!
      if (f.offset !== end || end + f.data.length > segmentEnd || (n > 0 && end + f.data.length - start > MAX_JOINED)) break
      end += f.data.length
      n++
    }
    return {n: Math.max(n, 1), end}
  }

  private report(offset: number): void {
    if (this.disposed || this.socket.destroyed) return
    this.socket.write(encodeOffsetReport(offset))
    this.reportedOffset = offset
    this.lastWriteAt = this.deps.timers.now()
  }

  private fail(why: string): void {
    if (this.disposed) return
    this.deps.onFailure(why)
    this.socket.destroy()
  }

  /** The logs diverged (known even when the connection closed meanwhile). */
  private diverge(why: string): void {
    this.deps.onDiverged(why)
    this.fail(why)
  }

  /** Offset heartbeat and housekeeping, checked a few times per interval. */
  private scheduleTick(): void {
    const {haSendHeartbeatInterval: beat, haHousekeepingInterval: house} = this.deps.config
    const every = Math.max(10, Math.min(1000, Math.floor(beat / 2), Math.floor(house / 4)))
    this.tick = this.deps.timers.setTimeout(() => {
      this.tick = undefined
      if (this.disposed) return
      const now = this.deps.timers.now()
      const heard = this.lastContactAt ?? this.connectedAt
      if (now - heard > this.deps.config.haHousekeepingInterval) {
        this.fail(`nothing from the master for ${now - heard} ms (haHousekeepingInterval ${this.deps.config.haHousekeepingInterval})`)
        return
      }
      if (this.verified && now - this.lastWriteAt > this.deps.config.haSendHeartbeatInterval) this.report(Math.max(this.reportedOffset, this.deps.store.getMaxPhyOffset()))
      this.scheduleTick()
    }, every)
  }
}
