import type {Logger} from '../common/logger.js'
import type {BrokerConfig} from '../config/broker-config.js'
import type {HostAddress} from '../message/message-ext-broker-inner.js'
import type {HaStatus} from '../remoting/body/ha-status.js'
import type {MessageStore} from '../store/message-store.js'
import type {ConsumerManager} from './client/consumer-manager.js'
import type {ProducerManager} from './client/producer-manager.js'
import type {RebalanceLockManager} from './client/rebalance-lock-manager.js'
import type {PullRequestHoldService} from './longpolling/pull-request-hold-service.js'
import type {ConsumerOffsetManager} from './offset/consumer-offset-manager.js'
import type {ScheduleMessageService} from './schedule/schedule-message-service.js'
import type {BrokerStatsManager} from './stats/broker-stats-manager.js'
import type {SubscriptionGroupManager} from './subscription/subscription-group-manager.js'
import type {TopicConfigManager} from './topic/topic-config-manager.js'

/**
 * Everything a request processor may use: the broker's configuration, store and managers. The
 * BrokerController builds it; processors are plain functions of (request, connection, context), so they
 * can be exercised against any store.
 */
export interface BrokerContext {
  /** Live configuration: brokerRole/brokerId may change at run time (DLedger role changes). */
  readonly config: BrokerConfig
  readonly store: MessageStore
  readonly topicConfigManager: TopicConfigManager
  readonly subscriptionGroupManager: SubscriptionGroupManager
  readonly consumerOffsetManager: ConsumerOffsetManager
  readonly consumerManager: ConsumerManager
  readonly producerManager: ProducerManager
  readonly pullRequestHoldService: PullRequestHoldService
  readonly scheduleMessageService: ScheduleMessageService
  readonly rebalanceLockManager: RebalanceLockManager
  readonly stats: BrokerStatsManager
  /** brokerIP1:listenPort, written into every stored record and offset msg id. */
  readonly storeHost: HostAddress
  readonly logger: Logger
  readonly clock: () => number
  /** Extra GET_BROKER_RUNTIME_INFO entries (HA / DLedger services add theirs here). */
  readonly runtimeInfoProviders: Array<() => Record<string, string>>
  /** Re-registers with every name server at once (after a topic change), without waiting. */
  registerBrokerAll(): void
  /** The time the broker started, for the runtime-info `runtime` entry. */
  readonly bootTimestamp: number
  /** Classic replication's status (MQLAB_GET_HA_STATUS); undefined without it (DLedger mode). */
  haStatus?(): HaStatus | undefined
}
