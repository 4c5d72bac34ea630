/**
 * BrokerStatsData (common/protocol/body/BrokerStatsData.java, BrokerStatsItem.java): body of the
 * VIEW_BROKER_STATS_DATA (315) response — one stats item (e.g. TOPIC_PUT_NUMS of a topic) over the
 * last minute, hour and day (`mqadmin statsAll`, `mqadmin brokerConsumeStats`):
 *
 *   {"statsDay":{"avgpt":0.0,"sum":0,"tps":0.0},"statsHour":{…},"statsMinute":{…}}
 */
import {field, numberField, parseFastjsonValue} from './fastjson-reader.js'
import {javaDouble} from './fastjson-writer.js'

/** One window (BrokerStatsItem): sum, per-second rate, average value per event. */
export interface BrokerStatsItem {
  sum: number
  tps: number
  avgpt: number
}

/** The three windows. */
export interface BrokerStatsData {
  statsMinute: BrokerStatsItem
  statsHour: BrokerStatsItem
  statsDay: BrokerStatsItem
}

function item(i: BrokerStatsItem): string {
  return `{"avgpt":${javaDouble(i.avgpt)},"sum":${i.sum},"tps":${javaDouble(i.tps)}}`
}

/** Encodes as fastjson does (fields sorted by name, doubles in Java's form). */
export function encodeBrokerStatsData(d: BrokerStatsData): Buffer {
  return Buffer.from(`{"statsDay":${item(d.statsDay)},"statsHour":${item(d.statsHour)},"statsMinute":${item(d.statsMinute)}}`)
}

/** Decodes a BrokerStatsData. */
export function decodeBrokerStatsData(body: Buffer | string): BrokerStatsData {
  const root = parseFastjsonValue(body)
  const read = (name: string): BrokerStatsItem => {
    const v = field(root, name)
    return {sum: numberField(v, 'sum'), tps: numberField(v, 'tps'), avgpt: numberField(v, 'avgpt')}
  }
  return {statsMinute: read('statsMinute'), statsHour: read('statsHour'), statsDay: read('statsDay')}
}
