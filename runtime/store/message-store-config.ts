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
