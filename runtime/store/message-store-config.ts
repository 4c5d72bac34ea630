import type {BrokerConfig} from '../config/broker-config.js'

/** The part of a broker's configuration the store reads (RocketMQ's MessageStoreConfig). */
export type MessageStoreConfig = Pick<
  BrokerConfig,
  | 'brokerRole'
  | 'flushDiskType'
  | 'storePathRootDir'
  | 'storePathCommitLog'
  | 'mappedFileSizeCommitLog'
  | 'mappedFileSizeConsumeQueue'
  | 'flushIntervalCommitLog'
  | 'flushIntervalConsumeQueue'
  | 'syncFlushTimeout'
  | 'deleteWhen'
  | 'fileReservedTime'
  | 'diskMaxUsedSpaceRatio'
  | 'maxMessageSize'
  | 'checkCRCOnRecover'
  | 'accessMessageInMemoryMaxRatio'
>

/**
 * A store config rooted at `dir` with RocketMQ 4.9.8's MessageStoreConfig defaults (1 GiB commitlog
 * segments, 300 000-entry consume-queue files) and the given overrides: for embedding a store without a
 * broker (benchmarks, tests).
 */
export function messageStoreConfig(dir: string, overrides: Partial<MessageStoreConfig> = {}): MessageStoreConfig {
  return {
    brokerRole: 'ASYNC_MASTER',
    flushDiskType: 'ASYNC_FLUSH',
    storePathRootDir: dir,
    storePathCommitLog: `${dir}/commitlog`,
    mappedFileSizeCommitLog: 1024 * 1024 * 1024,
    mappedFileSizeConsumeQueue: 300_000 * 20,
    flushIntervalCommitLog: 500,
    flushIntervalConsumeQueue: 1000,
    syncFlushTimeout: 5000,
    deleteWhen: '04',
    fileReservedTime: 72,
    diskMaxUsedSpaceRatio: 75,
    maxMessageSize: 1024 * 1024 * 4,
    checkCRCOnRecover: true,
    accessMessageInMemoryMaxRatio: 40,
    ...overrides,
  }
}
