import {encodeHaStatus} from '../../remoting/body/ha-status.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'

/**
 * MQLAB_GET_HA_STATUS (10201, mqlab's own): this broker's replication status as a HaStatus JSON body.
 * A broker without classic replication (DLedger mode) answers REQUEST_CODE_NOT_SUPPORTED, as a real
 * RocketMQ broker answers any code it does not know, so callers fall back to GET_BROKER_RUNTIME_INFO.
 */
export function processGetHaStatus(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const status = ctx.haStatus?.()
  if (!status) return createResponse(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, `request type ${request.code} not supported`)
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeHaStatus(status))
}
