import type {RemotingServer, RequestProcessor} from '../remoting/remoting-server.js'
import {RequestCode} from '../remoting/request-code.js'
import type {BrokerContext} from './broker-context.js'
import {processGetBrokerConfig, processGetBrokerRuntimeInfo} from './processor/broker-info-processor.js'
import {processCheckClientConfig, processHeartbeat, processUnregisterClient} from './processor/client-manage-processor.js'
import {processGetConsumerListByGroup, processQueryConsumerOffset, processUpdateConsumerOffset} from './processor/consumer-manage-processor.js'
import {processConsumerSendMsgBack} from './processor/consumer-send-msg-back-processor.js'
import {processGetHaStatus} from './processor/ha-status-processor.js'
import {processLockBatchMQ, processUnlockBatchMQ} from './processor/lock-batch-processor.js'
import {
  processGetAllConsumerOffset,
  processGetAllDelayOffset,
  processGetEarliestMsgStoretime,
  processGetMaxOffset,
  processGetMinOffset,
  processSearchOffsetByTimestamp,
} from './processor/offset-query-processor.js'
import {processPullMessage} from './processor/pull-message-processor.js'
import {processQueryMessage, processViewMessageById} from './processor/query-message-processor.js'
import {
  processGetConsumeStats,
  processGetSystemTopicListFromBroker,
  processGetTopicStatsInfo,
  processQueryTopicConsumeByWho,
  processViewBrokerStatsData,
} from './processor/admin-stats-processor.js'
import {processGetConsumerConnectionList, processGetProducerConnectionList} from './processor/connection-processor.js'
import {processInvokeBrokerToResetOffset} from './processor/reset-offset-processor.js'
import {processUpdateBrokerConfig} from './processor/update-broker-config-processor.js'
import {processSendMessage} from './processor/send-message-processor.js'
import {
  processDeleteSubscriptionGroup,
  processGetAllSubscriptionGroup,
  processUpdateAndCreateSubscriptionGroup,
} from './processor/subscription-group-admin-processor.js'
import {processDeleteTopic, processGetAllTopicConfig, processUpdateAndCreateTopic} from './processor/topic-admin-processor.js'

/** A broker processor: a plain function of the request, its connection and the broker's context. */
export type BrokerProcessor = (...args: [...Parameters<RequestProcessor>, BrokerContext]) => ReturnType<RequestProcessor>

/** Which processor serves which request code (BrokerController.registerProcessor). */
export const BROKER_PROCESSORS: ReadonlyArray<readonly [number, BrokerProcessor]> = [
  [RequestCode.SEND_MESSAGE, processSendMessage],
  [RequestCode.SEND_MESSAGE_V2, processSendMessage],
  [RequestCode.SEND_BATCH_MESSAGE, processSendMessage],
  [RequestCode.CONSUMER_SEND_MSG_BACK, processConsumerSendMsgBack],
  [RequestCode.PULL_MESSAGE, (req, conn, ctx) => processPullMessage(req, conn, ctx)],
  [RequestCode.VIEW_MESSAGE_BY_ID, processViewMessageById],
  [RequestCode.HEART_BEAT, processHeartbeat],
  [RequestCode.UNREGISTER_CLIENT, processUnregisterClient],
  [RequestCode.CHECK_CLIENT_CONFIG, processCheckClientConfig],
  [RequestCode.GET_CONSUMER_LIST_BY_GROUP, processGetConsumerListByGroup],
  [RequestCode.UPDATE_CONSUMER_OFFSET, processUpdateConsumerOffset],
  [RequestCode.QUERY_CONSUMER_OFFSET, processQueryConsumerOffset],
  [RequestCode.UPDATE_AND_CREATE_TOPIC, processUpdateAndCreateTopic],
  [RequestCode.DELETE_TOPIC_IN_BROKER, processDeleteTopic],
  [RequestCode.GET_ALL_TOPIC_CONFIG, processGetAllTopicConfig],
  [RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, processUpdateAndCreateSubscriptionGroup],
  [RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, processGetAllSubscriptionGroup],
  [RequestCode.GET_MAX_OFFSET, processGetMaxOffset],
  [RequestCode.GET_MIN_OFFSET, processGetMinOffset],
  [RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, processSearchOffsetByTimestamp],
  [RequestCode.GET_EARLIEST_MSG_STORETIME, processGetEarliestMsgStoretime],
  [RequestCode.GET_ALL_CONSUMER_OFFSET, processGetAllConsumerOffset],
  [RequestCode.GET_ALL_DELAY_OFFSET, processGetAllDelayOffset],
  [RequestCode.GET_BROKER_RUNTIME_INFO, processGetBrokerRuntimeInfo],
  [RequestCode.GET_BROKER_CONFIG, processGetBrokerConfig],
  [RequestCode.UPDATE_BROKER_CONFIG, processUpdateBrokerConfig],
  [RequestCode.LOCK_BATCH_MQ, processLockBatchMQ],
  [RequestCode.UNLOCK_BATCH_MQ, processUnlockBatchMQ],
  [RequestCode.QUERY_MESSAGE, processQueryMessage],
  [RequestCode.DELETE_SUBSCRIPTIONGROUP, processDeleteSubscriptionGroup],
  [RequestCode.GET_TOPIC_STATS_INFO, processGetTopicStatsInfo],
  [RequestCode.GET_CONSUME_STATS, processGetConsumeStats],
  [RequestCode.GET_CONSUMER_CONNECTION_LIST, processGetConsumerConnectionList],
  [RequestCode.GET_PRODUCER_CONNECTION_LIST, processGetProducerConnectionList],
  [RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, processGetSystemTopicListFromBroker],
  [RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, processQueryTopicConsumeByWho],
  [RequestCode.VIEW_BROKER_STATS_DATA, processViewBrokerStatsData],
  [RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, processInvokeBrokerToResetOffset],
  [RequestCode.MQLAB_GET_HA_STATUS, processGetHaStatus],
]

/**
 * Registers the broker's processors on a server. The fast (VIP) server on listenPort − 2 serves the
 * same codes except PULL_MESSAGE, as RocketMQ's BrokerController does.
 */
export function registerBrokerProcessors(server: RemotingServer, ctx: BrokerContext, options: {fastChannel: boolean}): void {
  for (const [code, processor] of BROKER_PROCESSORS) {
    if (options.fastChannel && code === RequestCode.PULL_MESSAGE) continue
    server.registerProcessor(code, (request, connection) => processor(request, connection, ctx))
  }
}
