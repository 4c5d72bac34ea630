import {defaultBrokerConfig, type BrokerConfig} from '../config/broker-config.js'

/** The broker keys the store reads (RocketMQ's MessageStoreConfig). */
export const MESSAGE_STORE_KEYS = [
  'brokerRole',
  'flushDiskType',
  'storePathRootDir',
  'storePathCommitLog',
  'mappedFileSizeCommitLog',
  'mappedFileSizeConsumeQueue',
  'flushIntervalCommitLog',
  'flushIntervalConsumeQueue',
  'syncFlushTimeout',
  'deleteWhen',
  'fileReservedTime',
  'diskMaxUsedSpaceRatio',
  'maxMessageSize',
  'checkCRCOnRecover',
  'accessMessageInMemoryMaxRatio',
] as const satisfies ReadonlyArray<keyof BrokerConfig>

/** The part of a broker's configuration the store reads (RocketMQ's MessageStoreConfig). */
export type MessageStoreConfig = Pick<BrokerConfig, (typeof MESSAGE_STORE_KEYS)[number]>

/**
 * A store config rooted at `dir` with RocketMQ 4.9.8's defaults (defaultBrokerConfig: 1 GiB commitlog
 * segments, 300 000-entry consume-queue files, …) and the given overrides: for embedding a store
 * without a broker (benchmarks, tests).
 */
export function messageStoreConfig(dir: string, overrides: Partial<MessageStoreConfig> = {}): MessageStoreConfig {
  const defaults = {...defaultBrokerConfig(), storePathRootDir: dir, storePathCommitLog: `${dir}/commitlog`}
  const picked = Object.fromEntries(MESSAGE_STORE_KEYS.map((k) => [k, defaults[k]])) as MessageStoreConfig
  return {...picked, ...overrides}
}
