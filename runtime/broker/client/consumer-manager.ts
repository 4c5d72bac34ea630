import type {Logger} from '../../common/logger.js'
import {silentLogger} from '../../common/logger.js'
import type {SubscriptionData} from '../../remoting/body/subscription-data.js'
import type {ClientChannel, ClientChannelInfo} from './client-channel-info.js'
import {ConsumerGroupInfo} from './consumer-group-info.js'
import {CHANNEL_EXPIRED_TIMEOUT_MS} from './producer-manager.js'

/** What happened to a consumer group (RocketMQ ConsumerGroupEvent). */
export type ConsumerGroupEvent = 'CHANGE' | 'UNREGISTER' | 'REGISTER'

/**
 * Hears consumer group events. On CHANGE the broker tells every remaining consumer of the group to
 * rebalance (NOTIFY_CONSUMER_IDS_CHANGED); `channels` are the group's live connections after the change.
 */
export type ConsumerIdsChangeListener = (event: ConsumerGroupEvent, group: string, channels: ClientChannel[]) => void

/** Arguments of registerConsumer, named after ConsumerData's fields. */
export interface ConsumerRegistration {
  group: string
  info: ClientChannelInfo
  consumeType: string
  messageModel: string
  consumeFromWhere: string
  subscriptions: SubscriptionData[]
  /** The group's notifyConsumerIdsChangedEnable (and the broker's). */
  notifyConsumerIdsChanged: boolean
}

/**
 * Consumer groups with their connections and subscriptions (RocketMQ broker/client/ConsumerManager.java).
 * Heartbeats register and refresh; UNREGISTER_CLIENT, a closed connection or 120 s of silence remove.
 * Every change of a group's membership or subscriptions raises CHANGE so its consumers rebalance.
 */
export class ConsumerManager {
  private readonly groups = new Map<string, ConsumerGroupInfo>()

  constructor(
    private readonly listener: ConsumerIdsChangeListener,
    private readonly clock: () => number = Date.now,
    private readonly logger: Logger = silentLogger,
    private readonly channelExpiredTimeoutMs = CHANNEL_EXPIRED_TIMEOUT_MS,
  ) {}

  /** Registers or refreshes a consumer from a heartbeat; true when the group changed. */
  registerConsumer(r: ConsumerRegistration): boolean {
    const now = this.clock()
    let info = this.groups.get(r.group)
    if (!info) {
      info = new ConsumerGroupInfo(r.group, r.consumeType, r.messageModel, r.consumeFromWhere, now)
      this.groups.set(r.group, info)
    }
    const newChannel = info.updateChannel(r.info, r.consumeType, r.messageModel, r.consumeFromWhere, now)
    const newSubscriptions = info.updateSubscription(r.subscriptions, now)
    if (newChannel) {
      this.logger.info(
        `new consumer connected, group: ${r.group} ${r.consumeType} ${r.messageModel} channel: ${r.info.channel.remoteAddress} clientId: ${r.info.clientId}`,
      )
    }
    const changed = newChannel || newSubscriptions
    if (changed && r.notifyConsumerIdsChanged) this.listener('CHANGE', r.group, info.getAllChannels())
    this.listener('REGISTER', r.group, info.getAllChannels())
    return changed
  }

  /** Removes a consumer (UNREGISTER_CLIENT). */
  unregisterConsumer(group: string, channel: ClientChannel, notifyConsumerIdsChanged: boolean): void {
    const info = this.groups.get(group)
    if (!info?.removeChannel(channel)) return
    this.logger.info(`unregister consumer ok, group ${group}: ${channel.remoteAddress}`)
    if (info.channels.size === 0) {
      this.logger.info(`no connection left, remove consumer group ${group}`)
      this.groups.delete(group)
      this.listener('UNREGISTER', group, [])
    }
    if (notifyConsumerIdsChanged) this.listener('CHANGE', group, info.getAllChannels())
  }

  /** Forgets a closed connection in every group, telling the remaining consumers to rebalance. */
  doChannelCloseEvent(channel: ClientChannel): void {
    for (const [group, info] of [...this.groups]) {
      if (!info.removeChannel(channel)) continue
      this.logger.info(`consumer channel closed, remove it from group ${group}: ${channel.remoteAddress}`)
      if (info.channels.size === 0) {
        this.groups.delete(group)
        this.listener('UNREGISTER', group, [])
      }
      this.listener('CHANGE', group, info.getAllChannels())
    }
  }

  /**
   * Closes connections whose consumers were silent longer than the expiry; the close then arrives
   * through doChannelCloseEvent. Returns how many were closed.
   */
  scanNotActiveChannel(): number {
    const now = this.clock()
    let closed = 0
    for (const [group, info] of [...this.groups]) {
      for (const [key, c] of [...info.channels]) {
        if (now - c.lastUpdateTimestamp > this.channelExpiredTimeoutMs) {
          this.logger.warn(`consumer channel expired, remove it from group ${group}: ${c.channel.remoteAddress}`)
          info.channels.delete(key)
          closed++
          c.channel.close()
          this.listener('CHANGE', group, info.getAllChannels())
        }
      }
      if (info.channels.size === 0) {
        this.groups.delete(group)
        this.listener('UNREGISTER', group, [])
      }
    }
    return closed
  }

  /** The group, or undefined when no consumer of it is registered. */
  getConsumerGroupInfo(group: string): ConsumerGroupInfo | undefined {
    return this.groups.get(group)
  }

  /** The group's subscription of a topic from its heartbeats. */
  findSubscriptionData(group: string, topic: string): SubscriptionData | undefined {
    return this.groups.get(group)?.subscriptions.get(topic)
  }

  /** A group's connection by client id. */
  findChannel(group: string, clientId: string): ClientChannelInfo | undefined {
    for (const c of this.groups.get(group)?.channels.values() ?? []) if (c.clientId === clientId) return c
    return undefined
  }

  /** Groups subscribed to a topic. */
  queryTopicConsumeByWho(topic: string): Set<string> {
    const groups = new Set<string>()
    for (const [group, info] of this.groups) if (info.subscriptions.has(topic)) groups.add(group)
    return groups
  }

  /** Names of groups with live consumers. */
  groupNames(): string[] {
    return [...this.groups.keys()]
  }
}
