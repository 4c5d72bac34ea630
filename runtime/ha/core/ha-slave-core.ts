/**
 * The slave's end of one HA connection as a pure state machine (the connected part of RocketMQ's
 * HAClient): bytes from the master, clock ticks, the divergence check's verdict, "the append finished"
 * and "the store wrote up to" in; actions out. No socket, no timer, no store writes, so every rule is a
 * deterministic unit test (test/unit/ha/ha-slave-core.test.ts); ha-client-link.ts is the socket adapter.
 *
 * Rules (docs/rocketmq-facts.md §4):
 * - Once connected, a slave with data first has its last record compared with the master's (mqlab's
 *   divergence check: a mismatch ends in `diverge`). Then, as in RocketMQ 4.9.8, the first offset report
 *   goes out only when haSendHeartbeatInterval has passed since connecting (HAClient.connectMaster stamps
 *   the last-write time): until then the master sends nothing and a SYNC_MASTER's sends wait. Later
 *   reports follow each append that moved the offset, and at least every haSendHeartbeatInterval.
 *   (`reportOnConnect`, an mqlab opt-in, reports at once.)
 * - Frames are appended strictly in order and only where the slave's log ends (contiguous frames of one
 *   segment as one append, one append in flight); the first data must start a record of the same log.
 * - A corrupt stream, a misplaced frame or silence for haHousekeepingInterval ends the connection.
 * - Back-pressure: above HIGH_WATER received-but-unappended bytes, reading pauses; below LOW_WATER it
 *   resumes, so memory stays bounded whatever the master sends.
 */
import {encodeOffsetReport} from '../offset-report-decoder.js'
import {TransferFrameDecoder, type TransferFrame} from '../transfer-frame-decoder.js'
import type {CloseAction, HaLinkConfig, WriteAction} from './ha-link.js'
import {checkFrameOffset, checkRecordStart} from './ha-offset-checks.js'

/** What the adapter must do. */
export type SlaveAction =
  | WriteAction
  /** Compare the slave's last record with the master's, then call verified(). */
  | {type: 'verify'}
  /** The link is checked and up. */
  | {type: 'connected'}
  /** Append `data` at commitlog offset `offset`, then call appended(). */
  | {type: 'append'; offset: number; data: Buffer}
  /** Stop / start reading from the socket. */
  | {type: 'pause'}
  | {type: 'resume'}
  /** The two commitlogs diverged (a close follows). */
  | {type: 'diverge'; reason: string}
  | CloseAction

/** The settings the core reads. */
export type SlaveCoreConfig = HaLinkConfig

/** The slave's own commitlog end, read when needed. */
export interface SlaveLogView {
  maxOffset(): number
}

/** How the core behaves. */
export interface SlaveCoreOptions {
  /** Whether the master's record can be fetched for the divergence check (else only the record-start check runs). */
  canVerify: boolean
  /** mqlab opt-in: report the offset at once after connecting instead of after haSendHeartbeatInterval. */
  reportOnConnect?: boolean
}

/** Received but not yet appended bytes: pause reading above, resume below. */
export const HIGH_WATER = 16 * 1024 * 1024
export const LOW_WATER = 4 * 1024 * 1024
/** Largest append made of joined frames. */
export const MAX_JOINED = 4 * 1024 * 1024

/** One connection to the master, as seen by the slave. */
export class HaSlaveCore {
  /** The last offset reported to the master on this connection; -1 before the first report. */
  reportedOffset = -1
  /** When the master last sent anything (data or heartbeat). */
  lastContactAt: number | null = null
  readonly connectedAt: number
  private lastWriteAt: number
  private readonly decoder = new TransferFrameDecoder()
  private pending: TransferFrame[] = []
  private pendingBytes = 0
  private isVerified = false
  private firstDataChecked = false
  /** The append in flight: how many pending frames and bytes it covers. */
  private appending: {frames: number; bytes: number} | undefined
  private paused = false
  private closed = false

  constructor(
    private readonly config: SlaveCoreConfig,
    private readonly log: SlaveLogView,
    now: number,
    private readonly options: SlaveCoreOptions,
  ) {
    this.connectedAt = now
    // HAClient.connectMaster: lastWriteTimestamp = now, so the first report waits a heartbeat interval.
    this.lastWriteAt = now
  }

  /** Bytes received but not appended yet. */
  get bufferedBytes(): number {
    return this.pendingBytes
  }

  /** The socket is connected. */
  start(now: number): SlaveAction[] {
    if (this.log.maxOffset() > 0 && this.options.canVerify) return [{type: 'verify'}]
    return this.becomeVerified(now)
  }

  /** The divergence check's verdict: why the logs differ, or undefined when they agree (or could not be compared). */
  verified(divergence: string | undefined, now: number): SlaveAction[] {
    if (this.closed) return []
    if (divergence !== undefined) return this.diverge(divergence)
    return this.becomeVerified(now)
  }

  /** Bytes from the master. */
  bytes(chunk: Buffer, now: number): SlaveAction[] {
    if (this.closed) return []
    this.lastContactAt = now
    let frames: TransferFrame[]
    try {
      frames = this.decoder.feed(chunk)
    } catch (error) {
      return this.close((error as Error).message)
    }
    for (const f of frames) {
      this.pending.push(f)
      this.pendingBytes += f.data.length
    }
    const actions: SlaveAction[] = []
    if (this.pendingBytes > HIGH_WATER && !this.paused) {
      this.paused = true
      actions.push({type: 'pause'})
    }
    return [...actions, ...this.process()]
  }

  /** The append of the last append action finished (`error`: why it failed). */
  appended(error: string | undefined, now: number): SlaveAction[] {
    const done = this.appending
    this.appending = undefined
    if (this.closed || done === undefined) return []
    const offset = this.pending[0]?.offset
    if (error !== undefined) return this.close(`cannot append replicated data at ${offset}: ${error}`)
    this.pending.splice(0, done.frames)
    this.pendingBytes -= done.bytes
    const actions: SlaveAction[] = []
    const max = this.log.maxOffset()
    if (max > this.reportedOffset) actions.push(this.report(max, now))
    if (this.paused && this.pendingBytes < LOW_WATER) {
      this.paused = false
      actions.push({type: 'resume'})
    }
    return [...actions, ...this.process()]
  }

  /** The slave's commitlog is written up to `end` (before its records are dispatched): report it. */
  written(end: number, now: number): SlaveAction[] {
    if (this.closed || !this.isVerified || end <= this.reportedOffset || !this.reportedOnce) return []
    return [this.report(end, now)]
  }

  /** Time passed: housekeeping and the offset heartbeat (the first report, too). */
  tick(now: number): SlaveAction[] {
    if (this.closed) return []
    const heard = this.lastContactAt ?? this.connectedAt
    const house = this.config.haHousekeepingInterval
    if (now - heard > house) return this.close(`nothing from the master for ${now - heard} ms (haHousekeepingInterval ${house})`)
    if (this.isVerified && now - this.lastWriteAt > this.config.haSendHeartbeatInterval)
      return [this.report(Math.max(this.reportedOffset, this.log.maxOffset()), now)]
    return []
  }

  /** The adapter closed the connection (or the peer did). */
  closedByPeer(): void {
    this.closed = true
  }

  private get reportedOnce(): boolean {
    return this.reportedOffset >= 0
  }

  private becomeVerified(now: number): SlaveAction[] {
    this.isVerified = true
    const actions: SlaveAction[] = [{type: 'connected'}]
    if (this.options.reportOnConnect) actions.push(this.report(this.log.maxOffset(), now))
    return [...actions, ...this.process()]
  }

  /** The next append, if frames are pending and none is in flight. */
  private process(): SlaveAction[] {
    if (!this.isVerified || this.appending || this.closed) return []
    while (this.pending.length > 0) {
      const first = this.pending[0]!
      const misplaced = checkFrameOffset(this.log.maxOffset(), first.offset)
      if (misplaced) return this.close(misplaced)
      const {n, end} = this.joinable()
      if (end === first.offset) {
        this.pending.splice(0, n) // heartbeats only
        continue
      }
      const parts = this.pending.slice(0, n).filter((f) => f.data.length > 0)
      const data =
        parts.length === 1
          ? parts[0]!.data
          : Buffer.concat(
              parts.map((f) => f.data),
              end - first.offset,
            )
      if (!this.firstDataChecked) {
        const bad = checkRecordStart(data, first.offset, this.config.mappedFileSizeCommitLog)
        if (bad === 'need-more') {
          if (n === this.pending.length) return [] // wait for more bytes
          return this.close(`the master's frames at ${first.offset} do not line up`)
        }
        if (bad) return this.diverge(`commitlog diverged at offset ${first.offset}: ${bad}`)
        this.firstDataChecked = true
      }
      this.appending = {frames: n, bytes: data.length}
      return [{type: 'append', offset: first.offset, data}]
    }
    return []
  }

  /** How many leading frames append as one (contiguous, one segment, at most MAX_JOINED), and where they end. */
  private joinable(): {n: number; end: number} {
    const segment = this.config.mappedFileSizeCommitLog
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

  private report(offset: number, now: number): SlaveAction {
    this.reportedOffset = offset
    this.lastWriteAt = now
    return {type: 'write', bytes: encodeOffsetReport(offset)}
  }

  private diverge(reason: string): SlaveAction[] {
    return [{type: 'diverge', reason}, ...this.close(reason)]
  }

  private close(reason: string): SlaveAction[] {
    this.closed = true
    return [{type: 'close', reason}]
  }
}
