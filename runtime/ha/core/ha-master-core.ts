/**
 * The master's side of one slave's HA connection as a pure state machine (RocketMQ HAConnection's
 * ReadSocketService and WriteSocketService in one): bytes from the slave, clock ticks, "the store wrote
 * more" and "a frame went out" in; actions out. No socket, no timer, no store access beyond reading
 * the commitlog's bounds, so every rule is a deterministic unit test (test/unit/ha/ha-master-core.test.ts);
 * ha-connection.ts is the socket adapter.
 *
 * Rules (docs/rocketmq-facts.md §4): the slave sends only 8-byte offsets; the first says where its log
 * ends and nothing is sent before it; then commitlog bytes go out as frames of at most
 * haTransferBatchSize from where the slave ends (an empty slave: the master's last segment), one frame
 * in flight at a time and none while the socket asks to drain; a header-only heartbeat after
 * haSendHeartbeatInterval without sending; a slave silent for haHousekeepingInterval is dropped, and so
 * is one that sends anything but plausible offsets.
 */
import {OffsetReportDecoder} from '../offset-report-decoder.js'
import {encodeTransferHeader, MAX_TRANSFER_BODY} from '../transfer-frame-decoder.js'
import type {CloseAction, HaLinkConfig, WriteAction} from './ha-link.js'
import {checkSlaveReport, transferStartOffset} from './ha-offset-checks.js'

/** What the adapter must do. */
export type MasterAction =
  | WriteAction
  /** Read up to maxBytes of committed commitlog at `from`, write it as one frame, then call sent() (or nothingReadable()). */
  | {type: 'transfer'; from: number; maxBytes: number}
  /** The slave acknowledged `offset`: every byte below it is in its commitlog. */
  | {type: 'ack'; offset: number}
  | CloseAction
  /** Worth a line in the log, nothing to do. */
  | {type: 'note'; message: string}

/** The settings the core reads (live: a run-time change applies at the next use). */
export interface MasterCoreConfig extends HaLinkConfig {
  haTransferBatchSize: number
}

/** The master's commitlog bounds, read when needed. */
export interface MasterLogView {
  minOffset(): number
  maxOffset(): number
}

/** mqlab opt-ins that differ from RocketMQ 4.9.8 (off by default). */
export interface MasterCoreOptions {
  /** An empty slave gets everything the master still holds, not just its last segment. */
  copyEverythingToEmptySlave?: boolean
}

/** One slave connection, as seen by its master. */
export class HaMasterCore {
  /** The slave's last report; -1 before the first (RocketMQ slaveAckOffset). */
  ackedOffset = -1
  /** Where the slave's log ended when it connected (RocketMQ slaveRequestOffset); -1 before its first report. */
  requestOffset = -1
  /** The next commitlog offset to send; -1 until the slave's first report. */
  nextTransfer = -1
  lastAckAt = 0
  readonly connectedAt: number
  private lastReadAt: number
  private lastWriteAt: number
  private readonly reports = new OffsetReportDecoder()
  private transferring = false
  private needDrain = false
  private closed = false

  constructor(
    private readonly config: MasterCoreConfig,
    private readonly log: MasterLogView,
    now: number,
    private readonly options: MasterCoreOptions = {},
  ) {
    this.connectedAt = now
    this.lastReadAt = now
    this.lastWriteAt = now
  }

  /** HANDSHAKE until the slave's first report, TRANSFER after. */
  get state(): 'HANDSHAKE' | 'TRANSFER' {
    return this.nextTransfer < 0 ? 'HANDSHAKE' : 'TRANSFER'
  }

  /** Bytes from the slave. */
  bytes(chunk: Buffer, now: number): MasterAction[] {
    if (this.closed) return []
    this.lastReadAt = now
    let value: number | undefined
    try {
      value = this.reports.feed(chunk)
    } catch (error) {
      return this.close(`not an HA slave: ${(error as Error).message}`)
    }
    if (value === undefined) return []
    if (this.requestOffset < 0) return this.handshake(value, now)
    const problem = checkSlaveReport(value, this.ackedOffset, this.nextTransfer)
    if (problem) return this.close(`impossible offset report: ${problem}`)
    return [this.ack(value, now)]
  }

  /** Time passed: housekeeping, the idle heartbeat, and anything the store wrote meanwhile. */
  tick(now: number): MasterAction[] {
    if (this.closed) return []
    const {haHousekeepingInterval: house, haSendHeartbeatInterval: beat} = this.config
    if (now - this.lastReadAt > house) return this.close(`nothing from the slave for ${now - this.lastReadAt} ms (haHousekeepingInterval ${house})`)
    const actions: MasterAction[] = []
    if (this.nextTransfer >= 0 && !this.transferring && !this.needDrain && now - this.lastWriteAt > beat) {
      actions.push({type: 'write', bytes: encodeTransferHeader(this.nextTransfer, 0)})
      this.lastWriteAt = now
    }
    return [...actions, ...this.next()]
  }

  /** The store wrote more: send it if nothing is in flight. */
  storeWrote(): MasterAction[] {
    return this.closed ? [] : this.next()
  }

  /** The frame of the last transfer action went out: `length` bytes from `from`; `needDrain` when the socket asked to wait. */
  sent(from: number, length: number, now: number, needDrain: boolean): MasterAction[] {
    if (this.closed) return []
    this.transferring = false
    this.nextTransfer = from + length
    this.lastWriteAt = now
    this.needDrain = needDrain
    return this.next()
  }

  /** The socket drained: sending may go on. */
  drained(): MasterAction[] {
    if (this.closed) return []
    this.needDrain = false
    return this.next()
  }

  /** Nothing was readable at `from` for the last transfer action. */
  nothingReadable(from: number): MasterAction[] {
    if (this.closed) return []
    this.transferring = false
    const min = this.log.minOffset()
    if (from < min) return this.close(`the slave needs offset ${from}, but this master's commitlog now starts at ${min}`)
    // Not committed yet, or a read raced a segment change: the next write or tick tries again.
    return [{type: 'note', message: `no data readable at ${from} yet`}]
  }

  /** The adapter closed the connection (or the peer did). */
  closedByPeer(): void {
    this.closed = true
  }

  /** The first report: where the slave's commitlog ends. */
  private handshake(reported: number, now: number): MasterAction[] {
    const max = this.log.maxOffset()
    if (reported > max) {
      // RocketMQ would wait for its log to pass the slave's end and then send bytes that need not start a
      // record there; the slave holds data this master never had, so refuse instead.
      return this.close(`the slave's commitlog ends at ${reported}, beyond this master's ${max}: it holds data this master never wrote`)
    }
    this.requestOffset = reported
    const bounds = {min: this.log.minOffset(), max, segmentSize: this.config.mappedFileSizeCommitLog}
    this.nextTransfer = transferStartOffset(reported, bounds, this.options.copyEverythingToEmptySlave)
    return [{type: 'note', message: `slave reports offset ${reported}; transferring from ${this.nextTransfer}`}, this.ack(reported, now), ...this.next()]
  }

  private ack(offset: number, now: number): MasterAction {
    this.ackedOffset = offset
    this.lastAckAt = now
    return {type: 'ack', offset}
  }

  /** The next frame to send, if any: one in flight at a time, none while draining or before the handshake. */
  private next(): MasterAction[] {
    if (this.transferring || this.needDrain || this.nextTransfer < 0 || this.nextTransfer >= this.log.maxOffset()) return []
    this.transferring = true
    const maxBytes = Math.max(1, Math.min(this.config.haTransferBatchSize, MAX_TRANSFER_BODY))
    return [{type: 'transfer', from: this.nextTransfer, maxBytes}]
  }

  private close(reason: string): MasterAction[] {
    this.closed = true
    return [{type: 'close', reason}]
  }
}
