/**
 * TopicList (common/protocol/body/TopicList.java): `{"brokerAddr":"…"?,"topicList":["T1",…]}`. Body of
 * GET_ALL_TOPIC_LIST_FROM_NAMESERVER, GET_TOPICS_BY_CLUSTER, GET_SYSTEM_TOPIC_LIST_FROM_NS (which also
 * sets brokerAddr) and the unit-topic lists. Java keeps a HashSet, so the order means nothing.
 */

/** A set of topic names, optionally with one broker address. */
export interface TopicList {
  topicList: string[]
  brokerAddr?: string
}

/** Encodes a TopicList; keys in fastjson's order, brokerAddr omitted when absent. */
export function encodeTopicList(list: TopicList): Buffer {
  return Buffer.from(JSON.stringify({brokerAddr: list.brokerAddr, topicList: list.topicList}))
}

/** Decodes a TopicList. */
export function decodeTopicList(body: Buffer | string): TopicList {
  const parsed: unknown = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('topic list is not a JSON object')
  const v = parsed as Record<string, unknown>
  const out: TopicList = {topicList: Array.isArray(v.topicList) ? v.topicList.map(String) : []}
  if (typeof v.brokerAddr === 'string') out.brokerAddr = v.brokerAddr
  return out
}
