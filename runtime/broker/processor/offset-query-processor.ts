import {encodeConsumerOffsetSerializeWrapper} from '../../remoting/body/consumer-offset-serialize-wrapper.js'
import {decodeGetEarliestMsgStoretimeRequestHeader} from '../../remoting/header/get-earliest-msg-storetime-request-header.js'
import {encodeGetEarliestMsgStoretimeResponseHeader} from '../../remoting/header/get-earliest-msg-storetime-response-header.js'
import {decodeGetMaxOffsetRequestHeader} from '../../remoting/header/get-max-offset-request-header.js'
import {encodeGetMaxOffsetResponseHeader} from '../../remoting/header/get-max-offset-response-header.js'
import {decodeGetMinOffsetRequestHeader} from '../../remoting/header/get-min-offset-request-header.js'
import {encodeGetMinOffsetResponseHeader} from '../../remoting/header/get-min-offset-response-header.js'
import {decodeSearchOffsetRequestHeader} from '../../remoting/header/search-offset-request-header.js'
import {encodeSearchOffsetResponseHeader} from '../../remoting/header/search-offset-response-header.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'

/** GET_MAX_OFFSET (30): the next queue offset to be written. */
export function processGetMaxOffset(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const h = decodeGetMaxOffsetRequestHeader(request.extFields)
  const offset = ctx.store.getMaxOffsetInQueue(h.topic, h.queueId)
  return createResponse(request, ResponseCode.SUCCESS, undefined, encodeGetMaxOffsetResponseHeader({offset}))
}

/** GET_MIN_OFFSET (31): the first queue offset still stored. */
export function processGetMinOffset(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const h = decodeGetMinOffsetRequestHeader(request.extFields)
  const offset = ctx.store.getMinOffsetInQueue(h.topic, h.queueId)
  return createResponse(request, ResponseCode.SUCCESS, undefined, encodeGetMinOffsetResponseHeader({offset}))
}

/** SEARCH_OFFSET_BY_TIMESTAMP (29): the first queue offset stored at or after a time. */
export async function processSearchOffsetByTimestamp(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const h = decodeSearchOffsetRequestHeader(request.extFields)
  const offset = await ctx.store.getOffsetInQueueByTime(h.topic, h.queueId, h.timestamp)
  return createResponse(request, ResponseCode.SUCCESS, undefined, encodeSearchOffsetResponseHeader({offset}))
}

/** GET_EARLIEST_MSG_STORETIME (32): store time of the queue's first message (-1 when empty). */
export async function processGetEarliestMsgStoretime(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const h = decodeGetEarliestMsgStoretimeRequestHeader(request.extFields)
  const timestamp = await ctx.store.getEarliestMessageTime(h.topic, h.queueId)
  return createResponse(request, ResponseCode.SUCCESS, undefined, encodeGetEarliestMsgStoretimeResponseHeader({timestamp}))
}

/** GET_ALL_CONSUMER_OFFSET (43): the ConsumerOffsetSerializeWrapper JSON (slave ← master sync). */
export function processGetAllConsumerOffset(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const body = Buffer.from(encodeConsumerOffsetSerializeWrapper(ctx.consumerOffsetManager.buildSerializeWrapper()))
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, body)
}

/** GET_ALL_DELAY_OFFSET (45): the DelayOffsetSerializeWrapper JSON (slave ← master sync). */
export function processGetAllDelayOffset(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const body = Buffer.from(ctx.scheduleMessageService.encode())
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, body)
}
