/**
 * mqlab's RocketMQ 4.x client: what the `send`, `consume`, `topic`, `cluster` commands and the bench
 * call. Works against mqlab's runtime or any Apache RocketMQ 4.x cluster through its name servers.
 */
export {MQAdmin, type CreateTopicOptions, type CreateTopicResult, type CreateTopicBrokerOutcome} from './admin/mq-admin.js'
export type {ClusterListRow} from './admin/cluster-list.js'
export {collectReplication, type ReplicationReportOptions} from './admin/ha-admin.js'
export {buildReplicationReport, type ReplicationReport, type ReplicationGroup, type ReplicationMaster, type ReplicationSlave, type SlaveReplicationStatus} from './admin/ha-replication-report.js'
export {fetchHaSample, type BrokerHaSample} from './admin/ha-status-fetch.js'
export {MQClientError, MQBrokerError, errorStatus, type MQClientErrorCode} from './client-errors.js'
export {parseNamesrvAddrList, type ClientOptions} from './client-options.js'
export {Consumer, type ConsumeOptions} from './consumer/consumer.js'
export type {ConsumeResult, ConsumeSummary, ConsumeStopReason, QueueProgress} from './consumer/consume-report.js'
export type {ConsumedMessage} from './consumer/consumed-message.js'
export {MQClientInstance} from './mq-client-instance.js'
export {generateMessages, type MessageTemplate} from './producer/message-generator.js'
export type {OutgoingMessage} from './producer/outgoing-message.js'
export {Producer, type ProducerOptions, type SendRunOptions} from './producer/producer.js'
export type {SendAttempt, SendReport, SendRunResult} from './producer/send-report.js'
export type {SendStatus} from './producer/send-status.js'
export {summarizeLatencies, percentileOfSorted, type LatencySummary} from './stats/latency-stats.js'
export {summarizeRun, throughput, type RunSample, type RunStats} from './stats/run-stats.js'

/** For --help and README: the one place mqlab's client deliberately differs from RocketMQ's. */
export {ROUTE_REFRESH_NOTE} from './route-refresh-note.js'
