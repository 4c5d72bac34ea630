import {statfsSync} from 'node:fs'
import type {BrokerConfig} from '../../config/broker-config.js'
import {decodeMessage} from '../../message/message-decoder.js'
import {encodeKVTable} from '../../remoting/body/kv-table.js'
import {encodeGetBrokerConfigResponseHeader} from '../../remoting/header/get-broker-config-response-header.js'
import {createResponse, MQLAB_VERSION, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {BrokerContext} from '../broker-context.js'
import {runtimeInfoExtras} from './runtime-info-extras.js'

/** MQVersion.getVersionDesc(409). */
export const BROKER_VERSION_DESC = 'V4_9_8'

/**
 * GET_BROKER_RUNTIME_INFO (28) (AdminBrokerProcessor.prepareRuntimeInfo): a KVTable with the store's
 * figures, the message counters and every key `mqadmin clusterList` reads, plus what other broker
 * services (replication) contribute.
 */
export async function processGetBrokerRuntimeInfo(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const table = await buildRuntimeInfo(ctx)
  return createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeKVTable({table}))
}

/** The runtime-info table. */
export async function buildRuntimeInfo(ctx: BrokerContext): Promise<Record<string, string>> {
  const store = ctx.store.getRuntimeInfo()
  const table: Record<string, string> = {...ctx.stats.runtimeInfo(), ...store}
  table.brokerVersionDesc = BROKER_VERSION_DESC
  table.brokerVersion = String(MQLAB_VERSION)
  table.commitLogMinOffset ??= String(ctx.store.getMinPhyOffset())
  table.commitLogMaxOffset ??= String(ctx.store.getMaxPhyOffset())
  table.runtime ??= formatRuntime(ctx.clock() - ctx.bootTimestamp)
  table.bootTimestamp ??= String(ctx.bootTimestamp)
  // Thread-pool figures: mqlab runs requests on one event loop, so its queues are always empty.
  for (const key of [
    'sendThreadPoolQueueSize',
    'pullThreadPoolQueueSize',
    'queryThreadPoolQueueSize',
    'sendThreadPoolQueueHeadWaitTimeMills',
    'pullThreadPoolQueueHeadWaitTimeMills',
    'queryThreadPoolQueueHeadWaitTimeMills',
    'pageCacheLockTimeMills',
    'dispatchBehindBytes',
  ]) {
    table[key] ??= '0'
  }
  table.startAcceptSendRequestTimeStamp ??= '0'
  table.earliestMessageTimeStamp ??= String(await earliestMessageTime(ctx))
  table.commitLogDiskRatio ??= String(diskRatio(ctx.config.storePathRootDir))
  runtimeInfoExtras(ctx, table)
  Object.assign(table, ctx.scheduleMessageService.buildRunningStats())
  for (const provide of ctx.runtimeInfoProviders) Object.assign(table, provide())
  return table
}

/** GET_BROKER_CONFIG (26): every configuration key as `key=value` lines, as RocketMQ's Configuration prints them. */
export function processGetBrokerConfig(request: RemotingCommand, _c: RemotingConnection, ctx: BrokerContext): RemotingCommand {
  const body = Buffer.from(formatBrokerConfig(ctx.config))
  const version = JSON.stringify({counter: 0, timestamp: ctx.bootTimestamp})
  return createResponse(request, ResponseCode.SUCCESS, undefined, encodeGetBrokerConfigResponseHeader({version}), body)
}

/** Properties text of a broker configuration; unset values are left out (MixAll.properties2String). */
export function formatBrokerConfig(config: BrokerConfig): string {
  return Object.keys(config)
    .sort()
    .map((key) => [key, (config as unknown as Record<string, unknown>)[key]] as const)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${String(value)}\n`)
    .join('')
}

/** "[ 0 days, 1 hours, 2 minutes, 3 seconds ]" as StoreStatsService prints the uptime. */
export function formatRuntime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  return `[ ${Math.floor(s / 86400)} days, ${Math.floor((s % 86400) / 3600)} hours, ${Math.floor((s % 3600) / 60)} minutes, ${s % 60} seconds ]`
}

async function earliestMessageTime(ctx: BrokerContext): Promise<number> {
  const min = ctx.store.getMinPhyOffset()
  if (min >= ctx.store.getMaxPhyOffset()) return -1
  try {
    const record = await ctx.store.lookMessageByOffset(min)
    return record ? decodeMessage(record).storeTimestamp : -1
  } catch {
    return -1
  }
}

/** Used fraction of the disk holding the store (UtilAll.getDiskPartitionSpaceUsedPercent), -1 when unknown. */
function diskRatio(path: string): number {
  try {
    const s = statfsSync(path)
    return s.blocks > 0 ? (s.blocks - s.bfree) / s.blocks : -1
  } catch {
    return -1
  }
}
