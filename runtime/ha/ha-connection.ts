/**
 * The socket adapter of a master's HA connection: feeds the socket's bytes, a periodic tick and the
 * store's "wrote more" to the pure core (core/ha-master-core.ts, where every rule lives) and carries out
 * its actions — write a heartbeat, read commitlog bytes and write them as a frame (header and body in
 * one writev, waiting for 'drain' when the socket asks), acknowledge, close. The master itself is never
 * harmed by what a peer sends.
 */
import type {Socket} from 'node:net'
import type {Logger} from '../common/logger.js'
import type {Timers} from '../common/timers.js'
import type {BrokerConfig} from '../config/broker-config.js'
import type {MessageStore} from '../store/message-store.js'
import {HaMasterCore, type MasterAction, type MasterCoreOptions} from './core/ha-master-core.js'
import {startTicks} from './ha-ticks.js'
import {encodeTransferHeader} from './transfer-frame-decoder.js'
import {TransferRate} from './transfer-rate.js'

/** The settings a connection reads (live: a run-time change applies at the next use). */
export type HaConnectionConfig = Pick<BrokerConfig, 'haSendHeartbeatInterval' | 'haHousekeepingInterval' | 'haTransferBatchSize' | 'mappedFileSizeCommitLog'>

/** What a connection needs from its HA service. */
export interface HaConnectionDeps {
  store: MessageStore
  config: HaConnectionConfig
  timers: Timers
  logger: Logger
  options?: MasterCoreOptions
  /** The slave acknowledged `offset` (every byte below it is in its commitlog). */
  onAck(connection: HaConnection, offset: number): void
  /** The connection closed, for whatever reason. */
  onClose(connection: HaConnection): void
}

/** One slave connected to this master. */
export class HaConnection {
  readonly remoteAddress: string
  readonly rate = new TransferRate()
  private readonly core: HaMasterCore
  private closed = false
  private readonly stopTicks: () => void

  constructor(
    private readonly socket: Socket,
    private readonly deps: HaConnectionDeps,
  ) {
    this.remoteAddress = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`.replace(/^::ffff:/, '')
    const {store} = deps
    this.core = new HaMasterCore(
      deps.config,
      {minOffset: () => store.getMinPhyOffset(), maxOffset: () => store.getMaxPhyOffset()},
      deps.timers.now(),
      deps.options,
    )
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.run(this.core.bytes(chunk, deps.timers.now())))
    socket.on('drain', () => this.run(this.core.drained()))
    socket.on('error', (err) => deps.logger.debug(`HA connection ${this.remoteAddress}: ${err.message}`))
    socket.on('close', () => this.finish())
    this.stopTicks = startTicks(deps.timers, deps.config, () => this.run(this.core.tick(deps.timers.now())))
  }

  get connectedAt(): number {
    return this.core.connectedAt
  }
  get ackedOffset(): number {
    return this.core.ackedOffset
  }
  get lastAckAt(): number {
    return this.core.lastAckAt
  }
  /** HANDSHAKE until the slave's first report, TRANSFER after. */
  get state(): 'HANDSHAKE' | 'TRANSFER' {
    return this.core.state
  }

  /** The store wrote more: send it. */
  wake(): void {
    if (!this.closed) this.run(this.core.storeWrote())
  }

  /** Closes the connection, logging why. */
  close(reason: string): void {
    if (this.closed) return
    this.deps.logger.info(`closing HA connection from slave ${this.remoteAddress}: ${reason}`)
    this.finish()
  }

  private run(actions: MasterAction[]): void {
    for (const a of actions) {
      if (this.closed) return
      switch (a.type) {
        case 'write':
          this.socket.write(a.bytes)
          break
        case 'transfer':
          void this.transfer(a.from, a.maxBytes)
          break
        case 'ack':
          this.deps.onAck(this, a.offset)
          break
        case 'note':
          this.deps.logger.debug(`HA connection ${this.remoteAddress}: ${a.message}`)
          break
        case 'close':
          this.close(a.reason)
          break
      }
    }
  }

  /** Reads committed bytes at `from` and writes them as one frame without copying the body. */
  private async transfer(from: number, maxBytes: number): Promise<void> {
    let data: Buffer | undefined
    try {
      data = await this.deps.store.getCommitLogData(from, maxBytes)
    } catch (error) {
      this.deps.logger.error(`HA transfer to ${this.remoteAddress} failed`, error)
      this.close('transfer failed')
      return
    }
    if (this.closed) return
    if (!data || data.length === 0) {
      this.run(this.core.nothingReadable(from))
      return
    }
    this.socket.cork()
    this.socket.write(encodeTransferHeader(from, data.length))
    this.socket.write(data)
    this.socket.uncork()
    const now = this.deps.timers.now()
    this.rate.add(data.length, now)
    this.run(this.core.sent(from, data.length, now, this.socket.writableNeedDrain))
  }

  private finish(): void {
    if (this.closed) return
    this.closed = true
    this.core.closedByPeer()
    this.stopTicks()
    this.socket.destroy()
    this.deps.onClose(this)
  }
}
