import type {Logger} from '../common/logger.js'
import {silentLogger} from '../common/logger.js'
import type {BrokerConfig, BrokerRole} from '../config/broker-config.js'
import type {HostAddress} from '../message/message-ext-broker-inner.js'
import {RemotingClient} from '../remoting/remoting-client.js'
import type {RemotingServer} from '../remoting/remoting-server.js'
import type {MessageStore} from '../store/message-store.js'
import type {BrokerContext} from './broker-context.js'
import {startBrokerServers} from './broker-servers.js'
import {startBrokerScheduledTasks} from './broker-scheduled-tasks.js'
import {ConsumerManager} from './client/consumer-manager.js'
import {notifyConsumerIdsChanged} from './client/consumer-ids-change-notifier.js'
import {ProducerManager} from './client/producer-manager.js'
import {RebalanceLockManager} from './client/rebalance-lock-manager.js'
import type {ConfigFileStore} from './config/config-manager.js'
import {storeConfigFiles} from './config/store-config-files.js'
import {PullRequestHoldService} from './longpolling/pull-request-hold-service.js'
import {ConsumerOffsetManager} from './offset/consumer-offset-manager.js'
import {BrokerOuterAPI, type RegisterBrokerResult} from './out/broker-outer-api.js'
import {NameServerRegistration} from './out/name-server-registration.js'
import {ScheduleMessageService} from './schedule/schedule-message-service.js'
import {SlaveSynchronize} from './slave/slave-synchronize.js'
import {BrokerStatsManager} from './stats/broker-stats-manager.js'
import {SubscriptionGroupManager} from './subscription/subscription-group-manager.js'
import {realTimers, type Timers} from '../common/timers.js'
import {TopicConfigManager} from './topic/topic-config-manager.js'
import {createDefaultStore} from './default-store-factory.js'
import {startBrokerHaService} from './ha/broker-ha-service.js'
import type {HaService} from '../ha/ha-service.js'

/** How a BrokerController is built. */
export interface BrokerControllerOptions {
  logger?: Logger
  timers?: Timers
  /** Builds the message store; DefaultMessageStore over the broker's store settings by default. */
  createStore?: (config: BrokerConfig, logger: Logger) => MessageStore
  /** Where topics.json & co live; <storePathRootDir>/config by default. */
  configFiles?: ConfigFileStore
  /** A slave's wait between HA connection attempts (RocketMQ: 5000 ms); tests shorten it. */
  haReconnectIntervalMs?: number
}

/**
 * A broker (RocketMQ broker/BrokerController.java): loads its config files and store, serves on
 * listenPort and the fast port listenPort − 2 (everything but PULL_MESSAGE), registers with every name
 * server at start, every registerNameServerPeriod and at once when topics change, and on shutdown
 * unregisters, persists offsets and closes the store (which deletes the abort file and the lock).
 */
export class BrokerController {
  readonly config: BrokerConfig
  readonly logger: Logger
  private readonly timers: Timers
  private readonly files: ConfigFileStore
  readonly topicConfigManager: TopicConfigManager
  readonly subscriptionGroupManager: SubscriptionGroupManager
  readonly consumerOffsetManager: ConsumerOffsetManager
  readonly consumerManager: ConsumerManager
  readonly producerManager: ProducerManager
  readonly rebalanceLockManager: RebalanceLockManager
  readonly stats: BrokerStatsManager
  readonly pullRequestHoldService: PullRequestHoldService
  private scheduleService: ScheduleMessageService | undefined
  private messageStore: MessageStore | undefined
  private readonly client: RemotingClient
  private readonly registration: NameServerRegistration
  private slaveSynchronize: SlaveSynchronize | undefined
  private haService: HaService | undefined
  private mainServer: RemotingServer | undefined
  private fastServer: RemotingServer | undefined
  private readonly storeHost: HostAddress
  private readonly stops: Array<() => void> = []
  /** Extra runtime-info entries (HA / DLedger add theirs). */
  readonly runtimeInfoProviders: Array<() => Record<string, string>> = []
  private state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' = 'new'
  private context: BrokerContext | undefined
  private bootTimestamp = 0

  constructor(
    config: BrokerConfig,
    private readonly options: BrokerControllerOptions = {},
  ) {
    this.config = {...config}
    this.logger = options.logger ?? silentLogger
    this.timers = options.timers ?? realTimers
    const clock = () => this.timers.now()
    this.files = options.configFiles ?? storeConfigFiles(config.storePathRootDir)
    this.topicConfigManager = new TopicConfigManager(this.config, this.files, clock, this.logger.child('topic'))
    this.subscriptionGroupManager = new SubscriptionGroupManager(this.config, this.files, clock, this.logger.child('group'))
    this.consumerOffsetManager = new ConsumerOffsetManager(this.files, this.logger.child('offset'))
    this.consumerManager = new ConsumerManager(
      (event, group, channels) => notifyConsumerIdsChanged(event, group, channels, this.config.notifyConsumerIdsChangedEnable),
      clock,
      this.logger.child('consumer'),
    )
    this.producerManager = new ProducerManager(clock, this.logger.child('producer'))
    this.rebalanceLockManager = new RebalanceLockManager(clock)
    this.stats = new BrokerStatsManager(clock, config.brokerClusterName, () => this.messageStore?.getRuntimeInfo())
    this.pullRequestHoldService = new PullRequestHoldService({
      getMaxOffset: (topic, queueId) => this.messageStore?.getMaxOffsetInQueue(topic, queueId) ?? 0,
      timers: this.timers,
      checkIntervalMs: this.config.longPollingEnable ? 5000 : this.config.shortPollingTimeMills,
      logger: this.logger.child('hold'),
    })
    this.client = new RemotingClient({logger: this.logger.child('client')})
    this.registration = new NameServerRegistration({
      outerAPI: new BrokerOuterAPI(this.client, this.logger.child('namesrv')),
      config: this.config,
      topicConfigManager: this.topicConfigManager,
      brokerAddr: () => this.brokerAddr,
      isRunning: () => this.state === 'running',
    })
    this.registration.onResults((results) => {
      this.slaveSynchronize?.learnMaster(results)
      // As RocketMQ, only an answer naming the master's HA address changes it; a slave whose master is
      // gone keeps trying the last one.
      for (const r of results) if (r.ok && r.haServerAddr) this.haService?.updateMasterAddress(r.haServerAddr, r.masterAddr)
    })
    this.storeHost = {ip: this.config.brokerIP1, port: this.config.listenPort}
    this.topicConfigManager.onTopicChanged(() => this.registerBrokerAllInBackground())
  }

  /** The message store (after start). */
  get store(): MessageStore {
    if (!this.messageStore) throw new Error('broker not started')
    return this.messageStore
  }

  /** The delayed-delivery service (after start). */
  get scheduleMessageService(): ScheduleMessageService {
    if (!this.scheduleService) throw new Error('broker not started')
    return this.scheduleService
  }

  /** The bound listenPort (the configured one before start). */
  get listenPort(): number {
    return this.mainServer?.port ?? this.config.listenPort
  }

  /** The bound fast port (listenPort − 2 unless listenPort was 0). */
  get fastListenPort(): number {
    return this.fastServer?.port ?? this.config.listenPort - 2
  }

  /** brokerIP1:listenPort, as registered with the name servers. */
  get brokerAddr(): string {
    return `${this.config.brokerIP1}:${this.listenPort}`
  }

  /** Classic replication (after start; undefined in DLedger mode). */
  get ha(): HaService | undefined {
    return this.haService
  }

  /** The processors' context (after start). */
  get brokerContext(): BrokerContext {
    if (!this.context) throw new Error('broker not started')
    return this.context
  }

  /** A slave's master whose metadata it copies every 10 s (undefined: none named by the last registration answer, or not a slave). */
  get slaveSyncMasterAddr(): string | undefined {
    return this.slaveSynchronize?.masterAddr
  }

  /** Hears the name servers' answers to each registration (a slave learns its master from them). */
  onRegisterResult(listener: (results: RegisterBrokerResult[]) => void): void {
    this.registration.onResults(listener)
  }

  /**
   * Loads config files, starts the store, binds both ports and registers with the name servers. Rejects
   * (after undoing what it started) with ConfigFileCorruptError, the store's LockFailedError, or
   * PortInUseError naming the port and its purpose.
   */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`broker already ${this.state}`)
    this.state = 'starting'
    this.bootTimestamp = this.timers.now()
    try {
      await this.topicConfigManager.load()
      await this.subscriptionGroupManager.load()
      await this.consumerOffsetManager.load()
      const createStore = this.options.createStore ?? createDefaultStore
      this.messageStore = createStore(this.config, this.logger.child('store'))
      this.scheduleService = new ScheduleMessageService(
        this.messageStore,
        this.config.messageDelayLevel,
        this.timers,
        this.files,
        this.logger.child('schedule'),
      )
      await this.scheduleService.load()
      this.slaveSynchronize = new SlaveSynchronize(
        this.client,
        {topics: this.topicConfigManager, offsets: this.consumerOffsetManager, schedule: this.scheduleService, groups: this.subscriptionGroupManager},
        this.logger.child('slave-sync'),
      )
      await this.messageStore.start()
      // The store passes the queue's max offset after the record (RocketMQ's ReputMessageService does too).
      this.messageStore.onMessageArrived((topic, queueId, maxOffset, tagsCode) => {
        // As 4.9.8's reput: only a master with longPollingEnable wakes held pulls (a slave's wait for the 5 s re-check).
        if (this.config.brokerRole !== 'SLAVE' && this.config.longPollingEnable) {
          this.pullRequestHoldService.notifyMessageArriving(topic, queueId, maxOffset, tagsCode)
        }
        this.scheduleService?.onMessageArrived(topic, queueId)
      })
      this.context = this.buildContext()
      const servers = await startBrokerServers(this.config, this.context, this.logger.child('remoting'), (c) => {
        this.consumerManager.doChannelCloseEvent(c)
        this.producerManager.doChannelCloseEvent(c)
      })
      this.mainServer = servers.main
      this.fastServer = servers.fast
      this.storeHost.port = this.listenPort
      this.haService = await startBrokerHaService({
        config: this.config,
        store: this.store,
        client: this.client,
        timers: this.timers,
        logger: this.logger.child('ha'),
        // No metadata sync on an HA (re)connect: RocketMQ syncs a slave's metadata on its 10 s schedule only.
        reconnectIntervalMs: this.options.haReconnectIntervalMs,
      })
      this.stops.push(
        ...startBrokerScheduledTasks({
          config: this.config,
          timers: this.timers,
          logger: this.logger,
          pullRequestHoldService: this.pullRequestHoldService,
          scheduleMessageService: this.scheduleMessageService,
          consumerOffsetManager: this.consumerOffsetManager,
          consumerManager: this.consumerManager,
          producerManager: this.producerManager,
          stats: this.stats,
          slaveSynchronize: this.slaveSynchronize,
          registerBrokerAll: () => this.registerBrokerAll(),
        }),
      )
      this.state = 'running'
      // DLedger mode registers only after its first role change (or the periodic registration after 10 s).
      if (!this.config.enableDLegerCommitLog) await this.registerBrokerAll()
      this.logger.info(
        `The broker[${this.config.brokerName}, ${this.brokerAddr}] boot success. serializeType=JSON and name server is ${this.config.namesrvAddr ?? '(none)'}`,
      )
    } catch (error) {
      await this.shutdown().catch(() => undefined)
      throw error
    }
  }

  /** Unregisters, stops serving, persists every table and shuts the store down. Idempotent. */
  async shutdown(): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping' || this.state === 'new') {
      this.state = 'stopped'
      return
    }
    const wasRunning = this.state === 'running'
    this.state = 'stopping'
    for (const stop of this.stops.splice(0)) stop()
    if (wasRunning) await this.registration.unregisterBrokerAll().catch(() => undefined)
    await Promise.all([this.mainServer?.close(), this.fastServer?.close()])
    await this.haService?.shutdown()
    this.pullRequestHoldService.shutdown()
    this.scheduleService?.shutdown()
    await this.persistAll()
    await this.messageStore?.shutdown()
    await this.client.close()
    this.state = 'stopped'
    this.logger.info(`The broker[${this.config.brokerName}, ${this.brokerAddr}] shut down`)
  }

  /** Registers with every name server now and awaits the answers (concurrent calls are coalesced). */
  registerBrokerAll(): Promise<void> {
    return this.registration.registerBrokerAll()
  }

  /** Changes role at run time (DLedger leadership): a master delivers delayed messages, a slave does not. */
  async changeRole(role: BrokerRole, brokerId: number): Promise<void> {
    this.config.brokerRole = role
    this.config.brokerId = brokerId
    if (role === 'SLAVE') this.scheduleService?.shutdown()
    else this.scheduleService?.start()
    this.haService?.onRoleChanged()
    await this.registerBrokerAll()
  }

  private registerBrokerAllInBackground(): void {
    if (this.state !== 'running') return
    this.registerBrokerAll().catch((error: unknown) => this.logger.error('registering with the name servers failed', error))
  }

  private buildContext(): BrokerContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the context's getters read the controller's fields when called
    const controller = this
    return {
      config: this.config,
      store: this.store,
      topicConfigManager: this.topicConfigManager,
      subscriptionGroupManager: this.subscriptionGroupManager,
      consumerOffsetManager: this.consumerOffsetManager,
      consumerManager: this.consumerManager,
      producerManager: this.producerManager,
      pullRequestHoldService: this.pullRequestHoldService,
      scheduleMessageService: this.scheduleMessageService,
      rebalanceLockManager: this.rebalanceLockManager,
      stats: this.stats,
      storeHost: this.storeHost,
      logger: this.logger,
      clock: () => this.timers.now(),
      runtimeInfoProviders: this.runtimeInfoProviders,
      registerBrokerAll: () => controller.registerBrokerAllInBackground(),
      bootTimestamp: this.bootTimestamp,
      haStatus: () => controller.haService?.status(),
    }
  }

  private async persistAll(): Promise<void> {
    const all = [this.consumerOffsetManager.persist(), this.topicConfigManager.persist(), this.subscriptionGroupManager.persist()]
    if (this.scheduleService) all.push(this.scheduleService.persist())
    const results = await Promise.allSettled(all)
    for (const r of results) if (r.status === 'rejected') this.logger.error('persisting a config file at shutdown failed', r.reason)
  }
}
