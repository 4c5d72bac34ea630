/**
 * One topic as a broker keeps it (RocketMQ common/TopicConfig.java) — also the JSON object under
 * `topicConfigTable` in config/topics.json and in REGISTER_BROKER / GET_ALL_TOPIC_CONFIG bodies.
 */
export interface TopicConfig {
  topicName: string
  readQueueNums: number
  writeQueueNums: number
  perm: number
  /** Always "SINGLE_TAG" in practice (MULTI_TAG is defined but unused). */
  topicFilterType: 'SINGLE_TAG' | 'MULTI_TAG'
  topicSysFlag: number
  order: boolean
}

/** TopicConfig's defaults when built with only a name: 16 read/16 write queues, perm 6. */
export function newTopicConfig(topicName: string, fields: Partial<Omit<TopicConfig, 'topicName'>> = {}): TopicConfig {
  return {
    topicName,
    readQueueNums: 16,
    writeQueueNums: 16,
    perm: 6, // PermName READ | WRITE
    topicFilterType: 'SINGLE_TAG',
    topicSysFlag: 0,
    order: false,
    ...fields,
  }
}

/** Reads a TopicConfig from parsed JSON, filling defaults for missing fields and rejecting wrong types. */
export function topicConfigFromJson(name: string, value: unknown): TopicConfig {
  if (typeof value !== 'object' || value === null) throw new Error(`topic ${name}: not an object`)
  const v = value as Record<string, unknown>
  const num = (key: string, fallback: number): number => {
    const x = v[key]
    if (x === undefined || x === null) return fallback
    const n = typeof x === 'string' ? Number(x) : x
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`topic ${name}: ${key} is not an integer`)
    return n
  }
  const base = newTopicConfig(typeof v.topicName === 'string' ? v.topicName : name)
  return {
    topicName: base.topicName,
    readQueueNums: num('readQueueNums', base.readQueueNums),
    writeQueueNums: num('writeQueueNums', base.writeQueueNums),
    perm: num('perm', base.perm),
    topicFilterType: v.topicFilterType === 'MULTI_TAG' ? 'MULTI_TAG' : 'SINGLE_TAG',
    topicSysFlag: num('topicSysFlag', 0),
    order: v.order === true || v.order === 'true',
  }
}
