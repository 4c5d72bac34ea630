import type {SubscriptionData} from '../../remoting/body/subscription-data.js'
import type {ClientChannel, ClientChannelInfo} from './client-channel-info.js'

/**
 * One consumer group as the broker sees it (RocketMQ broker/client/ConsumerGroupInfo.java): its live
 * connections, and the subscriptions from the latest heartbeats.
 */
export class ConsumerGroupInfo {
  readonly channels = new Map<ClientChannel, ClientChannelInfo>()
  readonly subscriptions = new Map<string, SubscriptionData>()
  lastUpdateTimestamp: number

  constructor(
    readonly groupName: string,
    public consumeType: string,
    public messageModel: string,
    public consumeFromWhere: string,
    now: number,
  ) {
    this.lastUpdateTimestamp = now
  }

  /** Adds or refreshes a connection; true when it is new to the group (a rebalance is needed). */
  updateChannel(info: ClientChannelInfo, consumeType: string, messageModel: string, consumeFromWhere: string, now: number): boolean {
    this.consumeType = consumeType
    this.messageModel = messageModel
    this.consumeFromWhere = consumeFromWhere
    this.lastUpdateTimestamp = now
    const existing = this.channels.get(info.channel)
    if (existing) {
      if (existing.clientId !== info.clientId) existing.clientId = info.clientId
      existing.lastUpdateTimestamp = now
      return false
    }
    this.channels.set(info.channel, {...info, lastUpdateTimestamp: now})
    return true
  }

  /**
   * Takes the subscriptions of the latest heartbeat: a new topic is added, a newer subVersion replaces,
   * and topics no longer listed are dropped. True when anything changed.
   */
  updateSubscription(subList: SubscriptionData[], now: number): boolean {
    let updated = false
    const listed = new Set<string>()
    for (const sub of subList) {
      listed.add(sub.topic)
      const old = this.subscriptions.get(sub.topic)
      if (!old) {
        this.subscriptions.set(sub.topic, sub)
        updated = true
      } else if (sub.subVersion > old.subVersion) {
        this.subscriptions.set(sub.topic, sub)
      }
    }
    for (const topic of [...this.subscriptions.keys()]) {
      if (!listed.has(topic)) {
        this.subscriptions.delete(topic)
        updated = true
      }
    }
    this.lastUpdateTimestamp = now
    return updated
  }

  /** Removes a connection; true when it was there. */
  removeChannel(channel: ClientChannel): boolean {
    return this.channels.delete(channel)
  }

  /** Client ids of the live connections, in registration order. */
  getAllClientIds(): string[] {
    return [...this.channels.values()].map((c) => c.clientId)
  }

  /** The live connections. */
  getAllChannels(): ClientChannel[] {
    return [...this.channels.values()].map((c) => c.channel)
  }
}
