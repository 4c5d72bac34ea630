import {decodeQueryMessageRequestHeader} from '../../remoting/header/query-message-request-header.js'
import {encodeQueryMessageResponseHeader} from '../../remoting/header/query-message-response-header.js'
import {decodeViewMessageRequestHeader} from '../../remoting/header/view-message-request-header.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'

/**
 * VIEW_MESSAGE_BY_ID (33) (QueryMessageProcessor.viewMessageById): the client decodes the offset msg id
 * and sends its commitlog offset; the body is the whole stored record.
 */
export async function processViewMessageById(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const h = decodeViewMessageRequestHeader(request.extFields)
  const record = await ctx.store.lookMessageByOffset(h.offset)
  if (!record) return createResponse(request, ResponseCode.SYSTEM_ERROR, `can not find message by the offset, ${h.offset}`)
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, record)
}

/** MixAll.UNIQUE_MSG_QUERY_FLAG: the extField a query by unique key (msgId) adds. */
export const UNIQUE_MSG_QUERY_FLAG = '_UNIQUE_KEY_QUERY'

/**
 * QUERY_MESSAGE (12) (QueryMessageProcessor.queryMessage): records of a topic indexed under a key and
 * stored in [beginTimestamp, endTimestamp], concatenated; QUERY_NOT_FOUND when none. A query by unique
 * key asks for defaultQueryMaxNum. Masters and slaves answer alike: each indexes what it stores.
 */
export async function processQueryMessage(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const h = decodeQueryMessageRequestHeader(request.extFields)
  const maxNum = request.extFields?.[UNIQUE_MSG_QUERY_FLAG] === 'true' ? ctx.config.defaultQueryMaxNum : h.maxNum
  const r = ctx.store.queryMessage
    ? await ctx.store.queryMessage(h.topic, h.key, maxNum, h.beginTimestamp, h.endTimestamp)
    : {messages: [], indexLastUpdateTimestamp: 0, indexLastUpdatePhyoffset: 0}
  const fields = encodeQueryMessageResponseHeader({indexLastUpdateTimestamp: r.indexLastUpdateTimestamp, indexLastUpdatePhyoffset: r.indexLastUpdatePhyoffset})
  if (r.messages.length > 0) return createResponse(request, ResponseCode.SUCCESS, undefined, fields, Buffer.concat(r.messages))
  return createResponse(request, ResponseCode.QUERY_NOT_FOUND, 'can not find message, maybe time range not correct', fields)
}
