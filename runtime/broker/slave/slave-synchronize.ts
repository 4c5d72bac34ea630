import type {Logger} from '../../common/logger.js'
import {silentLogger} from '../../common/logger.js'
import {decodeConsumerOffsetSerializeWrapper} from '../../remoting/body/consumer-offset-serialize-wrapper.js'
import {decodeSubscriptionGroupWrapper} from '../../remoting/body/subscription-group-wrapper.js'
import {decodeTopicConfigSerializeWrapper} from '../../remoting/body/topic-config-serialize-wrapper.js'
import {createRequest} from '../../remoting/remoting-command.js'
import type {RemotingClient} from '../../remoting/remoting-client.js'
import {RequestCode} from '../../remoting/request-code.js'
import {ResponseCode} from '../../remoting/response-code.js'
import {encodeUpdateConsumerOffsetRequestHeader} from '../../remoting/header/update-consumer-offset-request-header.js'
import {TOPIC_GROUP_SEPARATOR, type ConsumerOffsetManager} from '../offset/consumer-offset-manager.js'
import type {OffsetAhead} from '../offset/slave-committed-offsets.js'
import type {ScheduleMessageService} from '../schedule/schedule-message-service.js'
import type {SubscriptionGroupManager} from '../subscription/subscription-group-manager.js'
import type {TopicConfigManager} from '../topic/topic-config-manager.js'

const TIMEOUT_MS = 3000

/**
 * A slave's metadata sync (RocketMQ broker/slave/SlaveSynchronize.java): every 10 s it copies topics,
 * consumer offsets, delay offsets and subscription groups from its master (the masterAddr the name
 * server returned at registration), so consumers that fail over to the slave find them. Offsets that
 * consumers committed on this slave while the master was away are not rolled back by that copy, and
 * are committed to the master (apache/rocketmq#1094; see offset/slave-committed-offsets.ts).
 */
export class SlaveSynchronize {
  /** The master's brokerAddr, learnt from REGISTER_BROKER responses. */
  masterAddr: string | undefined

  constructor(
    private readonly client: RemotingClient,
    private readonly managers: {
      topics: TopicConfigManager
      offsets: ConsumerOffsetManager
      schedule: ScheduleMessageService
      groups: SubscriptionGroupManager
    },
    private readonly logger: Logger = silentLogger,
  ) {}

  /** Runs the four syncs once (a call while one runs waits for it); each failure is logged and does not stop the others. */
  syncAll(): Promise<void> {
    this.running ??= this.syncOnce().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private running: Promise<void> | undefined

  private async syncOnce(): Promise<void> {
    const master = this.masterAddr
    if (!master) return
    await this.sync(master, RequestCode.GET_ALL_TOPIC_CONFIG, 'topic config', (body) => {
      if (this.managers.topics.replaceAll(decodeTopicConfigSerializeWrapper(body))) this.logger.info(`synced topic config from master ${master}`)
    })
    let ahead: OffsetAhead[] = []
    await this.sync(master, RequestCode.GET_ALL_CONSUMER_OFFSET, 'consumer offsets', (body) => {
      ahead = this.managers.offsets.mergeFromMaster(decodeConsumerOffsetSerializeWrapper(body))
    })
    if (ahead.length > 0) await this.pushAhead(master, ahead)
    await this.sync(master, RequestCode.GET_ALL_DELAY_OFFSET, 'delay offsets', (body) => this.managers.schedule.replaceFromJson(body))
    await this.sync(master, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, 'subscription groups', (body) => {
      if (this.managers.groups.replaceAll(decodeSubscriptionGroupWrapper(body))) this.logger.info(`synced subscription groups from master ${master}`)
    })
  }

  /**
   * Commits to the master the offsets consumers committed here while it was away (mqlab's answer to
   * apache/rocketmq#1094), so the returned master does not hand them older positions.
   */
  private async pushAhead(master: string, ahead: OffsetAhead[]): Promise<void> {
    this.logger.info(
      `kept ${ahead.length} consumer offset(s) committed on this slave that the master ${master} does not have yet ` +
        `(${ahead.slice(0, 5).map((a) => `${a.key}[${a.queueId}] ${a.masterOffset}→${a.offset}`).join(', ')}${ahead.length > 5 ? ', …' : ''}); committing them to the master`,
    )
    for (const a of ahead) {
      const at = a.key.indexOf(TOPIC_GROUP_SEPARATOR)
      const header = encodeUpdateConsumerOffsetRequestHeader({consumerGroup: a.key.slice(at + 1), topic: a.key.slice(0, at), queueId: a.queueId, commitOffset: a.offset})
      try {
        const response = await this.client.invoke(master, createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, header), TIMEOUT_MS)
        if (response.code !== ResponseCode.SUCCESS) throw new Error(`code ${response.code} ${response.remark ?? ''}`)
      } catch (error) {
        this.logger.warn(`committing ${a.key}[${a.queueId}]=${a.offset} to master ${master} failed: ${error instanceof Error ? error.message : String(error)}`)
        return
      }
    }
  }

  private async sync(master: string, code: number, what: string, apply: (body: string) => void): Promise<void> {
    try {
      const response = await this.client.invoke(master, createRequest(code), TIMEOUT_MS)
      if (response.code !== ResponseCode.SUCCESS) throw new Error(`code ${response.code} ${response.remark ?? ''}`)
      apply(response.body?.toString('utf8') ?? '{}')
    } catch (error) {
      this.logger.warn(`sync ${what} from master ${master} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}
