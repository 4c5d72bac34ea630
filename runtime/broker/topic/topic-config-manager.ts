import type {BrokerConfig} from '../../config/broker-config.js'
import type {Logger} from '../../common/logger.js'
import {ConfigManager, type ConfigFileStore} from '../config/config-manager.js'
import {newDataVersion, nextDataVersion, type DataVersion} from '../../remoting/body/data-version.js'
import {newTopicConfig, type TopicConfig} from '../../remoting/body/topic-config.js'
import {
  decodeTopicConfigSerializeWrapper,
  encodeTopicConfigSerializeWrapper,
  type TopicConfigSerializeWrapper,
} from '../../remoting/body/topic-config-serialize-wrapper.js'
import {isInherited, PermName} from './perm-name.js'
import {
  AUTO_CREATE_TOPIC_KEY_TOPIC,
  REPLY_TOPIC_POSTFIX,
  RMQ_SYS_BENCHMARK_TOPIC,
  RMQ_SYS_OFFSET_MOVED_EVENT,
  RMQ_SYS_SCHEDULE_TOPIC,
  RMQ_SYS_SELF_TEST_TOPIC,
  RMQ_SYS_TRACE_TOPIC,
} from './topic-validator.js'

/** The broker settings that decide which system topics exist. */
export type TopicConfigManagerBrokerConfig = Pick<
  BrokerConfig,
  'brokerClusterName' | 'brokerName' | 'autoCreateTopicEnable' | 'defaultTopicQueueNums' | 'clusterTopicEnable' | 'brokerTopicEnable' | 'traceTopicEnable'
>

/** Queue count of SCHEDULE_TOPIC_XXXX: one queue per delay level (TopicConfigManager.SCHEDULE_TOPIC_QUEUE_NUM). */
export const SCHEDULE_TOPIC_QUEUE_NUM = 18

/**
 * A broker's topics (RocketMQ broker/topic/TopicConfigManager.java): the system topics a 4.9.8 broker
 * creates at start, the TBW102 auto-create rules, and topics.json persistence. Listeners hear about
 * every change so the broker can re-register with the name servers at once.
 */
export class TopicConfigManager extends ConfigManager {
  private readonly table = new Map<string, TopicConfig>()
  private version: DataVersion
  private readonly listeners: Array<(topic: TopicConfig | undefined) => void> = []
  /** Topics that depend on this broker's settings (cluster name, broker name, reply topic). */
  readonly brokerSystemTopics: ReadonlySet<string>

  constructor(
    private readonly config: TopicConfigManagerBrokerConfig,
    files: ConfigFileStore,
    private readonly clock: () => number = Date.now,
    logger?: Logger,
  ) {
    super(files, 'topics.json', logger)
    this.version = newDataVersion(clock())
    const put = (tc: TopicConfig) => this.table.set(tc.topicName, tc)
    put(newTopicConfig(RMQ_SYS_SELF_TEST_TOPIC, {readQueueNums: 1, writeQueueNums: 1}))
    if (config.autoCreateTopicEnable) {
      put(
        newTopicConfig(AUTO_CREATE_TOPIC_KEY_TOPIC, {
          readQueueNums: config.defaultTopicQueueNums,
          writeQueueNums: config.defaultTopicQueueNums,
          perm: PermName.INHERIT | PermName.READ | PermName.WRITE,
        }),
      )
    }
    put(newTopicConfig(RMQ_SYS_BENCHMARK_TOPIC, {readQueueNums: 1024, writeQueueNums: 1024}))
    // The cluster topic keeps TopicConfig's default 16 queues; only its perm is set (4.9.8 constructor).
    put(
      newTopicConfig(config.brokerClusterName, {
        perm: PermName.INHERIT | (config.clusterTopicEnable ? PermName.READ | PermName.WRITE : 0),
      }),
    )
    put(
      newTopicConfig(config.brokerName, {
        readQueueNums: 1,
        writeQueueNums: 1,
        perm: PermName.INHERIT | (config.brokerTopicEnable ? PermName.READ | PermName.WRITE : 0),
      }),
    )
    put(newTopicConfig(RMQ_SYS_OFFSET_MOVED_EVENT, {readQueueNums: 1, writeQueueNums: 1}))
    put(newTopicConfig(RMQ_SYS_SCHEDULE_TOPIC, {readQueueNums: SCHEDULE_TOPIC_QUEUE_NUM, writeQueueNums: SCHEDULE_TOPIC_QUEUE_NUM}))
    if (config.traceTopicEnable) put(newTopicConfig(RMQ_SYS_TRACE_TOPIC, {readQueueNums: 1, writeQueueNums: 1}))
    const reply = `${config.brokerClusterName}_${REPLY_TOPIC_POSTFIX}`
    put(newTopicConfig(reply, {readQueueNums: 1, writeQueueNums: 1}))
    this.brokerSystemTopics = new Set([config.brokerClusterName, config.brokerName, reply])
  }

  /** Hears every created, updated or deleted topic (undefined for a bulk change). */
  onTopicChanged(listener: (topic: TopicConfig | undefined) => void): void {
    this.listeners.push(listener)
  }

  /** The topic's config, or undefined. */
  selectTopicConfig(topic: string): TopicConfig | undefined {
    return this.table.get(topic)
  }

  /** All topics (a copy). */
  topics(): TopicConfig[] {
    return [...this.table.values()].map((tc) => ({...tc}))
  }

  get dataVersion(): DataVersion {
    return {...this.version}
  }

  /** Whether the topic is configured as ordered (send checks use it when the broker lost write permission). */
  isOrderTopic(topic: string): boolean {
    return this.table.get(topic)?.order ?? false
  }

  /**
   * Auto-creation on first send (createTopicInSendMessageMethod): when `defaultTopic` exists and carries
   * INHERIT, the topic gets min(clientDefaultTopicQueueNums, defaultTopic's write queues) queues and the
   * default topic's perm without INHERIT. TBW102 never lends its perm when autoCreateTopicEnable is off.
   * Returns the (existing or new) config, or undefined when the topic cannot be created.
   */
  createTopicInSendMessageMethod(
    topic: string,
    defaultTopic: string,
    remoteAddress: string,
    clientDefaultTopicQueueNums: number,
    topicSysFlag: number,
  ): TopicConfig | undefined {
    const existing = this.table.get(topic)
    if (existing) return existing
    const template = this.table.get(defaultTopic)
    if (!template) {
      this.logger.warn(`create new topic ${topic} failed: default topic ${defaultTopic} does not exist (producer ${remoteAddress})`)
      return undefined
    }
    let templatePerm = template.perm
    if (defaultTopic === AUTO_CREATE_TOPIC_KEY_TOPIC && !this.config.autoCreateTopicEnable) {
      templatePerm = PermName.READ | PermName.WRITE
    }
    if (!isInherited(templatePerm)) {
      this.logger.warn(`create new topic ${topic} failed: default topic ${defaultTopic} has no inherit perm (producer ${remoteAddress})`)
      return undefined
    }
    const queueNums = Math.max(0, Math.min(clientDefaultTopicQueueNums, template.writeQueueNums))
    const created = newTopicConfig(topic, {
      readQueueNums: queueNums,
      writeQueueNums: queueNums,
      perm: templatePerm & ~PermName.INHERIT,
      topicSysFlag,
      topicFilterType: template.topicFilterType,
    })
    this.logger.info(`create new topic ${topic} by default topic ${defaultTopic} with ${queueNums} queues (producer ${remoteAddress})`)
    this.putAndAnnounce(created)
    return created
  }

  /** Creates a retry or DLQ topic when missing (createTopicInSendMessageBackMethod). */
  createTopicInSendMessageBackMethod(topic: string, queueNums: number, perm: number, topicSysFlag: number): TopicConfig {
    const existing = this.table.get(topic)
    if (existing) return existing
    const created = newTopicConfig(topic, {readQueueNums: queueNums, writeQueueNums: queueNums, perm, topicSysFlag})
    this.logger.info(`create new topic ${topic} with ${queueNums} queues`)
    this.putAndAnnounce(created)
    return created
  }

  /** Creates or replaces a topic (UPDATE_AND_CREATE_TOPIC). */
  updateTopicConfig(tc: TopicConfig): void {
    this.putAndAnnounce({...tc})
  }

  /** Bumps the data version without changing a topic, so name servers re-read the table (brokerPermission changes). */
  bumpDataVersion(): void {
    this.version = nextDataVersion(this.version, this.clock())
    this.persistInBackground()
  }

  /** Removes a topic (DELETE_TOPIC_IN_BROKER); returns whether it existed. */
  deleteTopicConfig(topic: string): boolean {
    if (!this.table.delete(topic)) return false
    this.version = nextDataVersion(this.version, this.clock())
    this.persistInBackground()
    for (const l of this.listeners) l(undefined)
    return true
  }

  private putAndAnnounce(tc: TopicConfig): void {
    this.table.set(tc.topicName, tc)
    this.version = nextDataVersion(this.version, this.clock())
    this.persistInBackground()
    for (const l of this.listeners) l(tc)
  }

  /**
   * A slave takes its master's topics wholesale when the master's data version differs
   * (SlaveSynchronize.syncTopicConfig). Returns whether anything was replaced.
   */
  replaceAll(w: TopicConfigSerializeWrapper): boolean {
    if (w.dataVersion.counter === this.version.counter && w.dataVersion.timestamp === this.version.timestamp) return false
    this.table.clear()
    for (const tc of Object.values(w.topicConfigTable)) this.table.set(tc.topicName, {...tc})
    this.version = {...w.dataVersion}
    this.persistInBackground()
    return true
  }

  /** topics.json / GET_ALL_TOPIC_CONFIG body as an object. */
  buildSerializeWrapper(): TopicConfigSerializeWrapper {
    const topicConfigTable: Record<string, TopicConfig> = {}
    for (const tc of this.table.values()) topicConfigTable[tc.topicName] = {...tc}
    return {dataVersion: {...this.version}, topicConfigTable}
  }

  override encode(): string {
    return encodeTopicConfigSerializeWrapper(this.buildSerializeWrapper(), true)
  }

  protected override decode(text: string): void {
    const w = decodeTopicConfigSerializeWrapper(text, this.clock())
    for (const tc of Object.values(w.topicConfigTable)) this.table.set(tc.topicName, tc)
    this.version = w.dataVersion
  }
}
