/**
 * A broker's configuration, keyed exactly as RocketMQ 4.9's BrokerConfig, NettyServerConfig and
 * MessageStoreConfig properties (the keys users write in broker-*.properties), with RocketMQ's defaults.
 *
 * Parsing and per-file checks live in broker-config-loader.ts; this file is the shape every runtime
 * module reads.
 */
export type BrokerRole = 'ASYNC_MASTER' | 'SYNC_MASTER' | 'SLAVE'
export type FlushDiskType = 'SYNC_FLUSH' | 'ASYNC_FLUSH'

export interface BrokerConfig {
  // --- identity (BrokerConfig)
  brokerClusterName: string
  brokerName: string
  /** 0 for a master; > 0 for a slave (RocketMQ forces 0 on masters); -1 as loaded in DLedger mode, where raft decides (BrokerStartup). */
  brokerId: number
  /** Address the broker binds and advertises (brokerAddr = brokerIP1:listenPort). */
  brokerIP1: string
  /** Address advertised for HA (haServerAddr = brokerIP2:haListenPort); defaults to brokerIP1. */
  brokerIP2: string
  /** `host:port;host:port`, or undefined when the broker should not register anywhere. */
  namesrvAddr: string | undefined
  brokerPermission: number
  autoCreateTopicEnable: boolean
  autoCreateSubscriptionGroup: boolean
  /** Queues of TBW102 and thus the cap for topics auto-created on first send. */
  defaultTopicQueueNums: number
  clusterTopicEnable: boolean
  brokerTopicEnable: boolean
  traceTopicEnable: boolean
  registerNameServerPeriod: number
  longPollingEnable: boolean
  shortPollingTimeMills: number
  notifyConsumerIdsChangedEnable: boolean
  slaveReadEnable: boolean
  offsetCheckInSlave: boolean
  flushConsumerOffsetInterval: number
  // --- network (NettyServerConfig; the fast/VIP port is listenPort - 2)
  listenPort: number
  serverChannelMaxIdleTimeSeconds: number
  // --- store (MessageStoreConfig)
  brokerRole: BrokerRole
  flushDiskType: FlushDiskType
  storePathRootDir: string
  /** Defaults to <storePathRootDir>/commitlog. */
  storePathCommitLog: string
  mappedFileSizeCommitLog: number
  mappedFileSizeConsumeQueue: number
  flushIntervalCommitLog: number
  flushIntervalConsumeQueue: number
  syncFlushTimeout: number
  /** Hours of day, `04` or `04;16`, at which expired files are deleted. */
  deleteWhen: string
  /** Hours a commitlog segment is kept after its last write. */
  fileReservedTime: number
  diskMaxUsedSpaceRatio: number
  maxMessageSize: number
  checkCRCOnRecover: boolean
  accessMessageInMemoryMaxRatio: number
  messageDelayLevel: string
  // --- message index (MessageStoreConfig; runtime/store/index)
  messageIndexEnable: boolean
  maxHashSlotNum: number
  maxIndexNum: number
  maxMsgsNumBatch: number
  defaultQueryMaxNum: number
  // --- HA (MessageStoreConfig); RocketMQ 4.x forces haListenPort = listenPort + 1
  haListenPort: number
  haMasterAddress: string | undefined
  haSendHeartbeatInterval: number
  haHousekeepingInterval: number
  haTransferBatchSize: number
  haSlaveFallbehindMax: number
  /** mqlab opt-in: a slave reports its offset at once after connecting (RocketMQ waits haSendHeartbeatInterval). */
  mqlabHaReportOnConnect: boolean
  /** mqlab opt-in (set on the master): an empty slave gets everything, not just the master's last commitlog file. */
  mqlabHaCopyEverythingToEmptySlave: boolean
  slaveTimeout: number
  // --- DLedger (MessageStoreConfig; RocketMQ spells it "DLeger")
  enableDLegerCommitLog: boolean
  dLegerGroup: string | undefined
  dLegerPeers: string | undefined
  dLegerSelfId: string | undefined
  preferredLeaderId: string | undefined
  storePathDLedgerCommitLog: string | undefined
  /** mqlab-only: DLedger's heartbeat interval, missed-heartbeat count and vote pauses (DLedger's constants by default). */
  mqlabDLegerHeartBeatIntervalMs: number
  mqlabDLegerMaxHeartBeatLeak: number
  mqlabDLegerMinVoteIntervalMs: number
  mqlabDLegerMaxVoteIntervalMs: number
  enableControllerMode: boolean
}

/** RocketMQ 4.9's defaults, adjusted only where a default names this machine (IPs, home dir). */
export function defaultBrokerConfig(): BrokerConfig {
  const root = `${process.env.HOME ?? '.'}/store`
  return {
    brokerClusterName: 'DefaultCluster',
    brokerName: 'broker-a',
    brokerId: 0,
    brokerIP1: '127.0.0.1',
    brokerIP2: '127.0.0.1',
    namesrvAddr: undefined,
    brokerPermission: 6,
    autoCreateTopicEnable: true,
    autoCreateSubscriptionGroup: true,
    defaultTopicQueueNums: 8,
    clusterTopicEnable: true,
    brokerTopicEnable: true,
    traceTopicEnable: false,
    registerNameServerPeriod: 30_000,
    longPollingEnable: true,
    shortPollingTimeMills: 1000,
    notifyConsumerIdsChangedEnable: true,
    slaveReadEnable: false,
    offsetCheckInSlave: false,
    flushConsumerOffsetInterval: 5000,
    listenPort: 10911,
    serverChannelMaxIdleTimeSeconds: 120,
    brokerRole: 'ASYNC_MASTER',
    flushDiskType: 'ASYNC_FLUSH',
    storePathRootDir: root,
    storePathCommitLog: `${root}/commitlog`,
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
    messageDelayLevel: '1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h',
    messageIndexEnable: true,
    maxHashSlotNum: 5_000_000,
    maxIndexNum: 5_000_000 * 4,
    maxMsgsNumBatch: 64,
    defaultQueryMaxNum: 32,
    haListenPort: 10912,
    haMasterAddress: undefined,
    haSendHeartbeatInterval: 5000,
    haHousekeepingInterval: 20_000,
    haTransferBatchSize: 32 * 1024,
    haSlaveFallbehindMax: 256 * 1024 * 1024,
    mqlabHaReportOnConnect: false,
    mqlabHaCopyEverythingToEmptySlave: false,
    slaveTimeout: 3000,
    enableDLegerCommitLog: false,
    dLegerGroup: undefined,
    dLegerPeers: undefined,
    dLegerSelfId: undefined,
    preferredLeaderId: undefined,
    storePathDLedgerCommitLog: undefined,
    mqlabDLegerHeartBeatIntervalMs: 2000,
    mqlabDLegerMaxHeartBeatLeak: 3,
    mqlabDLegerMinVoteIntervalMs: 300,
    mqlabDLegerMaxVoteIntervalMs: 1000,
    enableControllerMode: false,
  }
}
