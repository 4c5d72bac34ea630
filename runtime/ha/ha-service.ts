/**
 * Classic master/slave replication of one broker (RocketMQ store/ha/HAService): a listener on
 * haListenPort that serves slaves (one HaConnection each), the SYNC_MASTER waits of the put path
 * (GroupTransferService, via the store's replica hook), and, while the broker is a SLAVE, the client
 * that copies the master's commitlog (HaClient). Every broker listens on haListenPort whatever its role,
 * as RocketMQ's AcceptSocketService does.
 *
 * isSlaveOK is RocketMQ 4.9.8's: a slave is connected (counted from the moment it connects, before its
 * first offset report) and the master's end is within haSlaveFallbehindMax of the highest offset any
 * slave ever acknowledged (push2SlaveMaxOffset). So after a slave (re)connects, SYNC_MASTER sends wait
 * through its silent first haSendHeartbeatInterval and mostly end FLUSH_SLAVE_TIMEOUT, as in RocketMQ.
 */
import {createServer, type Server, type Socket} from 'node:net'
import type {Logger} from '../common/logger.js'
import {silentLogger} from '../common/logger.js'
import type {BrokerConfig} from '../config/broker-config.js'
import type {HaStatus} from '../remoting/body/ha-status.js'
import {PortInUseError, ListenError} from '../remoting/remoting-errors.js'
import type {MessageStore, PutMessageStatus, ReplicaService} from '../store/message-store.js'
import {GroupTransferService} from './group-transfer-service.js'
import {HaClient} from './ha-client.js'
import {HaConnection} from './ha-connection.js'
import {buildMasterStatus} from './ha-status-builder.js'
import {realTimers, type Timers} from '../common/timers.js'

/** The settings replication reads; the object is live (role changes and UPDATE_BROKER_CONFIG apply). */
export type HaServiceConfig = Pick<
  BrokerConfig,
  | 'brokerName'
  | 'brokerId'
  | 'brokerRole'
  | 'brokerIP2'
  | 'haListenPort'
  | 'haMasterAddress'
  | 'haSendHeartbeatInterval'
  | 'haHousekeepingInterval'
  | 'haTransferBatchSize'
  | 'haSlaveFallbehindMax'
  | 'slaveTimeout'
  | 'mappedFileSizeCommitLog'
>

/** How an HaService is built. */
export interface HaServiceOptions {
  store: MessageStore
  config: HaServiceConfig
  logger?: Logger
  timers?: Timers
  /** Address to bind haListenPort on; brokerIP2 (the advertised HA address) by default. */
  bindHost?: string
  /** Slave reconnect wait (RocketMQ: 5000 ms). */
  reconnectIntervalMs?: number
  /** The master's record at an offset (VIEW_MESSAGE_BY_ID at its broker address); enables the divergence check. */
  fetchMasterRecord?: (masterAddress: string, offset: number) => Promise<Buffer | undefined>
  /** Called each time the slave's connection to its master is up and verified. */
  onMasterConnected?: () => void
  /** mqlab opt-in: an empty slave copies everything the master holds (RocketMQ 4.9.8: from the master's last segment). */
  copyEverythingToEmptySlave?: boolean
  /** mqlab opt-in: a slave reports its offset at once after connecting (RocketMQ 4.9.8: after haSendHeartbeatInterval). */
  reportOffsetOnConnect?: boolean
}

/** One broker's replication. */
export class HaService implements ReplicaService {
  private readonly config: HaServiceConfig
  private readonly store: MessageStore
  private readonly logger: Logger
  private readonly timers: Timers
  private readonly connections = new Set<HaConnection>()
  private readonly groupTransfer: GroupTransferService
  private readonly client: HaClient
  private server: Server | undefined
  private running = false
  /** The highest offset any slave ever acknowledged (HAService.push2SlaveMaxOffset). */
  private push2SlaveMaxOffset = 0

  constructor(private readonly options: HaServiceOptions) {
    this.config = options.config
    this.store = options.store
    this.logger = options.logger ?? silentLogger
    this.timers = options.timers ?? realTimers
    this.groupTransfer = new GroupTransferService(() => this.config.slaveTimeout, this.timers)
    this.client = new HaClient({
      store: this.store,
      config: this.config,
      timers: this.timers,
      logger: this.logger.child('client'),
      reconnectIntervalMs: options.reconnectIntervalMs ?? 5000,
      connectTimeoutMs: 3000,
      fetchMasterRecord: options.fetchMasterRecord,
      onConnected: options.onMasterConnected,
      reportOnConnect: options.reportOffsetOnConnect,
    })
  }

  /** The bound haListenPort (the configured one before start). */
  get port(): number {
    const a = this.server?.address()
    return a && typeof a === 'object' ? a.port : this.config.haListenPort
  }

  /** Binds haListenPort, hooks into the store's put path, and starts the client when the broker is a slave. */
  async start(): Promise<void> {
    const host = this.options.bindHost ?? this.config.brokerIP2
    const port = this.config.haListenPort
    const server = createServer((socket) => this.accept(socket))
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        const purpose = `${this.config.brokerName} haListenPort (listenPort+1)`
        reject(
          err.code === 'EADDRINUSE'
            ? new PortInUseError(host, port, purpose, {cause: err})
            : new ListenError(host, port, purpose, err.code ?? err.message, {cause: err}),
        )
      })
      server.listen({host, port}, () => resolve())
    })
    server.on('error', (err) => this.logger.error('HA server error', err))
    this.server = server
    this.running = true
    this.store.setReplicaService?.(this)
    this.store.onCommitted?.(() => {
      for (const c of this.connections) c.wake()
    })
    if (this.config.haMasterAddress) this.client.updateMasterAddress(this.config.haMasterAddress, null)
    this.onRoleChanged()
    this.logger.info(`HA service listening on ${host}:${this.port}`)
  }

  /** Stops the client, closes every slave connection and the listener; waiting puts get FLUSH_SLAVE_TIMEOUT. */
  async shutdown(): Promise<void> {
    if (!this.running) return
    this.running = false
    this.client.stop()
    this.store.setReplicaService?.(undefined)
    for (const c of [...this.connections]) c.close('broker shutting down')
    this.groupTransfer.shutdown()
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Starts or stops the slave's client to match the (live) brokerRole. */
  onRoleChanged(): void {
    if (!this.running) return
    if (this.config.brokerRole === 'SLAVE') this.client.start()
    else this.client.stop()
  }

  /**
   * The master's addresses from a REGISTER_BROKER answer. A configured haMasterAddress wins over the name
   * server's (RocketMQ updates from registration only when haMasterAddress is unset).
   */
  updateMasterAddress(haServerAddr: string | undefined, masterAddr: string | undefined): void {
    const ha = this.config.haMasterAddress || haServerAddr || null
    this.client.updateMasterAddress(ha, masterAddr ?? null)
  }

  /** Whether a slave is connected and within haSlaveFallbehindMax of `masterPutWhere` (HAService.isSlaveOK). */
  isSlaveOK(masterPutWhere: number): boolean {
    return this.connections.size > 0 && masterPutWhere - this.push2SlaveMaxOffset < this.config.haSlaveFallbehindMax
  }

  /** The put path's replication request (CommitLog.submitReplicaRequest). */
  submitReplicaRequest(end: number): PutMessageStatus | Promise<PutMessageStatus> {
    if (this.config.brokerRole !== 'SYNC_MASTER') return 'PUT_OK'
    if (!this.isSlaveOK(end)) return 'SLAVE_NOT_AVAILABLE'
    return this.groupTransfer.waitFor(end)
  }

  /** Connected slaves (tests, status). */
  get connectionCount(): number {
    return this.connections.size
  }

  /** This broker's replication status (MQLAB_GET_HA_STATUS). */
  status(): HaStatus {
    const now = this.timers.now()
    const maxPhyOffset = this.store.getMaxPhyOffset()
    const {brokerName, brokerId, brokerRole: role} = this.config
    const status: HaStatus = {brokerName, brokerId, role, maxPhyOffset, now}
    if (role === 'SLAVE') {
      status.slave = this.client.status(now)
    } else {
      status.master = buildMasterStatus({
        haListenAddress: `${this.config.brokerIP2}:${this.port}`,
        maxPhyOffset,
        now,
        haSlaveFallbehindMax: this.config.haSlaveFallbehindMax,
        connections: [...this.connections].map((c) => ({
          remoteAddress: c.remoteAddress,
          ackedOffset: c.ackedOffset,
          connectedAt: c.connectedAt,
          lastAckAt: c.lastAckAt,
          bytesPerSecond: c.rate.rate(now),
          state: c.state,
        })),
        sendStatusCounts: this.store.getRecentPutStatusCounts?.() ?? {},
      })
    }
    return status
  }

  private accept(socket: Socket): void {
    if (!this.running) {
      socket.destroy()
      return
    }
    const connection = new HaConnection(socket, {
      store: this.store,
      config: this.config,
      timers: this.timers,
      logger: this.logger.child('connection'),
      options: {copyEverythingToEmptySlave: this.options.copyEverythingToEmptySlave},
      onAck: (_c, offset) => {
        if (offset > this.push2SlaveMaxOffset) this.push2SlaveMaxOffset = offset
        this.groupTransfer.notifyTransferSome(offset)
      },
      onClose: (c) => {
        this.connections.delete(c)
        this.logger.info(`slave ${c.remoteAddress} disconnected; ${this.connections.size} slave(s) left`)
      },
    })
    this.connections.add(connection)
    this.logger.info(`slave ${connection.remoteAddress} connected to the HA port`)
  }
}
