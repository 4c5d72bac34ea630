/**
 * TopicConfigSerializeWrapper (common/protocol/body/TopicConfigSerializeWrapper.java): the body of a
 * GET_ALL_TOPIC_CONFIG response, the content of config/topics.json, and part of REGISTER_BROKER's body.
 *
 *   {"dataVersion":{"counter":n,"timestamp":ms},
 *    "topicConfigTable":{"<topic>":{"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG",
 *                                   "topicName":"<topic>","topicSysFlag":0,"writeQueueNums":4},…}}
 */
import {dataVersionFromJson, type DataVersion} from './data-version.js'
import {parseFastjson} from './fastjson-text.js'
import {topicConfigFromJson, type TopicConfig} from './topic-config.js'

/** The wrapper as an object. */
export interface TopicConfigSerializeWrapper {
  topicConfigTable: Record<string, TopicConfig>
  dataVersion: DataVersion
}

/** Encodes the wrapper as JSON (keys of each topic in fastjson's alphabetical order). */
export function encodeTopicConfigSerializeWrapper(w: TopicConfigSerializeWrapper, pretty = false): string {
  const topicConfigTable: Record<string, TopicConfig> = {}
  for (const [name, tc] of Object.entries(w.topicConfigTable)) topicConfigTable[name] = sortTopicConfigKeys(tc)
  const value = {dataVersion: {counter: w.dataVersion.counter, timestamp: w.dataVersion.timestamp}, topicConfigTable}
  return pretty ? JSON.stringify(value, null, '\t') : JSON.stringify(value)
}

/** Decodes the wrapper (standard JSON or fastjson's bare numeric keys); throws on malformed content. */
export function decodeTopicConfigSerializeWrapper(text: string, now: number = Date.now()): TopicConfigSerializeWrapper {
  const parsed = parseFastjson(text) as Record<string, unknown> | null
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object')
  const table = parsed.topicConfigTable ?? {}
  if (typeof table !== 'object' || table === null) throw new Error('topicConfigTable is not an object')
  const topicConfigTable: Record<string, TopicConfig> = {}
  for (const [name, v] of Object.entries(table as Record<string, unknown>)) {
    const tc = topicConfigFromJson(name, v)
    topicConfigTable[tc.topicName] = tc
  }
  return {topicConfigTable, dataVersion: dataVersionFromJson(parsed.dataVersion) ?? {timestamp: now, counter: 0}}
}

/** A TopicConfig with its keys in fastjson's order. */
export function sortTopicConfigKeys(tc: TopicConfig): TopicConfig {
  return {
    order: tc.order,
    perm: tc.perm,
    readQueueNums: tc.readQueueNums,
    topicFilterType: tc.topicFilterType,
    topicName: tc.topicName,
    topicSysFlag: tc.topicSysFlag,
    writeQueueNums: tc.writeQueueNums,
  }
}
