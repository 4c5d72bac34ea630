/**
 * TopicStatsTable (common/admin/TopicStatsTable.java, TopicOffset.java): body of the GET_TOPIC_STATS_INFO
 * (202) response — per write queue of the topic on one broker, its min and max consume-queue offset and
 * the store time of its last message (`mqadmin topicStatus`):
 *
 *   {"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T"}:{"lastUpdateTimestamp":1700000000000,"maxOffset":3,"minOffset":0}}}
 *
 * Java keeps a HashMap, so the order of queues means nothing; mqlab writes them by queue id.
 */
import {entries, field, messageQueueFromFj, numberField, parseFastjsonValue} from './fastjson-reader.js'
import {messageQueueMapJson} from './fastjson-writer.js'
import type {MessageQueue} from './lock-batch-request-body.js'

/** One queue's offsets (TopicOffset). */
export interface TopicOffset {
  minOffset: number
  maxOffset: number
  lastUpdateTimestamp: number
}

/** A TopicStatsTable: queue → offsets. */
export type TopicStatsTable = Array<[MessageQueue, TopicOffset]>

/** Encodes as fastjson does (TopicOffset fields sorted by name). */
export function encodeTopicStatsTable(table: TopicStatsTable): Buffer {
  const rows = table.map(([mq, o]) => [mq, `{"lastUpdateTimestamp":${o.lastUpdateTimestamp},"maxOffset":${o.maxOffset},"minOffset":${o.minOffset}}`] as const)
  return Buffer.from(`{"offsetTable":${messageQueueMapJson(rows)}}`)
}

/** Decodes fastjson's text (object keys included). */
export function decodeTopicStatsTable(body: Buffer | string): TopicStatsTable {
  const root = parseFastjsonValue(body)
  return entries(field(root, 'offsetTable')).map(([k, v]) => [
    messageQueueFromFj(k),
    {minOffset: numberField(v, 'minOffset'), maxOffset: numberField(v, 'maxOffset'), lastUpdateTimestamp: numberField(v, 'lastUpdateTimestamp')},
  ])
}
