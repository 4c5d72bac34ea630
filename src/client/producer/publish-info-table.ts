/**
 * The producer's topic → publish info cache (DefaultMQProducerImpl.topicPublishInfoTable and
 * tryToFindTopicPublishInfo): the cached info while its route is fresh (re-read in the background
 * once older than the poll interval); else the topic's own route; else TBW102's route with queue
 * counts capped, so a broker with autoCreateTopicEnable creates the topic on first send. Like
 * DefaultMQProducerImpl, a TBW102-derived info is used for every send until the poll interval has
 * passed (only then is the topic's own route read), so a burst spreads over all masters.
 *
 * `refreshAfterConnectionFailure` serves mqlab's opt-in fast failover only. A topic found nowhere is
 * remembered for a second, so a run of sends to a missing topic does not ask the name servers twice
 * per message.
 */
import {MQClientError} from '../client-errors.js'
import type {MQClientInstance} from '../mq-client-instance.js'
import {capDefaultTopicRoute, topicRouteToPublishInfo, type TopicPublishInfo} from '../route/topic-publish-info.js'
import type {TopicRouteView} from '../route/topic-route-view.js'

/** How long a topic found in no route is remembered as missing, ms. */
const MISSING_TOPIC_MEMORY_MS = 1000

interface PublishEntry {
  route: TopicRouteView
  info: TopicPublishInfo
}

/** Per-topic publish info, derived from the client's routes. */
export class PublishInfoTable {
  private readonly entries = new Map<string, PublishEntry>()
  private readonly pending = new Map<string, Promise<TopicPublishInfo>>()
  private readonly missing = new Map<string, {error: MQClientError; at: number}>()

  constructor(
    private readonly client: MQClientInstance,
    private readonly createTopicKey: string,
    private readonly defaultTopicQueueNums: number,
    private readonly monotonic: () => number,
    /** Called when a topic's publish info is first known (the producer heart-beats new masters). */
    private readonly onNewTopic: () => void = () => undefined,
  ) {}

  /** The publish info to send `topic` with; rejects TOPIC_NOT_EXIST or NO_WRITABLE_QUEUE. */
  async find(topic: string): Promise<TopicPublishInfo> {
    const cached = this.entries.get(topic)
    if (cached !== undefined) {
      const current = this.client.cachedTopicRoute(topic)
      if (current !== undefined && current !== cached.route) return this.remember(topic, current, false).info
      // As tryToFindTopicPublishInfo: an info with no queue left (every master of the topic gone) is
      // re-read on each send, so a master that returns is used at once, not after the poll.
      if (!cached.info.ok()) return this.reread(topic, cached.info)
      if (this.client.isRouteStale(cached.info.fromDefaultTopic ? this.createTopicKey : topic)) this.recheck(topic)
      return cached.info
    }
    const missing = this.missing.get(topic)
    if (missing !== undefined && this.monotonic() - missing.at < MISSING_TOPIC_MEMORY_MS) throw missing.error
    let pending = this.pending.get(topic)
    if (pending === undefined) {
      pending = this.load(topic).finally(() => this.pending.delete(topic))
      this.pending.set(topic, pending)
    }
    return pending
  }

  /** mqlab's fast failover: re-read the route right after a connection failure; keep `current` if that fails. */
  async refreshAfterConnectionFailure(topic: string, current: TopicPublishInfo): Promise<TopicPublishInfo> {
    try {
      const route = await this.client.updateTopicRoute(topic)
      if (route === undefined) return current
      const entry = this.remember(topic, route, false)
      return entry.info.ok() ? entry.info : current
    } catch {
      return current
    }
  }

  private async reread(topic: string, current: TopicPublishInfo): Promise<TopicPublishInfo> {
    try {
      const route = await this.client.updateTopicRoute(topic)
      return route === undefined ? current : this.remember(topic, route, false).info
    } catch {
      return current
    }
  }

  /** Re-reads a topic's route in the background (the poll: its route, or TBW102's it came from, is stale). */
  recheck(topic: string): void {
    this.client.updateTopicRoute(topic).then(
      (route) => {
        if (route !== undefined) this.remember(topic, route, false)
      },
      () => undefined,
    )
  }

  private async load(topic: string): Promise<TopicPublishInfo> {
    const route = await this.client.updateTopicRoute(topic)
    if (route !== undefined) {
      const entry = this.remember(topic, route, false)
      if (!entry.info.ok()) throw noWritableQueue(topic)
      return entry.info
    }
    const defaultRoute = await this.client.getTopicRoute(this.createTopicKey)
    if (defaultRoute !== undefined) {
      const entry = this.remember(topic, capDefaultTopicRoute(defaultRoute, this.defaultTopicQueueNums), true)
      if (entry.info.ok()) return entry.info
    }
    const error = new MQClientError('TOPIC_NOT_EXIST', `No route info of this topic: ${topic}`, {
      suggestion: `create it first (mqlab topic create ${topic}), or enable autoCreateTopicEnable on the brokers`,
    })
    this.missing.set(topic, {error, at: this.monotonic()})
    throw error
  }

  private remember(topic: string, route: TopicRouteView, fromDefaultTopic: boolean): PublishEntry {
    const isNew = !this.entries.has(topic)
    const entry = {route, info: topicRouteToPublishInfo(topic, route, {fromDefaultTopic})}
    this.entries.set(topic, entry)
    this.missing.delete(topic)
    if (isNew) this.onNewTopic()
    return entry
  }
}

/** No live master offers a writable queue of the topic. */
export function noWritableQueue(topic: string): MQClientError {
  return new MQClientError('NO_WRITABLE_QUEUE', `No route info of this topic: ${topic} (no live master has a writable queue for it)`, {
    suggestion: "start the topic's master brokers (mqlab status shows which are down)",
  })
}
