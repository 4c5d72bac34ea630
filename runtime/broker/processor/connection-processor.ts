/**
 * Who is connected (AdminBrokerProcessor.getConsumerConnectionList / getProducerConnectionList): the
 * connections of a consumer or producer group as this broker sees them, with each client's id,
 * address, language and version (`mqadmin consumerConnection / producerConnection`).
 */
import {encodeConsumerConnection, encodeProducerConnection, type Connection} from '../../remoting/body/connection.js'
import type {SubscriptionData} from '../../remoting/body/subscription-data.js'
import {decodeGetConsumerConnectionListRequestHeader} from '../../remoting/header/get-consumer-connection-list-request-header.js'
import {decodeGetProducerConnectionListRequestHeader} from '../../remoting/header/get-producer-connection-list-request-header.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {ClientChannelInfo} from '../client/client-channel-info.js'
import type {BrokerContext} from '../broker-context.js'

function connectionOf(info: ClientChannelInfo): Connection {
  return {clientId: info.clientId, clientAddr: info.channel.remoteAddress, language: info.language, version: info.version}
}

/** GET_CONSUMER_CONNECTION_LIST (203); CONSUMER_NOT_ONLINE when the group has no connection here. */
export function processGetConsumerConnectionList(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const {consumerGroup} = decodeGetConsumerConnectionListRequestHeader(request.extFields)
  const info = ctx.consumerManager.getConsumerGroupInfo(consumerGroup)
  if (!info) return createResponse(request, ResponseCode.CONSUMER_NOT_ONLINE, `the consumer group[${consumerGroup}] not online`)
  const subscriptionTable: Record<string, SubscriptionData> = {}
  for (const [topic, sub] of info.subscriptions) subscriptionTable[topic] = sub
  const body = encodeConsumerConnection({
    connectionSet: [...info.channels.values()].map(connectionOf),
    subscriptionTable,
    consumeType: info.consumeType,
    messageModel: info.messageModel,
    consumeFromWhere: info.consumeFromWhere,
  })
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, body)
}

/** GET_PRODUCER_CONNECTION_LIST (204); SYSTEM_ERROR when the group is unknown here. */
export function processGetProducerConnectionList(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const {producerGroup} = decodeGetProducerConnectionListRequestHeader(request.extFields)
  if (!ctx.producerManager.groupNames().includes(producerGroup)) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, `the producer group[${producerGroup}] not exist`)
  }
  const body = encodeProducerConnection(ctx.producerManager.getGroupChannels(producerGroup).map(connectionOf))
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, body)
}
