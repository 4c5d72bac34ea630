import {decodeDeleteSubscriptionGroupRequestHeader} from '../../remoting/header/delete-subscription-group-request-header.js'
import {subscriptionGroupConfigFromJson} from '../../remoting/body/subscription-group-config.js'
import {encodeSubscriptionGroupWrapper} from '../../remoting/body/subscription-group-wrapper.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'
import {SLAVE_REFUSES_CHANGES} from './topic-admin-processor.js'

/** UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200): body = SubscriptionGroupConfig JSON. */
export function processUpdateAndCreateSubscriptionGroup(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  if (ctx.config.brokerRole === 'SLAVE') return createResponse(request, ResponseCode.SYSTEM_ERROR, SLAVE_REFUSES_CHANGES)
  let config
  try {
    const parsed = JSON.parse(request.body?.toString('utf8') ?? '') as {groupName?: unknown}
    if (typeof parsed?.groupName !== 'string' || parsed.groupName === '') throw new Error('groupName is missing')
    config = subscriptionGroupConfigFromJson(parsed.groupName, parsed)
  } catch (error) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, `bad subscription group body: ${error instanceof Error ? error.message : String(error)}`)
  }
  ctx.logger.info(`updateAndCreateSubscriptionGroup ${config.groupName} called by ${connection.remoteAddress}`)
  ctx.subscriptionGroupManager.updateSubscriptionGroupConfig(config)
  return createResponse(request, ResponseCode.SUCCESS)
}

/** GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201): the SubscriptionGroupWrapper JSON. */
export function processGetAllSubscriptionGroup(request: RemotingCommand, _connection: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const body = Buffer.from(encodeSubscriptionGroupWrapper(ctx.subscriptionGroupManager.buildSerializeWrapper()))
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, body)
}

/**
 * DELETE_SUBSCRIPTIONGROUP (207) (AdminBrokerProcessor.deleteSubscriptionGroup): forgets the group's
 * configuration and, with removeOffset, its committed offsets; refused on a slave.
 */
export function processDeleteSubscriptionGroup(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  if (ctx.config.brokerRole === 'SLAVE') return createResponse(request, ResponseCode.SYSTEM_ERROR, SLAVE_REFUSES_CHANGES)
  const h = decodeDeleteSubscriptionGroupRequestHeader(request.extFields)
  ctx.logger.info(`deleteSubscriptionGroup ${h.groupName} called by ${connection.remoteAddress}`)
  ctx.subscriptionGroupManager.deleteSubscriptionGroupConfig(h.groupName)
  if (h.removeOffset === true) ctx.consumerOffsetManager.removeOffset(h.groupName)
  ctx.stats.table.onGroupDeleted(h.groupName)
  return createResponse(request, ResponseCode.SUCCESS)
}
