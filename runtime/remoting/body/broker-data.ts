/**
 * BrokerData (common/protocol/route/BrokerData.java): one broker group (a brokerName) with the address
 * of each member by brokerId, 0 = master. fastjson writes the keys alphabetically:
 *   {"brokerAddrs":{0:"127.0.0.1:10911",1:"127.0.0.1:10921"},"brokerName":"broker-a","cluster":"DefaultCluster"}
 * brokerAddrs is a HashMap<Long,String>, and fastjson leaves Long map keys unquoted by default: that
 * "legacy" form is not valid JSON (apache/rocketmq#1445). With QuoteFieldNames/MapSortField (what a 4.9.8
 * name server uses for version ≥ 401 clients) the keys are quoted and sorted. Here brokerAddrs is keyed
 * by the decimal brokerId string either way.
 */
export interface BrokerData {
  cluster: string
  brokerName: string
  /** brokerId (decimal string) → "ip:port". */
  brokerAddrs: Record<string, string>
}

/** How map keys that are numbers in Java are written: bare (fastjson's default) or quoted (standard JSON). */
export type JsonDialect = 'legacy' | 'standard'

/** brokerIds in ascending numeric order (Java's HashMap<Long,…> iterates small ids that way; MapSortField sorts). */
export function sortedIds(addrs: Readonly<Record<string, string>>): string[] {
  return Object.keys(addrs).sort((a, b) => Number(a) - Number(b))
}

/** The JSON object for a BrokerData in the given dialect. */
export function brokerDataJson(b: BrokerData, dialect: JsonDialect, quote: (s: string) => string = JSON.stringify): string {
  const addrs = sortedIds(b.brokerAddrs)
    .map((id) => `${dialect === 'legacy' ? id : `"${id}"`}:${quote(b.brokerAddrs[id]!)}`)
    .join(',')
  return `{"brokerAddrs":{${addrs}},"brokerName":${quote(b.brokerName)},"cluster":${quote(b.cluster)}}`
}

/** Reads a BrokerData from parsed JSON (bare numeric keys must already be quoted, see fastjson-text.ts). */
export function brokerDataFromJson(value: unknown): BrokerData {
  if (typeof value !== 'object' || value === null) throw new Error('broker data is not an object')
  const v = value as Record<string, unknown>
  if (typeof v.brokerName !== 'string') throw new Error('broker data has no brokerName')
  const brokerAddrs: Record<string, string> = {}
  if (typeof v.brokerAddrs === 'object' && v.brokerAddrs !== null) {
    for (const [id, addr] of Object.entries(v.brokerAddrs as Record<string, unknown>)) {
      if (typeof addr !== 'string') throw new Error(`broker data ${v.brokerName}: address of id ${id} is not a string`)
      brokerAddrs[id] = addr
    }
  }
  return {cluster: typeof v.cluster === 'string' ? v.cluster : '', brokerName: v.brokerName, brokerAddrs}
}
