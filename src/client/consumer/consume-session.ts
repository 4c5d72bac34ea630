/**
 * One consume run of a clustering consumer (DefaultMQPushConsumer's machinery, driven to a stop): it
 * heart-beats the brokers with the subscription (the topic, plus %RETRY%<group> as Java subscribes it
 * automatically), rebalances (at start, every 20 s, and when a broker says the group changed), pulls
 * each owned queue with long polling, re-checks tags, delivers until `count` messages or the deadline,
 * then commits every queue's offset (UPDATE_CONSUMER_OFFSET, awaited; every 5 s in between) and
 * unregisters. Offsets cover exactly the messages delivered, so the next run with the group continues
 * at the first message this one did not deliver.
 *
 * Routes (and so the broker each queue is pulled from) are re-read every pollNameServerInterval (30 s),
 * as MQClientInstance's route poll does: after a master dies, pulls move to its slave at the first poll
 * that no longer lists the master. With the opt-in fast failover the pull loop also re-reads the route
 * right after a connection failure.
 */
import type {MessageExt} from '../../../runtime/message/message-ext.js'
import type {HeartbeatData} from '../../../runtime/remoting/body/heartbeat-data.js'
import {buildSubscriptionData, type SubscriptionData} from '../../../runtime/remoting/body/subscription-data.js'
import {MQClientError} from '../client-errors.js'
import {heartbeatTargets, sendHeartbeat, unregisterClient} from '../client-heartbeat.js'
import type {MQClientInstance} from '../mq-client-instance.js'
import type {FoundBroker} from '../route/broker-addr-table.js'
import {messageQueueKey, type MessageQueue} from '../route/message-queue.js'
import {topicRouteToSubscribeInfo} from '../route/topic-subscribe-info.js'
import {summarizeLatencies} from '../stats/latency-stats.js'
import {throughput} from '../stats/run-stats.js'
import {allocateMessageQueueAveragely} from './allocate-message-queue-averagely.js'
import {RETRY_GROUP_TOPIC_PREFIX, type ConsumeFromWhere} from './consume-from-where.js'
import type {ConsumeResult, ConsumeStopReason} from './consume-report.js'
import {toConsumedMessage, type ConsumedMessage} from './consumed-message.js'
import {ProcessQueue} from './process-queue.js'
import {runPullLoop} from './pull-loop.js'
import {computePullFromWhere, diffAssignment, findConsumerIdList, type StartOverride} from './rebalance.js'
import {updateConsumerOffset} from './remote-broker-offset-store.js'

/** Fully resolved settings of a run. */
export interface ConsumeSessionSettings {
  topic: string
  group: string
  subExpression: string
  count: number | undefined
  consumeFromWhere: ConsumeFromWhere
  consumeTimestamp: number
  timeoutMs: number
  pullBatchSize: number
  keepMessages: boolean
  rebalanceIntervalMs: number
  heartbeatIntervalMs: number
  persistIntervalMs: number
  pullRetryDelayMs: number
  onMessage?: (message: ConsumedMessage) => void
  onRebalance?: (topic: string, owned: MessageQueue[]) => void
  signal?: AbortSignal
  /** Stop once every owned queue has been read to its end (kcat -e); pulls are then not held. */
  exitAtEnd?: boolean
  /** Where this run starts, over the group's committed offsets (mqlab only). */
  startOverride?: StartOverride
}

/** A single consume run; create, `run()` once. */
export class ConsumeSession {
  readonly subscriptions: SubscriptionData[]
  private readonly queues = new Map<string, ProcessQueue>()
  private readonly retired: ProcessQueue[] = []
  private readonly messages: ConsumedMessage[] = []
  private readonly e2eLatencies: number[] = []
  private readonly byBroker: Record<string, number> = {}
  private readonly problems = new Set<string>()
  private readonly wakers = new Set<() => void>()
  /** Pending timers: cleared at shutdown, none outlives the run. */
  private readonly pendingTimers = new Set<unknown>()
  private readonly heartbeated = new Set<string>()
  private readonly pendingCommits = new Set<Promise<void>>()
  private readonly committing = new Set<ProcessQueue>()
  private delivered = 0
  private stopReason: ConsumeStopReason = 'timeout'
  private stoppedFlag = false
  private deadline = 0
  private rebalancing: Promise<void> = Promise.resolve()
  private rebalanceQueued = false
  private finish: (reason: ConsumeStopReason) => void = () => undefined

  constructor(
    readonly client: MQClientInstance,
    readonly settings: ConsumeSessionSettings,
    private readonly monotonic: () => number,
  ) {
    this.subscriptions = [
      buildSubscriptionData(settings.topic, settings.subExpression, client.now()),
      buildSubscriptionData(RETRY_GROUP_TOPIC_PREFIX + settings.group, '*', client.now()),
    ]
  }

  /** Whether the run has ended (pull loops stop delivering). */
  get stopped(): boolean {
    return this.stoppedFlag
  }

  /** Runs to the end; rejects only when the topic has no route or no name server answers. */
  async run(): Promise<ConsumeResult> {
    const s = this.settings
    const started = this.monotonic()
    this.deadline = started + s.timeoutMs
    const done = new Promise<void>((resolve) => {
      this.finish = (reason) => {
        if (this.stoppedFlag) return
        this.stoppedFlag = true
        this.stopReason = reason
        for (const wake of [...this.wakers]) wake()
        resolve()
      }
    })
    if (s.count !== undefined && s.count <= 0) this.finish('count')
    const route = await this.client.updateTopicRoute(s.topic)
    if (route === undefined) {
      throw new MQClientError('TOPIC_NOT_EXIST', `No route info of this topic: ${s.topic}`, {
        suggestion: `check the topic name (mqlab topic list) or create it (mqlab topic create ${s.topic})`,
      })
    }
    await this.client.updateTopicRoute(this.subscriptions[1]!.topic).catch(() => undefined)
    const onAbort = () => this.finish('aborted')
    s.signal?.addEventListener('abort', onAbort)
    if (s.signal?.aborted === true) this.finish('aborted')
    this.later(() => this.finish('timeout'), Math.max(0, this.deadline - this.monotonic()))
    if (!this.stoppedFlag) {
      await this.heartbeat()
      this.every(() => void this.heartbeat(), s.heartbeatIntervalMs)
      this.every(() => this.requestRebalance(), s.rebalanceIntervalMs)
      this.every(() => this.persistAll(), s.persistIntervalMs)
      this.every(() => this.pollRoutes(), this.client.pollIntervalMs)
      this.requestRebalance()
    }
    await done
    s.signal?.removeEventListener('abort', onAbort)
    await this.shutdown()
    const elapsedMs = this.monotonic() - started
    return {
      summary: {
        topic: s.topic,
        group: s.group,
        count: this.delivered,
        stoppedBy: this.stopReason,
        elapsedMs,
        throughput: throughput(this.delivered, elapsedMs),
        endToEndLatency: summarizeLatencies(this.e2eLatencies),
        byBroker: this.byBroker,
        queues: [...this.retired, ...this.queues.values()].map((pq) => ({
          topic: pq.mq.topic,
          brokerName: pq.mq.brokerName,
          queueId: pq.mq.queueId,
          startOffset: pq.startOffset,
          committedOffset: pq.committedOffset,
          delivered: pq.delivered,
          lastServedByBrokerId: pq.lastServedByBrokerId,
        })),
        problems: [...this.problems],
      },
      messages: this.messages,
    }
  }

  /** Asks for a rebalance soon (coalesced with one already waiting). */
  requestRebalance(): void {
    if (this.stoppedFlag || this.rebalanceQueued) return
    this.rebalanceQueued = true
    this.rebalancing = this.rebalancing.then(async () => {
      this.rebalanceQueued = false
      if (this.stoppedFlag) return
      let complete = true
      for (const sub of this.subscriptions) {
        try {
          complete = (await this.rebalanceTopic(sub)) && complete
        } catch (err) {
          complete = false
          this.problem(`rebalance of ${sub.topic} failed: ${messageOf(err)}`)
        }
      }
      // A consumer not yet listed by the broker, or a queue whose start could not be read: try again soon.
      if (!complete && !this.stoppedFlag) this.later(() => this.requestRebalance(), this.settings.pullRetryDelayMs)
    })
  }

  /** Delivers one pulled message if the run still wants it; false once the run has ended or has enough. */
  deliver(pq: ProcessQueue, msg: MessageExt, served: FoundBroker): boolean {
    const {count} = this.settings
    if (this.stoppedFlag || (count !== undefined && this.delivered >= count)) return false
    const message = toConsumedMessage(msg, {brokerName: served.brokerName, brokerId: served.brokerId})
    this.delivered++
    pq.delivered++
    const key = `${served.brokerName}/${served.brokerId}`
    this.byBroker[key] = (this.byBroker[key] ?? 0) + 1
    this.e2eLatencies.push(Math.max(0, this.client.now() - msg.bornTimestamp))
    if (this.settings.keepMessages) this.messages.push(message)
    this.settings.onMessage?.(message)
    if (count !== undefined && this.delivered >= count) this.finish('count')
    return true
  }

  /** Milliseconds left before the deadline. */
  remainingMs(): number {
    return this.deadline - this.monotonic()
  }

  /** Waits `ms`, or less if the run ends first. */
  pause(ms: number): Promise<void> {
    if (this.stoppedFlag) return Promise.resolve()
    return new Promise((resolve) => {
      const wake = () => {
        this.client.timers.clearTimeout(timer)
        this.wakers.delete(wake)
        resolve()
      }
      const timer = this.client.timers.setTimeout(wake, ms, true)
      this.wakers.add(wake)
    })
  }

  /** Records a problem for the summary (deduplicated). */
  problem(text: string): void {
    this.problems.add(text)
    this.client.logger.warn(text)
  }

  /** Commits a queue's offset if it moved and no commit of it is under way; failures become problems. */
  commit(pq: ProcessQueue): Promise<void> {
    if (!pq.isDirty() || this.committing.has(pq)) return Promise.resolve()
    this.committing.add(pq)
    const value = pq.consumedOffset
    const p = updateConsumerOffset(this.client, this.settings.group, pq.mq, value)
      .then(() => {
        pq.committedOffset = value
      })
      .catch((err: unknown) => this.problem(`commit of offset ${value} for ${messageQueueKey(pq.mq)} failed: ${messageOf(err)}`))
      .finally(() => {
        this.pendingCommits.delete(p)
        this.committing.delete(pq)
      })
    this.pendingCommits.add(p)
    return p
  }

  private async rebalanceTopic(sub: SubscriptionData): Promise<boolean> {
    const route = await this.client.getTopicRoute(sub.topic)
    if (route === undefined) return true // the retry topic before the broker created it
    const mqAll = topicRouteToSubscribeInfo(sub.topic, route)
    const cids = await findConsumerIdList(this.client, this.settings.group, route)
    if (!cids.includes(this.client.clientId)) return false
    const mine = allocateMessageQueueAveragely(this.client.clientId, mqAll, cids)
    const owned = [...this.queues.values()].filter((pq) => pq.mq.topic === sub.topic).map((pq) => pq.mq)
    const {added, removed} = diffAssignment(owned, mine)
    for (const mq of removed) {
      const pq = this.queues.get(messageQueueKey(mq))!
      pq.dropped = true
      this.queues.delete(messageQueueKey(mq))
      this.retired.push(pq)
      void this.commit(pq)
    }
    const s = this.settings
    const starts = await Promise.all(
      added.map((mq) =>
        computePullFromWhere(this.client, s.group, mq, s.consumeFromWhere, s.consumeTimestamp, sub.topic === s.topic ? s.startOverride : undefined).catch(
          (err: unknown) => {
            this.problem(`start offset of ${messageQueueKey(mq)} unknown: ${messageOf(err)}`)
            return undefined
          },
        ),
      ),
    )
    let complete = true
    added.forEach((mq, i) => {
      const start = starts[i]
      if (start === undefined) {
        complete = false
        return
      }
      if (this.stoppedFlag) return
      const pq = new ProcessQueue(mq, start.start, start.stored)
      this.queues.set(messageQueueKey(mq), pq)
      void runPullLoop(this, pq, sub)
    })
    if (!this.stoppedFlag && (added.length > 0 || removed.length > 0)) {
      this.settings.onRebalance?.(
        sub.topic,
        [...this.queues.values()].filter((pq) => pq.mq.topic === sub.topic).map((pq) => pq.mq),
      )
    }
    if (complete && sub.topic === s.topic) this.assigned = true
    this.checkEnd()
    return complete
  }

  private assigned = false

  /** With exitAtEnd: finishes once the topic's queues are assigned and every owned queue is at its end. */
  checkEnd(): void {
    if (!this.settings.exitAtEnd || this.stoppedFlag || !this.assigned) return
    const owned = [...this.queues.values()]
    if (owned.every((pq) => pq.atEnd)) this.finish('end')
  }

  private async heartbeat(): Promise<void> {
    const s = this.settings
    const data: HeartbeatData = {
      clientID: this.client.clientId,
      producerDataSet: [],
      consumerDataSet: [
        {
          groupName: s.group,
          consumeType: 'CONSUME_PASSIVELY',
          messageModel: 'CLUSTERING',
          consumeFromWhere: s.consumeFromWhere,
          subscriptionDataSet: this.subscriptions,
          unitMode: false,
        },
      ],
    }
    for (const outcome of await sendHeartbeat(this.client, data, heartbeatTargets(this.client, false))) {
      if (outcome.error === undefined) this.heartbeated.add(outcome.addr)
      else this.problem(`heartbeat to ${outcome.addr} failed: ${messageOf(outcome.error)}`)
    }
  }

  /** The route poll: both subscribed topics (a failure keeps the last route, as Java's poll does). */
  private pollRoutes(): void {
    for (const sub of this.subscriptions)
      void this.client.updateTopicRoute(sub.topic).catch((err: unknown) => this.problem(`route poll of ${sub.topic} failed: ${messageOf(err)}`))
  }

  private persistAll(): void {
    for (const pq of this.queues.values()) void this.commit(pq)
  }

  private async shutdown(): Promise<void> {
    this.clearTimers()
    await this.rebalancing.catch(() => undefined)
    this.clearTimers()
    await Promise.all([...this.pendingCommits])
    const all = [...this.retired, ...this.queues.values()]
    for (const pq of all) pq.dropped = true
    await Promise.all(all.map((pq) => this.commit(pq)))
    await unregisterClient(this.client, {consumerGroup: this.settings.group}, [...this.heartbeated])
  }

  // On the client's timers (manual in tests), kept alive while the run waits.
  private later(fn: () => void, ms: number): void {
    const h = this.client.timers.setTimeout(() => void (this.pendingTimers.delete(h), fn()), ms, true)
    this.pendingTimers.add(h)
  }

  private every(fn: () => void, ms: number): void {
    this.later(() => void (this.stoppedFlag || (fn(), this.every(fn, ms))), ms)
  }

  private clearTimers(): void {
    for (const h of this.pendingTimers) this.client.timers.clearTimeout(h)
    this.pendingTimers.clear()
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
