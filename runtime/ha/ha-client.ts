/**
 * A slave's side of replication (RocketMQ HAService.HAClient): connects to the master's HA address
 * (haMasterAddress, or what the name server answered at registration), keeps the connection, and after
 * it closes tries again every reconnect interval (5 s, as HAClient's run loop waits) for as long as the
 * broker is a slave. What each connection does is in ha-client-link.ts. The status says why the slave is
 * not replicating: no master known, the connect error, the master's last words, or a diverged log.
 */
import {connect, type Socket} from 'node:net'
import type {Logger} from '../common/logger.js'
import type {HaSlaveState, HaSlaveStatus} from '../remoting/body/ha-status.js'
import {HaClientLink, type HaClientLinkConfig} from './ha-client-link.js'
import type {Timers} from '../common/timers.js'
import type {MessageStore} from '../store/message-store.js'
import {TransferRate} from './transfer-rate.js'

/** What the HA client needs. */
export interface HaClientDeps {
  store: MessageStore
  config: HaClientLinkConfig
  timers: Timers
  logger: Logger
  /** Wait between connection attempts (RocketMQ: 5000 ms). */
  reconnectIntervalMs: number
  /** Gives up a connect attempt after this long. */
  connectTimeoutMs: number
  /** The master's record at a commitlog offset (VIEW_MESSAGE_BY_ID), undefined when it has none; rejects when unreachable. */
  fetchMasterRecord?: (masterAddress: string, offset: number) => Promise<Buffer | undefined>
  /** Called when a connection to the master is up and verified. */
  onConnected?: () => void
  /** mqlab opt-in: report the offset at once after connecting. */
  reportOnConnect?: boolean
}

/** The slave's replication client. */
export class HaClient {
  private masterHaAddress: string | null = null
  private masterAddress: string | null = null
  private state: HaSlaveState = 'NO_MASTER'
  private lastError: string | null = null
  private lastContactAt: number | null = null
  private reportedOffset = 0
  private readonly rate = new TransferRate()
  private running = false
  private link: HaClientLink | undefined
  private socket: Socket | undefined
  private retry: unknown
  /** A divergence found on the last connection: the state stays DIVERGED until a check passes. */
  private diverged: string | undefined

  constructor(private readonly deps: HaClientDeps) {
    // Acknowledge replicated bytes as soon as they are written, before they are dispatched to the
    // consume queues (RocketMQ's slave reports after appending to its page cache, and reputs apart).
    deps.store.onCommitted?.((end) => this.link?.written(end))
  }

  /** Starts connecting (at once when a master address is known). */
  start(): void {
    if (this.running) return
    this.running = true
    this.reportedOffset = this.deps.store.getMaxPhyOffset()
    this.schedule(0)
  }

  /** Closes the connection and stops reconnecting. */
  stop(): void {
    this.running = false
    if (this.retry !== undefined) this.deps.timers.clearTimeout(this.retry)
    this.retry = undefined
    const old = this.socket
    this.socket = undefined
    this.link = undefined
    old?.destroy()
  }

  /**
   * The master's HA address (and broker address) learnt at registration or configured. A new HA address
   * drops the current connection and connects to the new one at once.
   */
  updateMasterAddress(haAddress: string | null, masterAddress: string | null): void {
    if (masterAddress !== null) this.masterAddress = masterAddress
    if (haAddress === this.masterHaAddress) return
    this.deps.logger.info(`update master HA address, OLD: ${this.masterHaAddress ?? 'none'} NEW: ${haAddress ?? 'none'}`)
    this.masterHaAddress = haAddress
    this.diverged = undefined
    if (!this.running) return
    // Drop the old connection and connect now, not when the wait after the last failure (or "no master
    // yet") ends.
    const old = this.socket
    this.socket = undefined
    this.link = undefined
    old?.destroy()
    if (this.retry !== undefined) this.deps.timers.clearTimeout(this.retry)
    this.retry = undefined
    this.schedule(0)
  }

  /** The slave half of the replication status. */
  status(now: number): HaSlaveStatus {
    return {
      masterHaAddress: this.masterHaAddress,
      masterAddress: this.masterAddress,
      state: this.diverged !== undefined ? 'DIVERGED' : this.state,
      lastError: this.diverged ?? this.lastError,
      reportedOffset: this.link && this.link.reportedOffset >= 0 ? this.link.reportedOffset : this.reportedOffset,
      lastContactAt: this.link?.lastContactAt ?? this.lastContactAt,
      bytesPerSecond: this.rate.rate(now),
      reporting: this.state === 'CONNECTED' && this.diverged === undefined && (this.link?.reportedOffset ?? -1) >= 0,
    }
  }

  private schedule(delayMs: number): void {
    if (!this.running || this.retry !== undefined) return
    this.retry = this.deps.timers.setTimeout(() => {
      this.retry = undefined
      this.attempt()
    }, delayMs)
  }

  private attempt(): void {
    if (!this.running || this.socket) return
    const addr = this.masterHaAddress
    if (!addr) {
      this.state = 'NO_MASTER'
      this.schedule(this.deps.reconnectIntervalMs)
      return
    }
    const parsed = parseAddress(addr)
    if (!parsed) {
      this.state = 'DISCONNECTED'
      this.lastError = `invalid master HA address '${addr}' (expected host:port)`
      this.schedule(this.deps.reconnectIntervalMs)
      return
    }
    this.state = 'CONNECTING'
    const socket = connect({host: parsed.host, port: parsed.port})
    this.socket = socket
    let link: HaClientLink | undefined
    let reason: string | undefined
    socket.setTimeout(this.deps.connectTimeoutMs, () => {
      reason = `connect to ${addr} timed out after ${this.deps.connectTimeoutMs} ms`
      socket.destroy()
    })
    socket.on('error', (err) => {
      reason ??= err.message
    })
    // Callbacks of a connection abandoned for a new address change nothing.
    const current = () => this.socket === socket
    socket.once('connect', () => {
      if (!current()) return
      socket.setTimeout(0)
      this.deps.logger.info(`HA client connected to master ${addr}`)
      link = new HaClientLink(socket, {
        ...this.deps,
        rate: this.rate,
        fetchMasterRecord: this.fetchFor(),
        onVerified: () => {
          if (!current()) return
          this.state = 'CONNECTED'
          this.lastError = null
          this.deps.onConnected?.()
        },
        // A divergence is forgotten only once the master's data lined up and was appended.
        onAppended: () => {
          this.diverged = undefined
        },
        onDiverged: (why) => {
          if (!current()) return
          if (this.diverged !== why) this.deps.logger.error(`refusing to replicate from ${addr}: ${why}`)
          this.diverged = why
        },
        onFailure: (why) => {
          reason ??= why
        },
      })
      this.link = link
    })
    socket.on('close', () => {
      link?.dispose()
      // A connection abandoned for a new master address: nothing more to do.
      if (this.socket !== socket) return
      this.socket = undefined
      this.link = undefined
      if (link) {
        this.lastContactAt = link.lastContactAt ?? this.lastContactAt
        if (link.reportedOffset >= 0) this.reportedOffset = link.reportedOffset
      }
      if (!this.running) return
      this.state = 'DISCONNECTED'
      this.lastError = reason ?? (link ? `the master ${addr} closed the connection` : `cannot connect to ${addr}`)
      if (link) this.deps.logger.warn(`HA connection to master ${addr} ended: ${this.lastError}`)
      this.schedule(this.deps.reconnectIntervalMs)
    })
  }

  /** VIEW_MESSAGE_BY_ID against the master's broker address known now, when the broker gave a way to ask. */
  private fetchFor(): ((offset: number) => Promise<Buffer | undefined>) | undefined {
    const fetch = this.deps.fetchMasterRecord
    const master = this.masterAddress ?? brokerAddressFromHa(this.masterHaAddress)
    if (!fetch || !master) return undefined
    return (offset) => fetch(master, offset)
  }
}

/** "host:port" → parts, or undefined. */
export function parseAddress(addr: string): {host: string; port: number} | undefined {
  const i = addr.lastIndexOf(':')
  if (i <= 0) return undefined
  const port = Number(addr.slice(i + 1))
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return undefined
  return {host: addr.slice(0, i), port}
}

/** The broker address of a master known only by its HA address: RocketMQ 4.x forces haListenPort = listenPort + 1. */
export function brokerAddressFromHa(haAddress: string | null): string | undefined {
  const p = haAddress ? parseAddress(haAddress) : undefined
  return p && p.port > 1 ? `${p.host}:${p.port - 1}` : undefined
}
