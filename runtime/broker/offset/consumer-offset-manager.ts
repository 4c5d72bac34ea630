import type {Logger} from '../../common/logger.js'
import {
  decodeConsumerOffsetSerializeWrapper,
  encodeConsumerOffsetSerializeWrapper,
  type ConsumerOffsetSerializeWrapper,
} from '../../remoting/body/consumer-offset-serialize-wrapper.js'
import {ConfigManager, type ConfigFileStore} from '../config/config-manager.js'

/** Separator of the `topic@group` keys in consumerOffset.json (ConsumerOffsetManager.TOPIC_GROUP_SEPARATOR). */
export const TOPIC_GROUP_SEPARATOR = '@'

/**
 * Committed consumer offsets (RocketMQ broker/offset/ConsumerOffsetManager.java): per `topic@group`, per
 * queue id, the next queue offset to consume. Kept in memory; the broker persists consumerOffset.json
 * every flushConsumerOffsetInterval and on shutdown, as RocketMQ does.
 */
export class ConsumerOffsetManager extends ConfigManager {
  private readonly table = new Map<string, Map<number, number>>()
  /** Bumped on every change, so the periodic flush can skip a file that would not change. */
  private changes = 0
  private persistedChanges = 0

  constructor(files: ConfigFileStore, logger?: Logger) {
    super(files, 'consumerOffset.json', logger)
  }

  /** Stores a committed offset. */
  commitOffset(clientHost: string, group: string, topic: string, queueId: number, offset: number): void {
    const key = topic + TOPIC_GROUP_SEPARATOR + group
    let queues = this.table.get(key)
    if (!queues) {
      queues = new Map()
      this.table.set(key, queues)
    }
    const previous = queues.get(queueId)
    if (previous !== undefined && offset < previous) {
      // RocketMQ logs this too: a consumer that rewinds is allowed to, but it is worth noticing.
      this.logger.debug(
        `[NOTIFYME] update consumer offset less than store. clientHost=${clientHost}, key=${key}, queueId=${queueId}, requestOffset=${offset}, storeOffset=${previous}`,
      )
    }
    if (previous !== offset) this.changes++
    queues.set(queueId, offset)
  }

  /** Persists only when something changed since the last persist (the periodic flush). */
  async persistIfChanged(): Promise<void> {
    const at = this.changes
    if (at === this.persistedChanges) return
    await this.persist()
    this.persistedChanges = Math.max(this.persistedChanges, at)
  }

  /** The committed offset, or -1 when the group never committed one for this queue. */
  queryOffset(group: string, topic: string, queueId: number): number {
    return this.table.get(topic + TOPIC_GROUP_SEPARATOR + group)?.get(queueId) ?? -1
  }

  /** All committed offsets of a group on a topic, by queue id. */
  queryOffsets(group: string, topic: string): Map<number, number> {
    return new Map(this.table.get(topic + TOPIC_GROUP_SEPARATOR + group) ?? [])
  }

  /** Groups with committed offsets on a topic. */
  whichGroupByTopic(topic: string): Set<string> {
    const groups = new Set<string>()
    for (const key of this.table.keys()) {
      const [t, g] = splitKey(key)
      if (t === topic && g !== undefined) groups.add(g)
    }
    return groups
  }

  /** Topics on which a group committed offsets. */
  whichTopicByConsumer(group: string): Set<string> {
    const topics = new Set<string>()
    for (const key of this.table.keys()) {
      const [t, g] = splitKey(key)
      if (g === group) topics.add(t)
    }
    return topics
  }

  /** Forgets every offset on a topic (DELETE_TOPIC_IN_BROKER). */
  cleanOffsetByTopic(topic: string): void {
    for (const key of [...this.table.keys()]) {
      if (splitKey(key)[0] === topic && this.table.delete(key)) this.changes++
    }
  }

  /** Forgets every offset of a group (DELETE_SUBSCRIPTIONGROUP with removeOffset). */
  removeOffset(group: string): void {
    for (const key of [...this.table.keys()]) {
      if (splitKey(key)[1] === group && this.table.delete(key)) this.changes++
    }
  }

  /** A slave takes its master's offsets (SlaveSynchronize.syncConsumerOffset: putAll, keys not listed stay). */
  putAll(w: ConsumerOffsetSerializeWrapper): void {
    for (const [key, queues] of Object.entries(w.offsetTable)) {
      this.table.set(key, new Map(Object.entries(queues).map(([q, o]) => [Number(q), o])))
    }
    this.changes++
  }

  /** The wrapper object for consumerOffset.json and GET_ALL_CONSUMER_OFFSET. */
  buildSerializeWrapper(): ConsumerOffsetSerializeWrapper {
    const offsetTable: Record<string, Record<string, number>> = {}
    for (const [key, queues] of this.table) {
      const entry: Record<string, number> = {}
      for (const [q, o] of [...queues].sort((a, b) => a[0] - b[0])) entry[String(q)] = o
      offsetTable[key] = entry
    }
    return {offsetTable}
  }

  override encode(): string {
    return encodeConsumerOffsetSerializeWrapper(this.buildSerializeWrapper(), true)
  }

  protected override decode(text: string): void {
    const w = decodeConsumerOffsetSerializeWrapper(text)
    for (const [key, queues] of Object.entries(w.offsetTable)) {
      this.table.set(key, new Map(Object.entries(queues).map(([q, o]) => [Number(q), o])))
    }
  }
}

function splitKey(key: string): [string, string | undefined] {
  const at = key.indexOf(TOPIC_GROUP_SEPARATOR)
  return at < 0 ? [key, undefined] : [key.slice(0, at), key.slice(at + 1)]
}
