/**
 * Request processors for routing (DefaultRequestProcessor at 4.9.8): broker registration, routes,
 * cluster info, topic lists, topic deletion and write-permission changes. Each returns the response;
 * the remoting server stamps opaque, flag and serialize type. A missing header field throws
 * HeaderFieldError, which the server answers with SYSTEM_ERROR, as Java answers RemotingCommandException.
 */
import {crc32} from '../common/crc32.js'
import {encodeClusterInfo} from '../remoting/body/cluster-info.js'
import {dataVersionFromJson} from '../remoting/body/data-version.js'
import {encodeKVTable} from '../remoting/body/kv-table.js'
import {decodeRegisterBrokerBody, type RegisterBrokerBody} from '../remoting/body/register-broker-body.js'
import {encodeTopicList, type TopicList} from '../remoting/body/topic-list.js'
import {encodeTopicRouteData, routeJsonDialect} from '../remoting/body/topic-route-data.js'
import {encodeAddWritePermOfBrokerResponseHeader} from '../remoting/header/add-write-perm-of-broker-response-header.js'
import {decodeAddWritePermOfBrokerRequestHeader} from '../remoting/header/add-write-perm-of-broker-request-header.js'
import {decodeDeleteTopicFromNamesrvRequestHeader} from '../remoting/header/delete-topic-from-namesrv-request-header.js'
import {decodeGetRouteInfoRequestHeader} from '../remoting/header/get-route-info-request-header.js'
import {decodeGetTopicsByClusterRequestHeader} from '../remoting/header/get-topics-by-cluster-request-header.js'
import {decodeQueryDataVersionRequestHeader} from '../remoting/header/query-data-version-request-header.js'
import {encodeQueryDataVersionResponseHeader} from '../remoting/header/query-data-version-response-header.js'
import {decodeRegisterBrokerRequestHeader} from '../remoting/header/register-broker-request-header.js'
import {encodeRegisterBrokerResponseHeader} from '../remoting/header/register-broker-response-header.js'
import {decodeUnRegisterBrokerRequestHeader} from '../remoting/header/un-register-broker-request-header.js'
import {decodeWipeWritePermOfBrokerRequestHeader} from '../remoting/header/wipe-write-perm-of-broker-request-header.js'
import {encodeWipeWritePermOfBrokerResponseHeader} from '../remoting/header/wipe-write-perm-of-broker-response-header.js'
import {createResponse, type RemotingCommand} from '../remoting/remoting-command.js'
import type {RemotingConnection} from '../remoting/remoting-server.js'
import {ResponseCode} from '../remoting/response-code.js'
import {NAMESPACE_ORDER_TOPIC_CONFIG} from './kv-config-manager.js'
import type {NamesrvContext} from './namesrv-context.js'

/** FAQUrl.suggestTodo(FAQUrl.APPLY_TOPIC_URL), appended to TOPIC_NOT_EXIST remarks. */
const APPLY_TOPIC_TIP = '\nSee http://rocketmq.apache.org/docs/faq/ for further details.'

/** REGISTER_BROKER (103). */
export function registerBroker(ctx: NamesrvContext, request: RemotingCommand, connection: RemotingConnection): RemotingCommand {
  const header = decodeRegisterBrokerRequestHeader(request.extFields)
  if (header.bodyCrc32 !== undefined && header.bodyCrc32 !== 0) {
    if (crc32(request.body ?? Buffer.alloc(0)) !== header.bodyCrc32) {
      ctx.logger.warn(`register broker ${header.brokerAddr}: crc32 not match, from ${connection.remoteAddress}`)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, 'crc32 not match')
    }
  }
  let body: RegisterBrokerBody
  if (request.body !== undefined && request.body.length > 0) {
    try {
      body = decodeRegisterBrokerBody(request.body, header.compressed === true, ctx.clock())
    } catch (err) {
      throw new Error(`Failed to decode RegisterBrokerBody: ${(err as Error).message}`)
    }
  } else {
    body = {topicConfigSerializeWrapper: {topicConfigTable: {}, dataVersion: {timestamp: 0, counter: 0}}, filterServerList: []}
  }
  const isNew = ctx.routeInfoManager.queryBrokerTopicConfig(header.brokerAddr) === undefined
  const result = ctx.routeInfoManager.registerBroker({
    clusterName: header.clusterName,
    brokerAddr: header.brokerAddr,
    brokerName: header.brokerName,
    brokerId: header.brokerId,
    haServerAddr: header.haServerAddr,
    topicConfigWrapper: body.topicConfigSerializeWrapper,
    filterServerList: body.filterServerList,
    channel: connection,
  })
  if (isNew) {
    ctx.logger.info(
      `new broker registered: ${header.clusterName}/${header.brokerName} id ${header.brokerId} at ${header.brokerAddr} (HA ${header.haServerAddr})`,
    )
  }
  const orderConf = ctx.kvConfigManager.getKVListByNamespace(NAMESPACE_ORDER_TOPIC_CONFIG)
  return createResponse(
    request,
    ResponseCode.SUCCESS,
    undefined,
    encodeRegisterBrokerResponseHeader(result),
    orderConf === undefined ? undefined : encodeKVTable({table: orderConf}),
  )
}

/** UNREGISTER_BROKER (104). */
export function unregisterBroker(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  const h = decodeUnRegisterBrokerRequestHeader(request.extFields)
  ctx.routeInfoManager.unregisterBroker(h.clusterName, h.brokerAddr, h.brokerName, h.brokerId)
  ctx.logger.info(`broker unregistered: ${h.clusterName}/${h.brokerName} id ${h.brokerId} at ${h.brokerAddr}`)
  return createResponse(request, ResponseCode.SUCCESS)
}

/** GET_ROUTEINFO_BY_TOPIC (105): legacy route JSON for clients older than 4.9.4, standard JSON otherwise. */
export function getRouteInfoByTopic(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  const h = decodeGetRouteInfoRequestHeader(request.extFields)
  const route = ctx.routeInfoManager.pickupTopicRouteData(h.topic)
  if (route === undefined) {
    return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, `No topic route info in name server for the topic: ${h.topic}${APPLY_TOPIC_TIP}`)
  }
  if (ctx.config.orderMessageEnable) {
    const conf = ctx.kvConfigManager.getKVConfig(NAMESPACE_ORDER_TOPIC_CONFIG, h.topic)
    if (conf !== undefined) route.orderTopicConf = conf
  }
  const body = encodeTopicRouteData(route, routeJsonDialect(request.version, h.acceptStandardJsonOnly))
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, body)
}

/** GET_BROKER_CLUSTER_INFO (106): always fastjson's legacy form, as 4.9.8. */
export function getBrokerClusterInfo(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeClusterInfo(ctx.routeInfoManager.getAllClusterInfo()))
}

/** WIPE_WRITE_PERM_OF_BROKER (205). */
export function wipeWritePermOfBroker(ctx: NamesrvContext, request: RemotingCommand, connection: RemotingConnection): RemotingCommand {
  const h = decodeWipeWritePermOfBrokerRequestHeader(request.extFields)
  const count = ctx.routeInfoManager.wipeWritePermOfBroker(h.brokerName)
  ctx.logger.info(`wipe write perm of broker ${h.brokerName}, client ${connection.remoteAddress}, ${count} topics`)
  return createResponse(request, ResponseCode.SUCCESS, undefined, encodeWipeWritePermOfBrokerResponseHeader({wipeTopicCount: count}))
}

/** ADD_WRITE_PERM_OF_BROKER (327). */
export function addWritePermOfBroker(ctx: NamesrvContext, request: RemotingCommand, connection: RemotingConnection): RemotingCommand {
  const h = decodeAddWritePermOfBrokerRequestHeader(request.extFields)
  const count = ctx.routeInfoManager.addWritePermOfBroker(h.brokerName)
  ctx.logger.info(`add write perm of broker ${h.brokerName}, client ${connection.remoteAddress}, ${count} topics`)
  return createResponse(request, ResponseCode.SUCCESS, undefined, encodeAddWritePermOfBrokerResponseHeader({addTopicCount: count}))
}

/** DELETE_TOPIC_IN_NAMESRV (216). */
export function deleteTopicInNamesrv(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  const h = decodeDeleteTopicFromNamesrvRequestHeader(request.extFields)
  ctx.routeInfoManager.deleteTopic(h.topic, h.clusterName)
  return createResponse(request, ResponseCode.SUCCESS)
}

/** GET_TOPICS_BY_CLUSTER (224). */
export function getTopicsByCluster(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  const h = decodeGetTopicsByClusterRequestHeader(request.extFields)
  return topicListResponse(request, ctx.routeInfoManager.topicLists.getTopicsByCluster(h.cluster))
}

/** QUERY_DATA_VERSION (322): whether the broker's topic config changed; refreshes its liveness if not. */
export function queryDataVersion(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  const h = decodeQueryDataVersionRequestHeader(request.extFields)
  let parsed: unknown
  try {
    parsed = JSON.parse((request.body ?? Buffer.from('null')).toString('utf8'))
  } catch {
    parsed = undefined
  }
  const version = dataVersionFromJson(parsed)
  if (version === undefined) throw new Error('QUERY_DATA_VERSION body is not a DataVersion')
  const changed = ctx.routeInfoManager.isBrokerTopicConfigChanged(h.brokerAddr, version)
  if (!changed) ctx.routeInfoManager.updateBrokerInfoUpdateTimestamp(h.brokerAddr, ctx.clock())
  const held = ctx.routeInfoManager.queryBrokerTopicConfig(h.brokerAddr)
  const body = held === undefined ? undefined : Buffer.from(JSON.stringify({counter: held.counter, timestamp: held.timestamp}))
  return createResponse(request, ResponseCode.SUCCESS, undefined, encodeQueryDataVersionResponseHeader({changed}), body)
}

/** A SUCCESS response whose body is a TopicList. */
export function topicListResponse(request: RemotingCommand, list: TopicList): RemotingCommand {
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeTopicList(list))
}
