/**
 * Keys RocketMQ 4.9.8 reads that mqlab accepts but gives no effect (thread pools, queue capacities,
 * commercial and filter switches, transient store pool, …). Listed so a file copied from a real
 * deployment validates without "unknown key" noise; `mqlab validate` warns that they are ignored.
 *
 * Source: apache/rocketmq tag rocketmq-all-4.9.8 — the setter names of BrokerConfig, NettyServerConfig,
 * NettyClientConfig, MessageStoreConfig and NamesrvConfig (MixAll.properties2Object turns `setFooBar` into
 * key `fooBar`), and BrokerStartup.properties2SystemEnv for the two address-server keys.
 */
import type {ConfigKey, ConfigKeyType} from './config-key.js'

type Source = NonNullable<ConfigKey['source']>

function expand(source: Source, spec: string): ConfigKey[] {
  return spec
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const [name, type] = item.split(':') as [string, ConfigKeyType]
      return {name, type, description: `RocketMQ ${source} key; mqlab's runtime ignores it`, origin: 'rocketmq', source, modelled: false}
    })
}

const brokerConfigSpec = [
  'traceOn:bool startAcceptSendRequestTimeStamp:long waitTimeMillsInSendQueue:long',
  'consumerFallbehindThreshold:long brokerFastFailureEnable:bool waitTimeMillsInPullQueue:long',
  'disableConsumeIfConsumerReadSlowly:bool registerBrokerTimeoutMills:int regionId:string',
  'transferMsgByHeap:bool messageStorePlugIn:string highSpeedMode:bool rocketmqHome:string',
  'sendMessageThreadPoolNums:int putMessageFutureThreadPoolNums:int pullMessageThreadPoolNums:int',
  'processReplyMessageThreadPoolNums:int queryMessageThreadPoolNums:int adminBrokerThreadPoolNums:int',
  'flushConsumerOffsetHistoryInterval:int rejectTransactionMessage:bool',
  'fetchNamesrvAddrByAddressServer:bool sendThreadPoolQueueCapacity:int putThreadPoolQueueCapacity:int',
  'pullThreadPoolQueueCapacity:int replyThreadPoolQueueCapacity:int queryThreadPoolQueueCapacity:int',
  'filterServerNums:int clientManageThreadPoolNums:int commercialEnable:bool commercialTimerCount:int',
  'commercialTransCount:int commercialBigCount:int maxDelayTime:int',
  'clientManagerThreadPoolQueueCapacity:int consumerManagerThreadPoolQueueCapacity:int',
  'consumerManageThreadPoolNums:int commercialBaseCount:int enableCalcFilterBitMap:bool',
  'expectConsumerNumUseFilter:int maxErrorRateOfBloomFilter:int filterDataCleanTimeSpan:long',
  'filterSupportRetry:bool enablePropertyFilter:bool compressedRegister:bool forceRegister:bool',
  'heartbeatThreadPoolQueueCapacity:int heartbeatThreadPoolNums:int waitTimeMillsInHeartbeatQueue:long',
  'transactionTimeOut:long transactionCheckMax:int transactionCheckInterval:long',
  'endTransactionThreadPoolNums:int endTransactionPoolQueueCapacity:int',
  'waitTimeMillsInTransactionQueue:long msgTraceTopicName:string aclEnable:bool',
  'storeReplyMessageEnable:bool enableDetailStat:bool autoDeleteUnusedStats:bool isolateLogEnable:bool',
  'configBlackList:string',
].join(' ')

const nettyServerConfigSpec = [
  'serverWorkerThreads:int serverSelectorThreads:int serverOnewaySemaphoreValue:int',
  'serverCallbackExecutorThreads:int serverAsyncSemaphoreValue:int serverSocketSndBufSize:int',
  'serverSocketRcvBufSize:int serverSocketBacklog:int serverPooledByteBufAllocatorEnable:bool',
  'useEpollNativeSelector:bool writeBufferLowWaterMark:int writeBufferHighWaterMark:int',
].join(' ')

const nettyClientConfigSpec = [
  'clientCloseSocketIfTimeout:bool clientWorkerThreads:int clientOnewaySemaphoreValue:int',
  'connectTimeoutMillis:int clientCallbackExecutorThreads:int channelNotActiveInterval:long',
  'clientAsyncSemaphoreValue:int clientChannelMaxIdleTimeSeconds:int clientSocketSndBufSize:int',
  'clientSocketRcvBufSize:int clientPooledByteBufAllocatorEnable:bool useTLS:bool',
].join(' ')

const messageStoreConfigSpec = [
  'debugLockEnable:bool duplicationEnable:bool osPageCacheBusyTimeOutMills:long diskFallRecorded:bool',
  'warmMapedFileEnable:bool enableConsumeQueueExt:bool mappedFileSizeConsumeQueueExt:int',
  'bitMapLengthConsumeQueueExt:int putMsgIndexHightWater:int cleanResourceInterval:int',
  'deleteCommitLogFilesInterval:int deleteConsumeQueueFilesInterval:int',
  'maxTransferBytesOnMessageInMemory:int maxTransferCountOnMessageInMemory:int',
  'maxTransferBytesOnMessageInDisk:int maxTransferCountOnMessageInDisk:int',
  'flushCommitLogLeastPages:int flushConsumeQueueLeastPages:int flushCommitLogThoroughInterval:int',
  'flushConsumeQueueThoroughInterval:int destroyMapedFileIntervalForcibly:int',
  'redeleteHangedFileInterval:int',
  'flushDelayOffsetInterval:long cleanFileForciblyEnable:bool',
  'messageIndexSafe:bool flushCommitLogTimed:bool flushLeastPagesWhenWarmMapedFile:int',
  'transientStorePoolEnable:bool transientStorePoolSize:int',
  'commitIntervalCommitLog:int fastFailIfNoBufferInStorePool:bool useReentrantLockWhenPutMessage:bool',
  'commitCommitLogLeastPages:int commitCommitLogThoroughInterval:int',
  'readOnlyCommitLogStorePaths:string enableBatchPush:bool enableScheduleMessageStats:bool',
  'enableLmq:bool enableMultiDispatch:bool maxLmqConsumeQueueNum:int enableScheduleAsyncDeliver:bool',
  'scheduleAsyncDeliverMaxPendingLimit:int scheduleAsyncDeliverMaxResendNum2Blocked:int',
].join(' ')

const namesrvConfigSpec = ['rocketmqHome:string productEnvName:string clusterTest:bool configStorePath:string', 'configBlackList:string'].join(' ')

/** RocketMQ 4.9.8 broker keys that mqlab does not model. */
export const brokerUnmodelledKeys: readonly ConfigKey[] = [
  ...expand('BrokerConfig', brokerConfigSpec),
  ...expand('NettyServerConfig', nettyServerConfigSpec),
  ...expand('NettyClientConfig', nettyClientConfigSpec),
  ...expand('MessageStoreConfig', messageStoreConfigSpec),
  {
    name: 'rmqAddressServerDomain',
    type: 'string',
    description: 'address server domain (BrokerStartup system property); mqlab ignores it',
    origin: 'rocketmq',
    modelled: false,
  },
  {
    name: 'rmqAddressServerSubGroup',
    type: 'string',
    description: 'address server sub-group (BrokerStartup system property); mqlab ignores it',
    origin: 'rocketmq',
    modelled: false,
  },
]

/** RocketMQ 4.9.8 name server keys that mqlab does not model. */
export const namesrvUnmodelledKeys: readonly ConfigKey[] = [
  ...expand('NamesrvConfig', namesrvConfigSpec),
  ...expand('NettyServerConfig', nettyServerConfigSpec),
]
