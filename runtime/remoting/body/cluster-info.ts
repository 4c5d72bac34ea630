/**
 * ClusterInfo (common/protocol/body/ClusterInfo.java): the GET_BROKER_CLUSTER_INFO response body.
 *   {"brokerAddrTable":{"broker-a":BrokerData,…},"clusterAddrTable":{"DefaultCluster":["broker-a",…]}}
 * A 4.9.8 name server always writes it in fastjson's legacy form (bare brokerId keys inside brokerAddrs),
 * whatever the client's version (DefaultRequestProcessor.getBrokerClusterInfo; docs/rocketmq-facts.md §2.3).
 */
import {brokerDataFromJson, brokerDataJson, type BrokerData, type JsonDialect} from './broker-data.js'
import {parseFastjson} from './fastjson-text.js'

/** Every broker group and which cluster holds which group. */
export interface ClusterInfo {
  /** brokerName → BrokerData. */
  brokerAddrTable: Record<string, BrokerData>
  /** clusterName → brokerNames. */
  clusterAddrTable: Record<string, string[]>
}

/** Encodes ClusterInfo; legacy by default, as RocketMQ 4.9.8 does. */
export function encodeClusterInfo(info: ClusterInfo, dialect: JsonDialect = 'legacy'): Buffer {
  const brokers = Object.keys(info.brokerAddrTable)
    .map((name) => `${JSON.stringify(name)}:${brokerDataJson(info.brokerAddrTable[name]!, dialect)}`)
    .join(',')
  const clusters = Object.keys(info.clusterAddrTable)
    .map((name) => `${JSON.stringify(name)}:${JSON.stringify(info.clusterAddrTable[name])}`)
    .join(',')
  return Buffer.from(`{"brokerAddrTable":{${brokers}},"clusterAddrTable":{${clusters}}}`)
}

/** Decodes ClusterInfo in either dialect; throws when it is not a ClusterInfo. */
export function decodeClusterInfo(body: Buffer | string): ClusterInfo {
  const parsed = parseFastjson(typeof body === 'string' ? body : body.toString('utf8'))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('cluster info is not a JSON object')
  const v = parsed as Record<string, unknown>
  const brokerAddrTable: Record<string, BrokerData> = {}
  if (typeof v.brokerAddrTable === 'object' && v.brokerAddrTable !== null) {
    for (const [name, bd] of Object.entries(v.brokerAddrTable as Record<string, unknown>)) brokerAddrTable[name] = brokerDataFromJson(bd)
  }
  const clusterAddrTable: Record<string, string[]> = {}
  if (typeof v.clusterAddrTable === 'object' && v.clusterAddrTable !== null) {
    for (const [name, list] of Object.entries(v.clusterAddrTable as Record<string, unknown>)) {
      clusterAddrTable[name] = Array.isArray(list) ? list.map(String) : []
    }
  }
  return {brokerAddrTable, clusterAddrTable}
}
