/**
 * TopicRouteData (common/protocol/route/TopicRouteData.java): the GET_ROUTEINFO_BY_TOPIC response body.
 *   {"brokerDatas":[BrokerData…],"filterServerTable":{},"orderTopicConf":"…"?,"queueDatas":[QueueData…]}
 * A 4.9.8 name server writes the legacy fastjson form (bare brokerId keys) unless the request's version
 * is ≥ V4_9_4 (401) or acceptStandardJsonOnly=true; then standard JSON with BrowserCompatible (non-ASCII
 * escaped as \uXXXX) and sorted map keys (DefaultRequestProcessor.getRouteInfoByTopic; docs/rocketmq-facts.md §2.3).
 * ali-ons (version 121) gets the legacy form and parses it with an eval-based parser.
 */
import {brokerDataFromJson, brokerDataJson, type BrokerData, type JsonDialect} from './broker-data.js'
import {parseFastjson} from './fastjson-text.js'
import {queueDataFromJson, queueDataJson, type QueueData} from './queue-data.js'

/** A topic's route. */
export interface TopicRouteData {
  /** "brokerName:queueNum;…" from the ORDER_TOPIC_CONFIG namespace, when orderMessageEnable is on. */
  orderTopicConf?: string
  queueDatas: QueueData[]
  brokerDatas: BrokerData[]
  /** brokerAddr → filter server addresses; always empty in mqlab. */
  filterServerTable: Record<string, string[]>
}

/** The version from which a 4.9.8 name server answers with standard JSON (MQVersion V4_9_4). */
export const STANDARD_JSON_MIN_VERSION = 401

/** Which dialect a 4.9.8 name server uses for a GET_ROUTEINFO_BY_TOPIC request. */
export function routeJsonDialect(requestVersion: number, acceptStandardJsonOnly: boolean | undefined): JsonDialect {
  return requestVersion >= STANDARD_JSON_MIN_VERSION || acceptStandardJsonOnly === true ? 'standard' : 'legacy'
}

/** Escapes non-ASCII as \uXXXX, as fastjson's BrowserCompatible does. */
export function browserCompatible(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
}

/** Encodes the route in the given dialect (arrays in the order given; the route-info manager sorts them). */
export function encodeTopicRouteData(route: TopicRouteData, dialect: JsonDialect): Buffer {
  const quote = dialect === 'standard' ? browserCompatible : JSON.stringify
  const brokers = route.brokerDatas.map((b) => brokerDataJson(b, dialect, quote)).join(',')
  const filterKeys = Object.keys(route.filterServerTable)
  if (dialect === 'standard') filterKeys.sort()
  const filters = filterKeys.map((k) => `${quote(k)}:[${route.filterServerTable[k]!.map((s) => quote(s)).join(',')}]`).join(',')
  const order = route.orderTopicConf === undefined ? '' : `"orderTopicConf":${quote(route.orderTopicConf)},`
  const queues = route.queueDatas.map((q) => queueDataJson(q, quote)).join(',')
  return Buffer.from(`{"brokerDatas":[${brokers}],"filterServerTable":{${filters}},${order}"queueDatas":[${queues}]}`)
}

/** Decodes a route body in either dialect; throws when it is not a TopicRouteData. */
export function decodeTopicRouteData(body: Buffer | string): TopicRouteData {
  const parsed = parseFastjson(typeof body === 'string' ? body : body.toString('utf8'))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('route is not a JSON object')
  const v = parsed as Record<string, unknown>
  const queueDatas = Array.isArray(v.queueDatas) ? v.queueDatas.map(queueDataFromJson) : []
  const brokerDatas = Array.isArray(v.brokerDatas) ? v.brokerDatas.map(brokerDataFromJson) : []
  const filterServerTable: Record<string, string[]> = {}
  if (typeof v.filterServerTable === 'object' && v.filterServerTable !== null) {
    for (const [addr, list] of Object.entries(v.filterServerTable as Record<string, unknown>)) {
      filterServerTable[addr] = Array.isArray(list) ? list.map(String) : []
    }
  }
  const route: TopicRouteData = {queueDatas, brokerDatas, filterServerTable}
  if (typeof v.orderTopicConf === 'string') route.orderTopicConf = v.orderTopicConf
  return route
}
