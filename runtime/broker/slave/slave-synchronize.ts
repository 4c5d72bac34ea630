import type {Logger} from '../../common/logger.js'
import {silentLogger} from '../../common/logger.js'
import {decodeConsumerOffsetSerializeWrapper} from '../../remoting/body/consumer-offset-serialize-wrapper.js'
import {decodeSubscriptionGroupWrapper} from '../../remoting/body/subscription-group-wrapper.js'
import {decodeTopicConfigSerializeWrapper} from '../../remoting/body/topic-config-serialize-wrapper.js'
import {createRequest} from '../../remoting/remoting-command.js'
import type {RemotingClient} from '../../remoting/remoting-client.js'
import {RequestCode} from '../../remoting/request-code.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {ConsumerOffsetManager} from '../offset/consumer-offset-manager.js'
import type {ScheduleMessageService} from '../schedule/schedule-message-service.js'
import type {SubscriptionGroupManager} from '../subscription/subscription-group-manager.js'
import type {TopicConfigManager} from '../topic/topic-config-manager.js'

const TIMEOUT_MS = 3000

/**
 * A slave's metadata sync (RocketMQ broker/slave/SlaveSynchronize.java): every 10 s it copies topics,
 * consumer offsets, delay offsets and subscription groups from its master (the masterAddr the name
 * server returned at registration), so consumers that fail over to the slave find them. As in 4.9.8 the
 * copy only goes one way: the master's consumer offsets replace the slave's per topic@group (putAll),
 * so offsets consumers committed on the slave while the master was away are rolled back to the
 * master's once it returns, and a consumer that starts then gets those messages again
 * (apache/rocketmq#1094). Nothing is ever written to the master.
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

  /**
   * Takes the master from registration answers as RocketMQ 4.9.8 does (BrokerController.doRegisterBrokerAll):
   * the first answer decides, and one naming no master (the master is gone) stops the sync until an
   * answer names one again. No answer at all changes nothing.
   */
  learnMaster(results: ReadonlyArray<{ok: boolean; masterAddr?: string}>): void {
    const first = results.find((r) => r.ok)
    if (first) this.masterAddr = first.masterAddr || undefined
  }

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
    await this.sync(master, RequestCode.GET_ALL_CONSUMER_OFFSET, 'consumer offsets', (body) => {
      this.managers.offsets.putAll(decodeConsumerOffsetSerializeWrapper(body))
    })
    await this.sync(master, RequestCode.GET_ALL_DELAY_OFFSET, 'delay offsets', (body) => this.managers.schedule.replaceFromJson(body))
    await this.sync(master, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, 'subscription groups', (body) => {
      if (this.managers.groups.replaceAll(decodeSubscriptionGroupWrapper(body))) this.logger.info(`synced subscription groups from master ${master}`)
    })
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
