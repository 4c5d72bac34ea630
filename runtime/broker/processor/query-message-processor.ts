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
