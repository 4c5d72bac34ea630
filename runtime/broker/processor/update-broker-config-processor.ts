import {brokerConfigKeys} from '../../config/broker-config-keys.js'
import {parseConfigValue} from '../../config/config-value.js'
import {parseProperties} from '../../config/properties-parser.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'

/** Keys UPDATE_BROKER_CONFIG refuses (AdminBrokerProcessor's configBlackList, plus what must not change while running). */
const BLACK_LIST = new Set([
  'configBlackList',
  'brokerConfigPath',
  'rocketmqHome',
  'storePathRootDir',
  'storePathCommitLog',
  'listenPort',
  'brokerIP1',
  'brokerName',
  'brokerClusterName',
])

/**
 * UPDATE_BROKER_CONFIG (25) (AdminBrokerProcessor.updateBrokerConfig, `mqadmin updateBrokerConfig`):
 * the body is properties text; known keys are applied to the running broker (until restart — mqlab does
 * not rewrite the user's .properties file), unknown keys are ignored as RocketMQ ignores them. A
 * brokerPermission change bumps the topic data version and re-registers at once, so routes show it.
 */
export function processUpdateBrokerConfig(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const {entries, problems} = parseProperties(request.body?.toString('utf8') ?? '', 'UPDATE_BROKER_CONFIG body')
  const errors = problems.filter((p) => p.severity === 'error').map((p) => p.message)
  if (errors.length > 0) return createResponse(request, ResponseCode.SYSTEM_ERROR, `string2Properties error: ${errors.join('; ')}`)
  if (entries.some((e) => BLACK_LIST.has(e.key))) return createResponse(request, ResponseCode.NO_PERMISSION, 'Can not update config in black list.')
  const updates: Record<string, number | boolean | string> = {}
  for (const entry of entries) {
    const key = brokerConfigKeys.find((k) => k.name === entry.key || k.aliases?.includes(entry.key))
    if (!key || !(key.name in ctx.config)) {
      ctx.logger.warn(`updateBrokerConfig: ignoring unknown key ${entry.key}`)
      continue
    }
    const parsed = parseConfigValue(key, entry.value, process.cwd())
    const bad = parsed.problems.find((p) => p.severity === 'error')
    if (bad || parsed.value === undefined) return createResponse(request, ResponseCode.SYSTEM_ERROR, `${entry.key}: ${bad?.message ?? 'unusable value'}`)
    updates[key.name] = parsed.value
  }
  ctx.logger.info(`updateBrokerConfig ${JSON.stringify(updates)} called by ${connection.remoteAddress}`)
  Object.assign(ctx.config, updates)
  if ('brokerPermission' in updates) {
    ctx.topicConfigManager.bumpDataVersion()
    ctx.registerBrokerAll()
  }
  return createResponse(request, ResponseCode.SUCCESS)
}
