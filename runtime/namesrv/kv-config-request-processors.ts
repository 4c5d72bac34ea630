/**
 * Request processors for the KV config (DefaultRequestProcessor at 4.9.8): PUT_KV_CONFIG,
 * GET_KV_CONFIG (not found → QUERY_NOT_FOUND 22), DELETE_KV_CONFIG, GET_KVLIST_BY_NAMESPACE.
 */
import {encodeKVTable} from '../remoting/body/kv-table.js'
import {decodeDeleteKVConfigRequestHeader} from '../remoting/header/delete-kv-config-request-header.js'
import {decodeGetKVConfigRequestHeader} from '../remoting/header/get-kv-config-request-header.js'
import {encodeGetKVConfigResponseHeader} from '../remoting/header/get-kv-config-response-header.js'
import {decodeGetKVListByNamespaceRequestHeader} from '../remoting/header/get-kv-list-by-namespace-request-header.js'
import {decodePutKVConfigRequestHeader} from '../remoting/header/put-kv-config-request-header.js'
import {createResponse, type RemotingCommand} from '../remoting/remoting-command.js'
import {ResponseCode} from '../remoting/response-code.js'
import type {NamesrvContext} from './namesrv-context.js'

/** PUT_KV_CONFIG (100). */
export function putKVConfig(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  const h = decodePutKVConfigRequestHeader(request.extFields)
  ctx.kvConfigManager.putKVConfig(h.namespace, h.key, h.value)
  return createResponse(request, ResponseCode.SUCCESS)
}

/** GET_KV_CONFIG (101). */
export function getKVConfig(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  const h = decodeGetKVConfigRequestHeader(request.extFields)
  const value = ctx.kvConfigManager.getKVConfig(h.namespace, h.key)
  if (value === undefined) {
    return createResponse(request, ResponseCode.QUERY_NOT_FOUND, `No config item, Namespace: ${h.namespace} Key: ${h.key}`)
  }
  return createResponse(request, ResponseCode.SUCCESS, undefined, encodeGetKVConfigResponseHeader({value}))
}

/** DELETE_KV_CONFIG (102). */
export function deleteKVConfig(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  const h = decodeDeleteKVConfigRequestHeader(request.extFields)
  ctx.kvConfigManager.deleteKVConfig(h.namespace, h.key)
  return createResponse(request, ResponseCode.SUCCESS)
}

/** GET_KVLIST_BY_NAMESPACE (219). */
export function getKVListByNamespace(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  const h = decodeGetKVListByNamespaceRequestHeader(request.extFields)
  const table = ctx.kvConfigManager.getKVListByNamespace(h.namespace)
  if (table === undefined) return createResponse(request, ResponseCode.QUERY_NOT_FOUND, `No config item, Namespace: ${h.namespace}`)
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeKVTable({table}))
}
