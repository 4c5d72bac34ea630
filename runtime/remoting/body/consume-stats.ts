/**
 * ConsumeStats (common/admin/ConsumeStats.java, OffsetWrapper.java): body of the GET_CONSUME_STATS (208)
 * response — per queue of the group's topics on one broker, the broker's max offset, the group's
 * committed offset and the store time of the last consumed message; and the group's consume TPS
 * (`mqadmin consumerProgress`, the dashboard's consumer view):
 *
 *   {"consumeTps":0.0,"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T"}:{"brokerOffset":3,"consumerOffset":1,"lastTimestamp":1700000000000}}}
 */
import {entries, field, messageQueueFromFj, numberField, parseFastjsonValue} from './fastjson-reader.js'
import {javaDouble, messageQueueMapJson} from './fastjson-writer.js'
import type {MessageQueue} from './lock-batch-request-body.js'

/** One queue's progress (OffsetWrapper). */
export interface OffsetWrapper {
  brokerOffset: number
  consumerOffset: number
  /** Store time of the last consumed message; 0 when none. */
  lastTimestamp: number
}

/** A ConsumeStats. */
export interface ConsumeStats {
  offsetTable: Array<[MessageQueue, OffsetWrapper]>
  consumeTps: number
}

/** Encodes as fastjson does: consumeTps (a double) before offsetTable. */
export function encodeConsumeStats(s: ConsumeStats): Buffer {
  const rows = s.offsetTable.map(
    ([mq, o]) => [mq, `{"brokerOffset":${o.brokerOffset},"consumerOffset":${o.consumerOffset},"lastTimestamp":${o.lastTimestamp}}`] as const,
  )
  return Buffer.from(`{"consumeTps":${javaDouble(s.consumeTps)},"offsetTable":${messageQueueMapJson(rows)}}`)
}

/** Decodes fastjson's text. */
export function decodeConsumeStats(body: Buffer | string): ConsumeStats {
  const root = parseFastjsonValue(body)
  return {
    consumeTps: numberField(root, 'consumeTps'),
    offsetTable: entries(field(root, 'offsetTable')).map(([k, v]) => [
      messageQueueFromFj(k),
      {brokerOffset: numberField(v, 'brokerOffset'), consumerOffset: numberField(v, 'consumerOffset'), lastTimestamp: numberField(v, 'lastTimestamp')},
    ]),
  }
}

/** Σ (brokerOffset − consumerOffset) (ConsumeStats.computeTotalDiff). */
export function computeTotalDiff(s: ConsumeStats): number {
  return s.offsetTable.reduce((sum, [, o]) => sum + (o.brokerOffset - o.consumerOffset), 0)
}
