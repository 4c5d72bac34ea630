/**
 * Registers every name-server request code on a remoting server (DefaultRequestProcessor's switch at
 * 4.9.8). As RocketMQ's name server, which registers that processor as its default and whose switch
 * returns null for a code it does not know, an unknown code gets no answer at all: the caller times out.
 */
import {RequestCode} from '../remoting/request-code.js'
import type {RemotingServer} from '../remoting/remoting-server.js'
import {deleteKVConfig, getKVConfig, getKVListByNamespace, putKVConfig} from './kv-config-request-processors.js'
import type {NamesrvContext} from './namesrv-context.js'
import {getNamesrvConfig, updateNamesrvConfig} from './namesrv-config-request-processors.js'
import {
  addWritePermOfBroker,
  deleteTopicInNamesrv,
  getBrokerClusterInfo,
  getRouteInfoByTopic,
  getTopicsByCluster,
  queryDataVersion,
  registerBroker,
  topicListResponse,
  unregisterBroker,
  wipeWritePermOfBroker,
} from './route-request-processors.js'

/** Registers the name server's processors on `server`. */
export function registerNamesrvProcessors(server: RemotingServer, ctx: NamesrvContext): void {
  const routes = ctx.routeInfoManager
  server.registerProcessor(RequestCode.PUT_KV_CONFIG, (req) => putKVConfig(ctx, req))
  server.registerProcessor(RequestCode.GET_KV_CONFIG, (req) => getKVConfig(ctx, req))
  server.registerProcessor(RequestCode.DELETE_KV_CONFIG, (req) => deleteKVConfig(ctx, req))
  server.registerProcessor(RequestCode.GET_KVLIST_BY_NAMESPACE, (req) => getKVListByNamespace(ctx, req))
  server.registerProcessor(RequestCode.QUERY_DATA_VERSION, (req) => queryDataVersion(ctx, req))
  server.registerProcessor(RequestCode.REGISTER_BROKER, (req, conn) => registerBroker(ctx, req, conn))
  server.registerProcessor(RequestCode.UNREGISTER_BROKER, (req) => unregisterBroker(ctx, req))
  server.registerProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, (req) => getRouteInfoByTopic(ctx, req))
  server.registerProcessor(RequestCode.GET_BROKER_CLUSTER_INFO, (req) => getBrokerClusterInfo(ctx, req))
  server.registerProcessor(RequestCode.WIPE_WRITE_PERM_OF_BROKER, (req, conn) => wipeWritePermOfBroker(ctx, req, conn))
  server.registerProcessor(RequestCode.ADD_WRITE_PERM_OF_BROKER, (req, conn) => addWritePermOfBroker(ctx, req, conn))
  server.registerProcessor(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, (req) => topicListResponse(req, routes.topicLists.getAllTopicList()))
  server.registerProcessor(RequestCode.DELETE_TOPIC_IN_NAMESRV, (req) => deleteTopicInNamesrv(ctx, req))
  server.registerProcessor(RequestCode.GET_TOPICS_BY_CLUSTER, (req) => getTopicsByCluster(ctx, req))
  server.registerProcessor(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, (req) => topicListResponse(req, routes.topicLists.getSystemTopicList()))
  server.registerProcessor(RequestCode.GET_UNIT_TOPIC_LIST, (req) => topicListResponse(req, routes.topicLists.getUnitTopics()))
  server.registerProcessor(RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, (req) => topicListResponse(req, routes.topicLists.getHasUnitSubTopicList()))
  server.registerProcessor(RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST, (req) => topicListResponse(req, routes.topicLists.getHasUnitSubUnUnitTopicList()))
  server.registerProcessor(RequestCode.UPDATE_NAMESRV_CONFIG, (req) => updateNamesrvConfig(ctx, req))
  server.registerProcessor(RequestCode.GET_NAMESRV_CONFIG, (req) => getNamesrvConfig(ctx, req))
  server.registerDefaultProcessor((req, conn) => {
    ctx.logger.debug(`${conn.remoteAddress}: request code ${req.code} not known; no answer, as RocketMQ's name server`)
    return undefined
  })
}
