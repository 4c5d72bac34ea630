/**
 * The socket adapter of a slave's connection to its master: feeds the socket's bytes, a periodic tick,
 * the divergence check's verdict and the store's progress to the pure core (core/ha-slave-core.ts,
 * where every rule lives) and carries out its actions — write an offset report, run the divergence
 * check (commit-log-divergence-check.ts), append replicated bytes, pause or resume reading, close.
 */
import type {Socket} from 'node:net'
import type {Logger} from '../common/logger.js'
import type {Timers} from '../common/timers.js'
import type {BrokerConfig} from '../config/broker-config.js'
import type {MessageStore} from '../store/message-store.js'
import {checkCommitLogAgainstMaster} from './commit-log-divergence-check.js'
import {HaSlaveCore, type SlaveAction} from './core/ha-slave-core.js'
import {startTicks} from './ha-ticks.js'
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
  /** mqlab opt-in: report the offset at once after connecting (RocketMQ 4.9.8 waits haSendHeartbeatInterval). */
  reportOnConnect?: boolean
  /** The master's record at an offset; undefined when it has none. Absent: only the record-start check runs. */
  fetchMasterRecord: ((offset: number) => Promise<Buffer | undefined>) | undefined
  onVerified(): void
  /** Replicated bytes were appended. */
  onAppended(): void
  onDiverged(why: string): void
  /** Why the link is about to close (the first reason is kept). */
  onFailure(why: string): void
}

/** The slave's end of one HA connection. */
export class HaClientLink {
  private readonly core: HaSlaveCore
  private disposed = false
  private readonly stopTicks: () => void

  constructor(
    private readonly socket: Socket,
    private readonly deps: HaClientLinkDeps,
  ) {
    const {store, timers} = deps
    this.core = new HaSlaveCore(deps.config, {maxOffset: () => store.getMaxPhyOffset()}, timers.now(), {
      canVerify: deps.fetchMasterRecord !== undefined,
      reportOnConnect: deps.reportOnConnect,
    })
    if (!deps.fetchMasterRecord && store.getMaxPhyOffset() > 0) {
      deps.logger.warn('the master broker address is unknown: only the record-start check guards against a diverged commitlog')
    }
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.run(this.core.bytes(chunk, timers.now())))
    this.stopTicks = startTicks(timers, deps.config, () => this.run(this.core.tick(timers.now())))
    this.run(this.core.start(timers.now()))
  }

  /** The last offset reported to the master on this connection; -1 before the first report. */
  get reportedOffset(): number {
    return this.core.reportedOffset
  }

  /** When the master last sent anything (data or heartbeat). */
  get lastContactAt(): number | null {
    return this.core.lastContactAt
  }

  /** The slave's commitlog is written up to `end`: report it (before the records are dispatched). */
  written(end: number): void {
    if (!this.disposed) this.run(this.core.written(end, this.deps.timers.now()))
  }

  /** Stops timers; the socket is already closed. */
  dispose(): void {
    this.disposed = true
    this.core.closedByPeer()
    this.stopTicks()
  }

  private run(actions: SlaveAction[]): void {
    for (const a of actions) {
      if (this.disposed && a.type !== 'diverge') return
      switch (a.type) {
        case 'write':
          if (!this.socket.destroyed) this.socket.write(a.bytes)
          break
        case 'verify':
          void this.verify()
          break
        case 'connected':
          this.deps.onVerified()
          break
        case 'append':
          void this.append(a.offset, a.data)
          break
        case 'pause':
          this.socket.pause()
          break
        case 'resume':
          this.socket.resume()
          break
        case 'diverge':
          this.deps.onDiverged(a.reason)
          break
        case 'close':
          this.deps.onFailure(a.reason)
          this.socket.destroy()
          break
      }
    }
  }

  private async verify(): Promise<void> {
    let why: string | undefined
    try {
      why = await checkCommitLogAgainstMaster(this.deps.store, this.deps.fetchMasterRecord!)
    } catch (error) {
      this.deps.logger.warn(
        `cannot read the master's last record to compare logs (${(error as Error).message}); only the record-start check guards this connection`,
      )
    }
    // A divergence is reported even when the connection closed meanwhile.
    if (why !== undefined && this.disposed) this.deps.onDiverged(why)
    this.run(this.core.verified(why, this.deps.timers.now()))
  }

  private async append(offset: number, data: Buffer): Promise<void> {
    let error: string | undefined
    try {
      await this.deps.store.appendToCommitLog(offset, data)
      this.deps.rate.add(data.length, this.deps.timers.now())
      this.deps.onAppended()
    } catch (e) {
      error = (e as Error).message
    }
    this.run(this.core.appended(error, this.deps.timers.now()))
  }
}
