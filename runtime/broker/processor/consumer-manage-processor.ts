import {totalmem} from 'node:os'
import {encodeGetConsumerListByGroupResponseBody} from '../../remoting/body/get-consumer-list-by-group-response-body.js'
import {decodeGetConsumerListByGroupRequestHeader} from '../../remoting/header/get-consumer-list-by-group-request-header.js'
import {decodeQueryConsumerOffsetRequestHeader} from '../../remoting/header/query-consumer-offset-request-header.js'
import {encodeQueryConsumerOffsetResponseHeader} from '../../remoting/header/query-consumer-offset-response-header.js'
import {decodeUpdateConsumerOffsetRequestHeader} from '../../remoting/header/update-consumer-offset-request-header.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'

/** GET_CONSUMER_LIST_BY_GROUP (38): the client ids of the group's live consumers, or SYSTEM_ERROR when none. */
export function processGetConsumerListByGroup(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const h = decodeGetConsumerListByGroupRequestHeader(request.extFields)
  const ids = ctx.consumerManager.getConsumerGroupInfo(h.consumerGroup)?.getAllClientIds() ?? []
  if (ids.length === 0) {
    ctx.logger.warn(`getConsumerGroupInfo failed, ${h.consumerGroup} ${connection.remoteAddress}`)
    return createResponse(request, ResponseCode.SYSTEM_ERROR, `no consumer for this group, ${h.consumerGroup}`)
  }
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeGetConsumerListByGroupResponseBody({consumerIdList: ids}))
}

/** UPDATE_CONSUMER_OFFSET (15): stores the committed offset (kept in memory, flushed to consumerOffset.json). */
export function processUpdateConsumerOffset(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const h = decodeUpdateConsumerOffsetRequestHeader(request.extFields)
  ctx.consumerOffsetManager.commitOffset(connection.remoteAddress, h.consumerGroup, h.topic, h.queueId, h.commitOffset)
  return createResponse(request, ResponseCode.SUCCESS)
}

/**
 * QUERY_CONSUMER_OFFSET (14) (ConsumerManageProcessor.queryConsumerOffset): the committed offset; for a
 * group that never committed, 0 when the queue still starts at 0 and its first message is in memory
 * (so a new group reads a fresh queue from the start), otherwise QUERY_NOT_FOUND and the client
 * decides from its consumeFromWhere.
 */
export async function processQueryConsumerOffset(request: RemotingCommand, _connection: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const h = decodeQueryConsumerOffsetRequestHeader(request.extFields)
  const offset = ctx.consumerOffsetManager.queryOffset(h.consumerGroup, h.topic, h.queueId)
  if (offset >= 0) return createResponse(request, ResponseCode.SUCCESS, undefined, encodeQueryConsumerOffsetResponseHeader({offset}))
  const minOffset = ctx.store.getMinOffsetInQueue(h.topic, h.queueId)
  if (minOffset <= 0 && !(await checkInDiskByConsumeOffset(ctx, h.topic, h.queueId, 0))) {
    return createResponse(request, ResponseCode.SUCCESS, undefined, encodeQueryConsumerOffsetResponseHeader({offset: 0}))
  }
  return createResponse(request, ResponseCode.QUERY_NOT_FOUND, 'Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first')
}

/**
 * DefaultMessageStore.checkInDiskByConsumeOffset: whether the record at a queue offset is probably out of
 * the page cache — more than accessMessageInMemoryMaxRatio % of physical memory behind the commitlog's
 * end. A queue offset with no entry counts as "not on disk".
 */
export async function checkInDiskByConsumeOffset(ctx: BrokerContext, topic: string, queueId: number, queueOffset: number): Promise<boolean> {
  const phy = await ctx.store.getCommitLogOffsetInQueue(topic, queueId, queueOffset)
  if (phy < 0) return false
  const memory = totalmem() * (ctx.config.accessMessageInMemoryMaxRatio / 100)
  return ctx.store.getMaxPhyOffset() - phy > memory
}
