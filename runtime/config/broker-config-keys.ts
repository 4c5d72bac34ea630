/**
 * Every broker key mqlab models, with RocketMQ 4.9.8's type and default (apache/rocketmq tag
 * rocketmq-all-4.9.8: common/…/BrokerConfig.java, remoting/…/NettyServerConfig.java,
 * store/…/config/MessageStoreConfig.java, broker/…/BrokerStartup.java). Keys RocketMQ knows but mqlab does
 * not model are listed in rocketmq-unmodelled-keys.ts.
 */
import type {ConfigKey, ConfigKeyType} from './config-key.js'

type Extra = Partial<Pick<ConfigKey, 'values' | 'aliases' | 'min' | 'max' | 'origin' | 'modelled'>>
type Source = NonNullable<ConfigKey['source']>

function key(source: Source, name: string, type: ConfigKeyType, def: string | undefined, description: string, extra: Extra = {}): ConfigKey {
  return {name, type, default: def, description, source, origin: 'rocketmq', modelled: true, ...extra}
}

const B: Source = 'BrokerConfig'
const N: Source = 'NettyServerConfig'
const S: Source = 'MessageStoreConfig'

/** The broker keys mqlab reads, in the order generated files write them. */
export const brokerConfigKeys: readonly ConfigKey[] = [
  key(B, 'brokerClusterName', 'string', 'DefaultCluster', 'cluster this broker registers under'),
  key(B, 'brokerName', 'string', undefined, 'broker group name shared by a master and its slaves (RocketMQ default: the host name)'),
  key(B, 'brokerId', 'long', '0', '0 for the master, > 0 for a slave; masters are forced to 0', {min: -1}),
  key(S, 'brokerRole', 'enum', 'ASYNC_MASTER', 'ASYNC_MASTER, SYNC_MASTER (waits for a slave) or SLAVE', {values: ['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE']}),
  key(S, 'flushDiskType', 'enum', 'ASYNC_FLUSH', 'SYNC_FLUSH flushes before answering a send; ASYNC_FLUSH flushes in the background', {
    values: ['SYNC_FLUSH', 'ASYNC_FLUSH'],
  }),
  key(B, 'namesrvAddr', 'string', undefined, 'name servers to register with, host:port;host:port'),
  key(
    B,
    'brokerIP1',
    'string',
    undefined,
    'address advertised to clients (brokerIP1:listenPort); mqlab also binds it (RocketMQ default: a local interface address)',
  ),
  key(B, 'brokerIP2', 'string', undefined, 'address advertised for HA (brokerIP2:haListenPort); defaults to brokerIP1'),
  key(N, 'listenPort', 'int', '10911', 'client port; the fast channel is listenPort-2 and HA listenPort+1 (BrokerStartup sets 10911)', {min: 0, max: 65535}),
  key(S, 'haListenPort', 'int', undefined, 'master/slave replication port; RocketMQ 4.x forces it to listenPort+1', {min: 0, max: 65535}),
  key(S, 'storePathRootDir', 'path', undefined, 'root of the store: consumequeue/, index/, config/, checkpoint, abort, lock (RocketMQ default: ~/store)'),
  key(S, 'storePathCommitLog', 'path', undefined, 'commitlog directory; defaults to <storePathRootDir>/commitlog'),
  key(S, 'deleteWhen', 'string', '04', 'hours of day (00-23, ;-separated) at which expired files are deleted'),
  key(S, 'fileReservedTime', 'int', '72', 'hours a commitlog file is kept after its last write', {min: 1}),
  key(S, 'mappedFileSizeCommitLog', 'int', String(1024 * 1024 * 1024), 'size of one commitlog file in bytes', {aliases: ['mapedFileSizeCommitLog'], min: 4096}),
  key(S, 'mappedFileSizeConsumeQueue', 'int', String(300_000 * 20), 'size of one consume queue file in bytes (20 bytes per entry)', {
    aliases: ['mapedFileSizeConsumeQueue'],
    min: 20,
  }),
  key(S, 'maxMessageSize', 'int', String(1024 * 1024 * 4), 'largest message body accepted, in bytes', {min: 1}),
  key(B, 'autoCreateTopicEnable', 'bool', 'true', 'create a topic on its first send (through TBW102)'),
  key(B, 'defaultTopicQueueNums', 'int', '8', 'queues of TBW102, the cap for auto-created topics', {min: 1}),
  key(B, 'autoCreateSubscriptionGroup', 'bool', 'true', 'create a consumer group on its first use'),
  key(B, 'brokerPermission', 'int', '6', 'PermName bits: 4 read, 2 write, 1 inherit', {min: 0, max: 15}),
  key(B, 'clusterTopicEnable', 'bool', 'true', 'create a topic named after the cluster'),
  key(B, 'brokerTopicEnable', 'bool', 'true', 'create a topic named after the broker'),
  key(B, 'traceTopicEnable', 'bool', 'false', 'create the message trace topic'),
  key(B, 'registerNameServerPeriod', 'int', '30000', 'ms between registrations with the name servers (RocketMQ clamps to 10-60 s)', {min: 1}),
  key(B, 'longPollingEnable', 'bool', 'true', 'hold pulls that find nothing until a message arrives'),
  key(B, 'shortPollingTimeMills', 'long', '1000', 'ms a pull is held when long polling is off', {min: 0}),
  key(B, 'notifyConsumerIdsChangedEnable', 'bool', 'true', 'tell consumers when their group changes'),
  key(B, 'slaveReadEnable', 'bool', 'false', 'let consumers that fall far behind read from a slave'),
  key(S, 'offsetCheckInSlave', 'bool', 'false', 'let a slave correct a pull offset'),
  key(B, 'flushConsumerOffsetInterval', 'int', '5000', 'ms between writes of consumerOffset.json', {min: 1}),
  key(N, 'serverChannelMaxIdleTimeSeconds', 'int', '120', 'seconds before an idle client connection is closed', {min: 1}),
  key(S, 'flushIntervalCommitLog', 'int', '500', 'ms between background commitlog flushes (ASYNC_FLUSH)', {min: 1}),
  key(S, 'flushIntervalConsumeQueue', 'int', '1000', 'ms between consume queue flushes', {min: 1}),
  key(S, 'syncFlushTimeout', 'int', '5000', 'ms a SYNC_FLUSH send waits before FLUSH_DISK_TIMEOUT', {min: 1}),
  key(S, 'diskMaxUsedSpaceRatio', 'int', '75', 'disk use (%) above which expired files are deleted early', {min: 1, max: 100}),
  key(S, 'checkCRCOnRecover', 'bool', 'true', 'check record CRCs while recovering the commitlog'),
  key(S, 'accessMessageInMemoryMaxRatio', 'int', '40', 'memory share (%) beyond which pulls are suggested to a slave', {min: 0, max: 100}),
  key(S, 'messageIndexEnable', 'bool', 'true', 'build the index files QUERY_MESSAGE searches (message keys and unique keys)'),
  key(S, 'maxHashSlotNum', 'int', '5000000', 'hash slots of one index file', {min: 1}),
  key(S, 'maxIndexNum', 'int', '20000000', 'entries of one index file', {min: 2}),
  key(S, 'maxMsgsNumBatch', 'int', '64', 'most messages one QUERY_MESSAGE returns', {min: 1}),
  key(S, 'defaultQueryMaxNum', 'int', '32', 'messages a query by unique key asks for', {min: 1}),
  key(S, 'messageDelayLevel', 'string', '1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h', 'delays of the 18 delay levels'),
  key(S, 'haMasterAddress', 'string', undefined, "a slave's master HA address; normally learnt from the name server"),
  key(S, 'haSendHeartbeatInterval', 'int', '5000', 'ms between slave offset reports and master heartbeats', {min: 1}),
  key(S, 'haHousekeepingInterval', 'int', '20000', 'ms without HA traffic before the connection is closed', {min: 1}),
  key(S, 'haTransferBatchSize', 'int', String(32 * 1024), 'largest HA transfer frame in bytes', {min: 1}),
  key(S, 'haSlaveFallbehindMax', 'int', String(256 * 1024 * 1024), 'bytes a slave may lag and still count as available', {min: 0}),
  key(
    S,
    'mqlabHaReportOnConnect',
    'bool',
    'false',
    'mqlab only (RocketMQ ignores it): a slave reports its offset at once after connecting, not after haSendHeartbeatInterval, so a SYNC_MASTER has no FLUSH_SLAVE_TIMEOUT window',
    {origin: 'mqlab'},
  ),
  key(
    S,
    'mqlabHaCopyEverythingToEmptySlave',
    'bool',
    'false',
    'mqlab only (RocketMQ ignores it): a master sends an empty slave everything it holds, not just its last commitlog file',
    {origin: 'mqlab'},
  ),
  key(S, 'slaveTimeout', 'int', '3000', 'ms a SYNC_MASTER send waits for its slave before FLUSH_SLAVE_TIMEOUT', {min: 1}),
  key(S, 'enableDLegerCommitLog', 'bool', 'false', 'DLedger mode: a raft group elects the master (RocketMQ spells it DLeger)'),
  key(S, 'dLegerGroup', 'string', undefined, 'raft group name; RocketMQ advises the brokerName'),
  key(S, 'dLegerPeers', 'string', undefined, 'raft members, n0-host:port;n1-host:port;n2-host:port (identical on every member)'),
  key(S, 'dLegerSelfId', 'string', undefined, "this member's id in dLegerPeers, e.g. n0"),
  key(S, 'preferredLeaderId', 'string', undefined, 'member to hand leadership to when it is healthy'),
  key(S, 'storePathDLedgerCommitLog', 'path', undefined, 'raft log directory; defaults to <storePathRootDir>/dledger-<selfId>'),
  // mqlab-only lab keys: DLedger's timings are constants of DLedgerConfig that RocketMQ 4.9.8 does not
  // expose; these shorten them for experiments (a RocketMQ broker ignores them; `validate` says so).
  key(S, 'mqlabDLegerHeartBeatIntervalMs', 'int', '2000', 'mqlab only: DLedger heartbeat interval (DLedger fixes 2000 ms)', {origin: 'mqlab', min: 10}),
  key(S, 'mqlabDLegerMaxHeartBeatLeak', 'int', '3', 'mqlab only: missed heartbeats before a new election (DLedger fixes 3)', {origin: 'mqlab', min: 1}),
  key(S, 'mqlabDLegerMinVoteIntervalMs', 'int', '300', 'mqlab only: shortest pause between vote rounds (DLedger fixes 300 ms)', {origin: 'mqlab', min: 1}),
  key(S, 'mqlabDLegerMaxVoteIntervalMs', 'int', '1000', 'mqlab only: longest pause between vote rounds (DLedger fixes 1000 ms)', {origin: 'mqlab', min: 2}),
  key(S, 'enableControllerMode', 'bool', 'false', 'RocketMQ 5 controller mode; RocketMQ 4.9 does not have it', {origin: 'rocketmq-5'}),
]
