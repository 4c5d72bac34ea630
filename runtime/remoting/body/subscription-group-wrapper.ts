/**
 * SubscriptionGroupWrapper (common/protocol/body/SubscriptionGroupWrapper.java): the body of a
 * GET_ALL_SUBSCRIPTIONGROUP_CONFIG response and the content of config/subscriptionGroup.json.
 *
 *   {"dataVersion":{"counter":n,"timestamp":ms},
 *    "subscriptionGroupTable":{"<group>":{"brokerId":0,"consumeBroadcastEnable":true,…},…}}
 */
import {dataVersionFromJson, type DataVersion} from './data-version.js'
import {parseFastjson} from './fastjson-text.js'
import {subscriptionGroupConfigFromJson, type SubscriptionGroupConfig} from './subscription-group-config.js'

/** The wrapper as an object. */
export interface SubscriptionGroupWrapper {
  subscriptionGroupTable: Record<string, SubscriptionGroupConfig>
  dataVersion: DataVersion
}

/** Encodes the wrapper as JSON. */
export function encodeSubscriptionGroupWrapper(w: SubscriptionGroupWrapper, pretty = false): string {
  const value = {dataVersion: {counter: w.dataVersion.counter, timestamp: w.dataVersion.timestamp}, subscriptionGroupTable: w.subscriptionGroupTable}
  return pretty ? JSON.stringify(value, null, '\t') : JSON.stringify(value)
}

/** Decodes the wrapper; throws on malformed content. */
export function decodeSubscriptionGroupWrapper(text: string, now: number = Date.now()): SubscriptionGroupWrapper {
  const parsed = parseFastjson(text) as Record<string, unknown> | null
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object')
  const table = parsed.subscriptionGroupTable ?? {}
  if (typeof table !== 'object' || table === null) throw new Error('subscriptionGroupTable is not an object')
  const subscriptionGroupTable: Record<string, SubscriptionGroupConfig> = {}
  for (const [name, v] of Object.entries(table as Record<string, unknown>)) {
    const g = subscriptionGroupConfigFromJson(name, v)
    subscriptionGroupTable[g.groupName] = g
  }
  return {subscriptionGroupTable, dataVersion: dataVersionFromJson(parsed.dataVersion) ?? {timestamp: now, counter: 0}}
}
