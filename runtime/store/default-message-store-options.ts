/** The settings and injected dependencies of DefaultMessageStore. */
import type {Logger} from '../common/logger.js'
import type {Timers} from '../common/timers.js'
import type {IndexStoreConfig} from './index/index-service.js'
import type {MessageStoreConfig} from './message-store-config.js'
import type {StoreFs} from './store-fs.js'

/** MessageStoreConfig plus optional settings the store honours when given. */
export type DefaultMessageStoreConfig = MessageStoreConfig & {
  /** A slave corrects pull offsets only when true (BrokerConfig.offsetCheckInSlave, default false). */
  offsetCheckInSlave?: boolean
  /** Delay levels; SCHEDULE_TOPIC_XXXX records found by recovery/replication get their delivery time as tagsCode. */
  messageDelayLevel?: string
} & IndexStoreConfig

/** Injected dependencies (all optional). */
export interface DefaultMessageStoreOptions {
  logger?: Logger
  /** Store timestamps and retention ages come from this clock (ms since the epoch). */
  clock?: () => number
  /** The background services' and SYNC_FLUSH timeouts' timers (default the real ones). */
  timers?: Timers
  /** The file system (tests inject failures or count fsyncs). */
  fs?: StoreFs
  /** Interval of the retention check in ms (RocketMQ cleanResourceInterval 10 000); 0 disables the timer. */
  cleanResourceInterval?: number
}

// Topics whose consume queues survive cleanUnusedTopics (DefaultMessageStore.cleanUnusedTopic).
export const SYSTEM_TOPICS = new Set(['SCHEDULE_TOPIC_XXXX', 'RMQ_SYS_TRANS_HALF_TOPIC', 'RMQ_SYS_TRANS_OP_HALF_TOPIC'])
