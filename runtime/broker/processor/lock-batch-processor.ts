import {decodeLockBatchRequestBody, encodeLockBatchResponseBody} from '../../remoting/body/lock-batch-request-body.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'

/** LOCK_BATCH_MQ (41): locks queues for an orderly consumer; the body lists those it now owns. */
export function processLockBatchMQ(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const body = decodeLockBatchRequestBody(request.body)
  const locked = ctx.rebalanceLockManager.tryLockBatch(body.consumerGroup, body.mqSet, body.clientId)
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeLockBatchResponseBody(locked))
}

/** UNLOCK_BATCH_MQ (42): releases the client's queue locks. */
export function processUnlockBatchMQ(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const body = decodeLockBatchRequestBody(request.body)
  ctx.rebalanceLockManager.unlockBatch(body.consumerGroup, body.mqSet, body.clientId)
  return createResponse(request, ResponseCode.SUCCESS)
}
