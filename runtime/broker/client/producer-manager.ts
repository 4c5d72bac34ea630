import type {Logger} from '../../common/logger.js'
import {silentLogger} from '../../common/logger.js'
import type {ClientChannel, ClientChannelInfo} from './client-channel-info.js'

/** How long a client may stay silent before the broker drops it (ProducerManager.CHANNEL_EXPIRED_TIMEOUT). */
export const CHANNEL_EXPIRED_TIMEOUT_MS = 120_000

/**
 * Producer groups and their connections (RocketMQ broker/client/ProducerManager.java): refreshed by each
 * HEART_BEAT, removed by UNREGISTER_CLIENT, a closed connection, or 120 s without a heartbeat.
 */
export class ProducerManager {
  private readonly groups = new Map<string, Map<ClientChannel, ClientChannelInfo>>()

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly logger: Logger = silentLogger,
    private readonly channelExpiredTimeoutMs = CHANNEL_EXPIRED_TIMEOUT_MS,
  ) {}

  /** Adds the connection to the group, or refreshes its heartbeat time. */
  registerProducer(group: string, info: ClientChannelInfo): void {
    let channels = this.groups.get(group)
    if (!channels) {
      channels = new Map()
      this.groups.set(group, channels)
    }
    const existing = channels.get(info.channel)
    if (existing) existing.lastUpdateTimestamp = this.clock()
    else {
      channels.set(info.channel, {...info, lastUpdateTimestamp: this.clock()})
      this.logger.info(`new producer connected, group: ${group} channel: ${info.channel.remoteAddress} clientId: ${info.clientId}`)
    }
  }

  /** Removes the connection from the group. */
  unregisterProducer(group: string, channel: ClientChannel): void {
    const channels = this.groups.get(group)
    if (!channels?.delete(channel)) return
    this.logger.info(`unregister a producer ${group} from groupChannelTable ${channel.remoteAddress}`)
    if (channels.size === 0) this.groups.delete(group)
  }

  /** Forgets a closed connection in every group. */
  doChannelCloseEvent(channel: ClientChannel): void {
    for (const [group, channels] of this.groups) {
      if (channels.delete(channel)) {
        this.logger.info(`producer channel closed, remove it from group ${group}: ${channel.remoteAddress}`)
        if (channels.size === 0) this.groups.delete(group)
      }
    }
  }

  /** Closes and forgets connections silent for longer than the expiry; returns how many. */
  scanNotActiveChannel(): number {
    const now = this.clock()
    let removed = 0
    for (const [group, channels] of this.groups) {
      for (const [key, info] of channels) {
        if (now - info.lastUpdateTimestamp > this.channelExpiredTimeoutMs) {
          channels.delete(key)
          removed++
          this.logger.warn(`producer channel expired, remove it from group ${group}: ${info.channel.remoteAddress}`)
          info.channel.close()
        }
      }
      if (channels.size === 0) this.groups.delete(group)
    }
    return removed
  }

  /** The group's live connections. */
  getGroupChannels(group: string): ClientChannelInfo[] {
    return [...(this.groups.get(group)?.values() ?? [])]
  }

  /** Producer groups with at least one connection. */
  groupNames(): string[] {
    return [...this.groups.keys()]
  }

  /** A connection by client id, in any group. */
  findChannel(clientId: string): ClientChannel | undefined {
    for (const channels of this.groups.values()) {
      for (const info of channels.values()) if (info.clientId === clientId) return info.channel
    }
    return undefined
  }
}
