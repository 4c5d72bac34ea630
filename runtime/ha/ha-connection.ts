/**
 * A master's side of one slave's HA connection (RocketMQ HAConnection, its ReadSocketService and
 * WriteSocketService in one event-driven object). It reads the slave's 8-byte offset reports; the
 * first one says where to start, every one acknowledges what the slave holds. It pushes commitlog
 * bytes as frames of at most haTransferBatchSize, whenever the store writes more (no polling), and a
 * header-only heartbeat after haSendHeartbeatInterval without writing. A slave silent for
 * haHousekeepingInterval, or one that sends something that is not an offset report, is dropped; the
 * master itself is never harmed by what a peer sends.
 */
import type {Socket} from 'node:net'
import type {Logger} from '../common/logger.js'
import type {BrokerConfig} from '../config/broker-config.js'
import type {MessageStore} from '../store/message-store.js'
import {checkSlaveReport, transferStartOffset} from './ha-offset-checks.js'
import type {Timers} from '../common/timers.js'
import {OffsetReportDecoder, OffsetReportError} from './offset-report-decoder.js'
import {encodeTransferHeader, MAX_TRANSFER_BODY} from './transfer-frame-decoder.js'
import {TransferRate} from './transfer-rate.js'

/** The settings a connection reads (live: a run-time change applies at the next use). */
export type HaConnectionConfig = Pick<BrokerConfig, 'haSendHeartbeatInterval' | 'haHousekeepingInterval' | 'haTransferBatchSize'>

/** What a connection needs from its HA service. */
export interface HaConnectionDeps {
  store: MessageStore
  config: HaConnectionConfig
  timers: Timers
  logger: Logger
  /** The slave acknowledged `offset` (every byte below it is in its commitlog). */
  onAck(connection: HaConnection, offset: number): void
  /** The connection closed, for whatever reason. */
  onClose(connection: HaConnection): void
}

/** One slave connected to this master. */
export class HaConnection {
  readonly remoteAddress: string
  readonly connectedAt: number
  /** The slave's last report; -1 before the first (RocketMQ slaveAckOffset). */
  ackedOffset = -1
  /** Where the slave's log ended when it connected (RocketMQ slaveRequestOffset); -1 before its first report. */
  requestOffset = -1
  /** The next commitlog offset to send; -1 until the slave's first report. */
  nextTransfer = -1
  lastAckAt = 0
  readonly rate = new TransferRate()
  private lastReadAt: number
  private lastWriteAt: number
  private readonly reports = new OffsetReportDecoder()
  private pumping = false
  private closed = false
  private tick: unknown

  constructor(
    private readonly socket: Socket,
    private readonly deps: HaConnectionDeps,
  ) {
    this.remoteAddress = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`.replace(/^::ffff:/, '')
    this.connectedAt = deps.timers.now()
    this.lastReadAt = this.connectedAt
    this.lastWriteAt = this.connectedAt
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    socket.on('error', (err) => deps.logger.debug(`HA connection ${this.remoteAddress}: ${err.message}`))
    socket.on('close', () => this.finish())
    this.scheduleTick()
  }

  /** HANDSHAKE until the slave's first report, TRANSFER after. */
  get state(): 'HANDSHAKE' | 'TRANSFER' {
    return this.nextTransfer < 0 ? 'HANDSHAKE' : 'TRANSFER'
  }

  /** The store wrote more: send it (a no-op while a send loop runs or before the handshake). */
  wake(): void {
    if (!this.pumping && !this.closed && this.nextTransfer >= 0) void this.pump()
  }

  /** Closes the connection, logging why. */
  close(reason: string): void {
    if (this.closed) return
    this.deps.logger.info(`closing HA connection from slave ${this.remoteAddress}: ${reason}`)
    this.socket.destroy()
    this.finish()
  }

  private finish(): void {
    if (this.closed) return
    this.closed = true
    if (this.tick !== undefined) this.deps.timers.clearTimeout(this.tick)
    this.socket.destroy()
    this.deps.onClose(this)
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return
    this.lastReadAt = this.deps.timers.now()
    let value: number | undefined
    try {
      value = this.reports.feed(chunk)
    } catch (error) {
      this.deps.logger.warn(`HA connection from ${this.remoteAddress} sent garbage: ${(error as OffsetReportError).message}`)
      this.close('not an HA slave')
      return
    }
    if (value === undefined) return
    if (this.requestOffset < 0) {
      this.handshake(value)
      return
    }
    const problem = checkSlaveReport(value, this.ackedOffset, this.nextTransfer)
    if (problem) {
      this.deps.logger.warn(`HA connection from ${this.remoteAddress}: ${problem}`)
      this.close('impossible offset report')
      return
    }
    this.ack(value)
  }

  /** The first report: where the slave's commitlog ends. */
  private handshake(reported: number): void {
    const max = this.deps.store.getMaxPhyOffset()
    if (reported > max) {
      // RocketMQ would wait for its log to pass the slave's end and then send bytes that need not start
      // a record there; the slave holds data this master never had, so refuse instead.
      this.deps.logger.warn(`slave ${this.remoteAddress} reports its commitlog ends at ${reported}, beyond this master's ${max}: it holds data this master never wrote`)
      this.close('slave commitlog ahead of the master')
      return
    }
    this.requestOffset = reported
    this.nextTransfer = transferStartOffset(reported, this.deps.store.getMinPhyOffset())
    this.deps.logger.info(`slave ${this.remoteAddress} reports offset ${reported}; transferring from ${this.nextTransfer}`)
    this.ack(reported)
    this.wake()
  }

  private ack(offset: number): void {
    this.ackedOffset = offset
    this.lastAckAt = this.deps.timers.now()
    this.deps.onAck(this, offset)
  }

  /** Sends frames until the slave has everything the store wrote (or the socket needs to drain). */
  private async pump(): Promise<void> {
    this.pumping = true
    try {
      const batch = Math.max(1, Math.min(this.deps.config.haTransferBatchSize, MAX_TRANSFER_BODY))
      while (!this.closed && this.nextTransfer < this.deps.store.getMaxPhyOffset()) {
        const from = this.nextTransfer
        const data = await this.deps.store.getCommitLogData(from, batch)
        if (this.closed) return
        if (!data || data.length === 0) {
          const min = this.deps.store.getMinPhyOffset()
          if (from < min) this.close(`the slave needs offset ${from}, but this master's commitlog now starts at ${min}`)
          else this.deps.logger.warn(`HA transfer to ${this.remoteAddress}: no data readable at ${from}`)
          return
        }
        this.send(from, data)
        this.nextTransfer = from + data.length
        this.rate.add(data.length, this.lastWriteAt)
        if (this.socket.writableNeedDrain) await this.drained()
      }
    } catch (error) {
      this.deps.logger.error(`HA transfer to ${this.remoteAddress} failed`, error)
      this.close('transfer failed')
    } finally {
      this.pumping = false
    }
  }

  /** One frame, header and body in a single writev without copying the body. */
  private send(offset: number, data: Buffer): void {
    this.socket.cork()
    this.socket.write(encodeTransferHeader(offset, data.length))
    if (data.length > 0) this.socket.write(data)
    this.socket.uncork()
    this.lastWriteAt = this.deps.timers.now()
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('drain', done)
        this.socket.off('close', done)
        resolve()
      }
      this.socket.on('drain', done)
      this.socket.on('close', done)
    })
  }

  /** Heartbeat and housekeeping, checked a few times per interval. */
  private scheduleTick(): void {
    const {haSendHeartbeatInterval: beat, haHousekeepingInterval: house} = this.deps.config
    const every = Math.max(10, Math.min(1000, Math.floor(beat / 2), Math.floor(house / 4)))
    this.tick = this.deps.timers.setTimeout(() => {
      this.tick = undefined
      if (this.closed) return
      const now = this.deps.timers.now()
      if (now - this.lastReadAt > this.deps.config.haHousekeepingInterval) {
        this.close(`nothing from the slave for ${now - this.lastReadAt} ms (haHousekeepingInterval ${this.deps.config.haHousekeepingInterval})`)
        return
      }
      if (this.nextTransfer >= 0 && !this.pumping && now - this.lastWriteAt > this.deps.config.haSendHeartbeatInterval) {
        this.send(this.nextTransfer, Buffer.alloc(0))
      }
      this.wake()
      this.scheduleTick()
    }, every)
  }
}
