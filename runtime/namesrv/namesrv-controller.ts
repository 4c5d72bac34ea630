/**
 * A name server in one object (RocketMQ's NamesrvController): routing tables, KV config, the remoting
 * server with its processors, and broker housekeeping — a broker is dropped the moment the connection
 * it registered on closes (BrokerHousekeepingService → onChannelDestroy), or when it has not registered
 * for 120 s, checked every 10 s starting 5 s after start (scanNotActiveBroker). Usable in-process by
 * tests; runtime/main/namesrv-main.ts wraps it in a process.
 */
import {silentLogger, type Logger} from '../common/logger.js'
import type {NamesrvConfig} from '../config/namesrv-config.js'
import {RemotingServer, type RemotingConnection} from '../remoting/remoting-server.js'
import {readConfigFile, writeConfigFile} from '../common/config-file.js'
import {registerNamesrvProcessors} from './default-request-processor.js'
import {KVConfigManager} from './kv-config-manager.js'
import type {NamesrvContext} from './namesrv-context.js'
import {BROKER_CHANNEL_EXPIRED_MS, RouteInfoManager} from './route-info-manager.js'
import {realTimers, scheduleWithFixedDelay, type Timers} from '../common/timers.js'

/** Timing knobs; RocketMQ's values by default, small ones in tests. */
export interface NamesrvControllerOptions {
  logger?: Logger
  /** Route expiry's clock; default the timers' now. */
  clock?: () => number
  /** The broker scan's timers (default the real ones). */
  timers?: Timers
  /** Period of the inactive-broker scan; default 10 000 ms. */
  scanIntervalMs?: number
  /** Delay of the first scan; default 5 000 ms. */
  scanInitialDelayMs?: number
  /** A broker not registered for this long is dropped; default 120 000 ms. */
  brokerChannelExpiredMs?: number
  /** Idle-connection timeout; default serverChannelMaxIdleTimeSeconds from the config. */
  idleTimeoutMs?: number
}

/** The name server. */
export class NamesrvController {
  readonly routeInfoManager: RouteInfoManager
  readonly kvConfigManager: KVConfigManager
  readonly config: NamesrvConfig
  private readonly server: RemotingServer
  private readonly logger: Logger
  private readonly options: NamesrvControllerOptions
  private stopScan: (() => void) | undefined
  private started = false
  private stopping: Promise<void> | undefined

  constructor(config: NamesrvConfig, options: NamesrvControllerOptions = {}) {
    // A copy: UPDATE_NAMESRV_CONFIG changes it at run time, the caller's object stays as loaded.
    this.config = {...config}
    this.options = options
    this.logger = options.logger ?? silentLogger
    const timers = options.timers ?? realTimers
    const clock = options.clock ?? (() => timers.now())
    this.routeInfoManager = new RouteInfoManager({clock, brokerChannelExpiredMs: options.brokerChannelExpiredMs ?? BROKER_CHANNEL_EXPIRED_MS})
    const kvPath = config.kvConfigPath
    this.kvConfigManager = new KVConfigManager(kvPath === undefined ? undefined : (text) => writeConfigFile(kvPath, text), (err) =>
      this.logger.error(`persist kv config to ${kvPath}`, err),
    )
    this.server = new RemotingServer({
      host: config.bindAddress,
      port: config.listenPort,
      name: 'namesrv listenPort',
      idleTimeoutMs: options.idleTimeoutMs ?? config.serverChannelMaxIdleTimeSeconds * 1000,
      logger: this.logger.child('remoting'),
    })
    const ctx: NamesrvContext = {
      config: this.config,
      routeInfoManager: this.routeInfoManager,
      kvConfigManager: this.kvConfigManager,
      logger: this.logger,
      clock,
    }
    registerNamesrvProcessors(this.server, ctx)
    this.server.onConnectionClosed((conn) => this.onChannelDestroy(conn))
  }

  /** Loads the KV config, binds the port (PortInUseError if taken) and starts the broker scan. */
  async start(): Promise<void> {
    if (this.started) return
    const kvPath = this.config.kvConfigPath
    if (kvPath !== undefined) {
      try {
        this.kvConfigManager.load(await readConfigFile(kvPath))
      } catch (err) {
        throw new Error(`cannot load KV config ${kvPath}: ${(err as Error).message}`, {cause: err})
      }
    }
    await this.server.listen()
    this.started = true
    const timers = this.options.timers ?? realTimers
    this.stopScan = scheduleWithFixedDelay(
      timers,
      () => this.scanNotActiveBroker(),
      this.options.scanInitialDelayMs ?? 5_000,
      this.options.scanIntervalMs ?? 10_000,
      (error) => this.logger.error('the inactive-broker scan failed', error),
    )
    this.logger.info(`name server started on ${this.address}`)
  }

  /** The bound port. */
  get port(): number {
    return this.server.port
  }

  /** "bindAddress:port", the address brokers and clients use. */
  get address(): string {
    return `${this.config.bindAddress}:${this.port}`
  }

  /** Drops brokers that stopped registering and closes their connections; runs once now. */
  scanNotActiveBroker(): void {
    for (const dropped of this.routeInfoManager.scanNotActiveBroker()) {
      this.logger.warn(`broker ${dropped.brokerAddr} expired: no registration for ${this.options.brokerChannelExpiredMs ?? BROKER_CHANNEL_EXPIRED_MS} ms`)
      ;(dropped.channel as RemotingConnection | undefined)?.close?.()
    }
  }

  /** Stops the scan, closes the server and every connection, and waits for pending KV writes. */
  shutdown(): Promise<void> {
    if (this.stopping) return this.stopping
    this.stopping = (async () => {
      this.stopScan?.()
      await this.server.close()
      await this.kvConfigManager.flush()
      this.logger.info('name server stopped')
    })()
    return this.stopping
  }

  private onChannelDestroy(conn: RemotingConnection): void {
    const addr = this.routeInfoManager.onChannelDestroy(conn)
    if (addr !== undefined) this.logger.info(`broker ${addr} dropped: its connection ${conn.remoteAddress} closed`)
  }
}
