/**
 * GET_NAMESRV_CONFIG (319) and UPDATE_NAMESRV_CONFIG (318), for `mqadmin getNamesrvConfig` /
 * `updateNamesrvConfig` (DefaultRequestProcessor.getConfig/updateConfig at 4.9.8). The config travels
 * as Java properties text, one `key=value` per line.
 */
import {parseSimpleProperties} from '../common/simple-properties.js'
import type {NamesrvConfig} from '../config/namesrv-config.js'
import {createResponse, type RemotingCommand} from '../remoting/remoting-command.js'
import {ResponseCode} from '../remoting/response-code.js'
import type {NamesrvContext} from './namesrv-context.js'

/** Keys RocketMQ refuses to change remotely (NamesrvConfig.configBlackList plus the fixed ones). */
const CONFIG_BLACK_LIST = new Set(['configBlackList', 'configStorePath', 'kvConfigPath', 'rocketmqHome'])

/** The config as properties text, keys sorted. */
export function namesrvConfigText(config: NamesrvConfig): string {
  return Object.keys(config)
    .sort()
    .filter((k) => config[k as keyof NamesrvConfig] !== undefined)
    .map((k) => `${k}=${String(config[k as keyof NamesrvConfig])}\n`)
    .join('')
}

/** GET_NAMESRV_CONFIG (319). */
export function getNamesrvConfig(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, Buffer.from(namesrvConfigText(ctx.config)))
}

/**
 * UPDATE_NAMESRV_CONFIG (318). Black-listed keys → NO_PERMISSION as in Java. Only settings that can
 * change while running are applied (orderMessageEnable); others are accepted and ignored, since a
 * port or bind address cannot change without a restart — edit the .properties file for those.
 */
export function updateNamesrvConfig(ctx: NamesrvContext, request: RemotingCommand): RemotingCommand {
  if (request.body === undefined) return createResponse(request, ResponseCode.SUCCESS)
  const props = parseSimpleProperties(request.body.toString('utf8'))
  for (const key of props.keys()) {
    if (CONFIG_BLACK_LIST.has(key)) return createResponse(request, ResponseCode.NO_PERMISSION, 'Can not update config in black list.')
  }
  const order = props.get('orderMessageEnable')
  if (order !== undefined) ctx.config.orderMessageEnable = order.toLowerCase() === 'true'
  ctx.logger.info(`namesrv config updated: ${[...props.keys()].join(', ')}`)
  return createResponse(request, ResponseCode.SUCCESS)
}
