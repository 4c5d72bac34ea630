/**
 * mqlab's consumer: a clustering consumer run on demand — `consume({topic, group, count, from,
 * timeoutMs})` joins the group, consumes until `count` messages or the timeout, commits offsets and
 * leaves (see consume-session.ts for the protocol steps). A second run with the same group continues
 * where the first stopped.
 *
 * `from` maps to consumeFromWhere and only matters for queues the group never committed: 'first' =
 * CONSUME_FROM_FIRST_OFFSET, 'last' = CONSUME_FROM_LAST_OFFSET, 'timestamp' = CONSUME_FROM_TIMESTAMP.
 * As with RocketMQ, a broker answers offset 0 for a new group while a queue's first message is still
 * in memory, so on a young broker even 'last' starts from the beginning.
 */
import {decodeNotifyConsumerIdsChangedRequestHeader} from '../../../runtime/remoting/header/notify-consumer-ids-changed-request-header.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {MQClientError} from '../client-errors.js'
import type {ClientOptions} from '../client-options.js'
import type {MessageQueue} from '../route/message-queue.js'
import {MQClientInstance, type ClientDependencies} from '../mq-client-instance.js'
import {checkTopic} from '../producer/outgoing-message.js'
import type {ConsumeFromWhere} from './consume-from-where.js'
import type {ConsumeResult} from './consume-report.js'
import {ConsumeSession} from './consume-session.js'
import type {ConsumedMessage} from './consumed-message.js'
import {DEFAULT_PULL_BATCH_SIZE} from './pull-message-request.js'
import type {StartOverride} from './rebalance.js'

/** What to consume and when to stop. */
export interface ConsumeOptions {
  topic: string
  /** Consumer group (default "mqlab_consumer"). */
  group?: string
  /** TAG expression: "*" (default), "TagA", "TagA || TagB". */
  subExpression?: string
  /** Stop after this many messages (default: run until the timeout). */
  count?: number
  /** Start of queues the group never committed (default 'last', RocketMQ's default). */
  from?: 'first' | 'last' | 'timestamp'
  /** With from 'timestamp': ms since the epoch (default 30 minutes ago, as RocketMQ). */
  consumeTimestamp?: number
  /** Overall time limit, ms (default 10 000). */
  timeoutMs?: number
  /** Messages per pull (default 32). */
  pullBatchSize?: number
  /** Called with each message as it is delivered. */
  onMessage?: (message: ConsumedMessage) => void
  /** Called when rebalancing changed the queues this consumer owns of a topic (the topic or its retry topic). */
  onRebalance?: (topic: string, owned: MessageQueue[]) => void
  /** Ends the run early. */
  signal?: AbortSignal
  /** Keep every message in the result (default true). */
  keepMessages?: boolean
  /** Rebalance period, ms (default 20 000, RocketMQ's). */
  rebalanceIntervalMs?: number
  /** Heartbeat period, ms (default 30 000). */
  heartbeatIntervalMs?: number
  /** Offset commit period, ms (default 5000). */
  persistIntervalMs?: number
  /** Wait after a failed pull, ms (default: the client's failover timing, 3000 as RocketMQ's, 1000 with fast failover). */
  pullRetryDelayMs?: number
  /** Stop once every owned queue has been read to its end (kcat -e). */
  exitAtEnd?: boolean
  /** mqlab only: start this run elsewhere than the group's committed offsets (tail, an offset, a time). */
  startOverride?: StartOverride
}

/** Injected dependencies. */
export interface ConsumerDependencies extends ClientDependencies {
  /** A shared client instance (then close() leaves it open). */
  client?: MQClientInstance
  /** Monotonic ms clock (default performance.now). */
  monotonic?: () => number
}

const FROM: Record<NonNullable<ConsumeOptions['from']>, ConsumeFromWhere> = {
  first: 'CONSUME_FROM_FIRST_OFFSET',
  last: 'CONSUME_FROM_LAST_OFFSET',
  timestamp: 'CONSUME_FROM_TIMESTAMP',
}

/** Consumes from a RocketMQ 4.x cluster as a clustering consumer. */
export class Consumer {
  readonly client: MQClientInstance
  private readonly ownsClient: boolean
  private readonly monotonic: () => number
  private active: ConsumeSession | undefined

  constructor(options: ClientOptions, deps: ConsumerDependencies = {}) {
    this.ownsClient = deps.client === undefined
    this.client = deps.client ?? new MQClientInstance(options, deps)
    this.monotonic = deps.monotonic ?? (() => performance.now())
    // Brokers tell consumers of a group when its members change (oneway); rebalance at once.
    this.client.remoting.onServerRequest((request) => {
      if (request.code !== RequestCode.NOTIFY_CONSUMER_IDS_CHANGED || this.active === undefined) return
      try {
        const {consumerGroup} = decodeNotifyConsumerIdsChangedRequestHeader(request.extFields)
        if (consumerGroup === this.active.settings.group) this.active.requestRebalance()
      } catch {
        // a malformed notification changes nothing
      }
    })
  }

  /** Runs one consume; one at a time per Consumer. */
  async consume(options: ConsumeOptions): Promise<ConsumeResult> {
    this.client.assertOpen()
    if (this.active !== undefined) throw new MQClientError('INVALID_ARGUMENT', 'a consume run is already in progress on this consumer')
    const problem = checkTopic(options.topic)
    if (problem !== undefined) throw new MQClientError('INVALID_ARGUMENT', problem)
    const session = new ConsumeSession(
      this.client,
      {
        topic: options.topic,
        group: options.group ?? 'mqlab_consumer',
        subExpression: options.subExpression ?? '*',
        count: options.count,
        consumeFromWhere: FROM[options.from ?? 'last'],
        consumeTimestamp: options.consumeTimestamp ?? this.client.now() - 30 * 60 * 1000,
        timeoutMs: options.timeoutMs ?? 10_000,
        pullBatchSize: options.pullBatchSize ?? DEFAULT_PULL_BATCH_SIZE,
        keepMessages: options.keepMessages ?? true,
        rebalanceIntervalMs: options.rebalanceIntervalMs ?? 20_000,
        heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
        persistIntervalMs: options.persistIntervalMs ?? 5000,
        pullRetryDelayMs: options.pullRetryDelayMs ?? this.client.timing.pullRetryDelayMs,
        onMessage: options.onMessage,
        onRebalance: options.onRebalance,
        signal: options.signal,
        ...(options.exitAtEnd ? {exitAtEnd: true} : {}),
        ...(options.startOverride ? {startOverride: options.startOverride} : {}),
      },
      this.monotonic,
    )
    this.active = session
    try {
      return await session.run()
    } finally {
      this.active = undefined
    }
  }

  /** Closes connections (pulls still held by a broker are abandoned). */
  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close()
  }
}
