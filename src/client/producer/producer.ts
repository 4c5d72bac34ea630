/**
 * mqlab's producer (DefaultMQProducer's send path, RocketMQ 4.9.8): synchronous sends pipelined
 * `inflight` at a time, queue choice round robin over the masters' queues, up to two retries on
 * another broker for transport failures and DefaultMQProducer's retryable codes, all within
 * sendMsgTimeout. A topic without a route is sent through TBW102's route (queue count capped to
 * min(defaultTopicQueueNums, TBW102's)), so a broker with autoCreateTopicEnable creates it; as in Java,
 * that TBW102-derived route is kept until the 30 s route poll, so a burst spreads over every master
 * and each of them creates the topic.
 *
 * Routes are cached (no name-server request per message) and re-read by the 30 s poll; a send that
 * meets a dead broker fails fast and is retried on another one. Only with the opt-in `failover: 'fast'`
 * is the route re-read right after a connection failure (see ../failover-timing.ts).
 */
import {createUniqueMessageId} from '../../../runtime/message/message-id.js'
import {MQClientError, errorStatus} from '../client-errors.js'
import {heartbeatTargets, sendHeartbeat, unregisterClient} from '../client-heartbeat.js'
import type {ClientOptions} from '../client-options.js'
import {MQClientInstance, type ClientDependencies} from '../mq-client-instance.js'
import type {MessageQueue} from '../route/message-queue.js'
import type {TopicPublishInfo} from '../route/topic-publish-info.js'
import {summarizeRun, type RunSample} from '../stats/run-stats.js'
import {noWritableQueue, PublishInfoTable} from './publish-info-table.js'
import {prepareMessage, type OutgoingMessage, type PreparedMessage} from './outgoing-message.js'
import {buildSendMessageRequest, parseSendResponse, type SendHeaderContext} from './send-message-request.js'
import type {SendAttempt, SendReport, SendRunResult} from './send-report.js'
import {isConnectionFailure, nextSendStep, type SendRetryOptions} from './send-retry-policy.js'

/** Producer settings (DefaultMQProducer's names and defaults). */
export interface ProducerOptions extends ClientOptions {
  /** Default "mqlab_producer". */
  producerGroup?: string
  /** Template topic for auto-creation (default "TBW102"). */
  createTopicKey?: string
  /** Queues asked for when a topic is auto-created (default 4). */
  defaultTopicQueueNums?: number
  /** Budget for all attempts of one message, ms (default 3000). */
  sendMsgTimeout?: number
  /** Retries after the first attempt (default 2). */
  retryTimesWhenSendFailed?: number
  /** Re-send a stored-but-not-OK message (FLUSH_*_TIMEOUT, SLAVE_NOT_AVAILABLE) to another broker (default false). */
  retryAnotherBrokerWhenNotStoreOK?: boolean
  /** Compress bodies of at least this many bytes (default 4096). */
  compressMsgBodyOverHowmuch?: number
  /** Largest body accepted (default 4 MiB). */
  maxMessageSize?: number
}

/** Options of one `send` run. */
export interface SendRunOptions {
  /** Messages in flight at once (default 1). */
  inflight?: number
  /** Called with each report as soon as it is known. */
  onResult?: (report: SendReport) => void
  /** Stops taking new messages once aborted; messages in flight finish. */
  signal?: AbortSignal
  /** Keep every report in the result (default true); the summary is computed either way. */
  keepReports?: boolean
  /** Send every message to this queue (RocketMQ's send(msg, mq)): no rotation, no retry elsewhere. */
  queue?: {queueId: number; brokerName?: string}
}

/** Injected dependencies of the producer. */
export interface ProducerDependencies extends ClientDependencies {
  /** A shared client instance (then close() leaves it open). */
  client?: MQClientInstance
  /** Monotonic ms clock for latencies (default performance.now). */
  monotonic?: () => number
  /** UNIQ_KEY generator (default createUniqueMessageId). */
  createUniqId?: () => string
}

/** Sends messages to a RocketMQ 4.x cluster. */
export class Producer {
  readonly client: MQClientInstance
  private readonly ownsClient: boolean
  private readonly group: string
  private readonly header: SendHeaderContext
  private readonly retry: SendRetryOptions
  private readonly retryNotStoreOK: boolean
  private readonly prepareOptions: Parameters<typeof prepareMessage>[1]
  private readonly monotonic: () => number
  private readonly publishInfos: PublishInfoTable
  private readonly heartbeated = new Set<string>()

  constructor(options: ProducerOptions, deps: ProducerDependencies = {}) {
    this.ownsClient = deps.client === undefined
    this.client = deps.client ?? new MQClientInstance(options, deps)
    this.group = options.producerGroup ?? 'mqlab_producer'
    this.header = {
      producerGroup: this.group,
      createTopicKey: options.createTopicKey ?? 'TBW102',
      defaultTopicQueueNums: options.defaultTopicQueueNums ?? 4,
    }
    this.retry = {retryTimesWhenSendFailed: options.retryTimesWhenSendFailed ?? 2, sendMsgTimeout: options.sendMsgTimeout ?? 3000}
    this.retryNotStoreOK = options.retryAnotherBrokerWhenNotStoreOK ?? false
    this.prepareOptions = {
      compressMsgBodyOverHowmuch: options.compressMsgBodyOverHowmuch ?? 4096,
      maxMessageSize: options.maxMessageSize ?? 4 * 1024 * 1024,
      createUniqId: deps.createUniqId ?? (() => createUniqueMessageId()),
    }
    this.monotonic = deps.monotonic ?? (() => performance.now())
    this.publishInfos = new PublishInfoTable(this.client, this.header.createTopicKey, this.header.defaultTopicQueueNums, this.monotonic, () =>
      this.heartbeatMasters(),
    )
  }

  /** Sends every message, `inflight` at a time; resolves with a report per message and a summary. */
  async send(messages: Iterable<OutgoingMessage> | AsyncIterable<OutgoingMessage>, options: SendRunOptions = {}): Promise<SendRunResult> {
    this.client.assertOpen()
    const inflight = Math.max(1, Math.floor(options.inflight ?? 1))
    const keep = options.keepReports ?? true
    const reports: SendReport[] = []
    const samples: RunSample[] = []
    let retried = 0
    // Lines read from stdin arrive as an async iterable; concurrent next() calls on it are queued.
    const selector = options.queue === undefined ? undefined : queueSelector(options.queue)
    const iterator: Iterator<OutgoingMessage> | AsyncIterator<OutgoingMessage> =
      Symbol.asyncIterator in messages ? messages[Symbol.asyncIterator]() : messages[Symbol.iterator]()
    let next = 0
    const started = this.monotonic()
    const worker = async (): Promise<void> => {
      while (options.signal?.aborted !== true) {
        const item = await iterator.next()
        if (item.done === true) return
        const index = next++
        const report = await this.sendOne(item.value, index, selector)
        samples.push({status: report.status, latencyMs: report.latencyMs, outcome: report.outcome})
        if (report.retried) retried++
        if (keep) reports[index] = report
        options.onResult?.(report)
      }
    }
    await Promise.all(Array.from({length: inflight}, worker))
    const elapsed = this.monotonic() - started
    return {summary: {...summarizeRun(samples, elapsed), retried}, messages: keep ? reports : []}
  }

  /**
   * Sends one message with retries; never throws for a send failure — the report says what happened.
   * With `selector` (DefaultMQProducer.send(msg, MessageQueueSelector, arg)) the selector picks the queue
   * from the topic's writable queues and, as sendSelectImpl, a failed send is not retried elsewhere.
   */
  async sendOne(message: OutgoingMessage, index = 0, selector?: (queues: readonly MessageQueue[]) => MessageQueue | undefined): Promise<SendReport> {
    this.client.assertOpen()
    const start = this.monotonic()
    let prepared: PreparedMessage
    try {
      prepared = prepareMessage(message, this.prepareOptions)
    } catch (err) {
      return this.failure(index, message.topic, undefined, start, [], err)
    }
    let info: TopicPublishInfo
    try {
      info = await this.publishInfos.find(prepared.topic)
    } catch (err) {
      return this.failure(index, prepared.topic, prepared.uniqKey, start, [], err)
    }
    const attempts: SendAttempt[] = []
    let lastBrokerName: string | undefined
    let lastError: unknown
    for (let attempt = 0; ; attempt++) {
      const mq = selector !== undefined ? selector(info.messageQueues) : info.selectOneMessageQueue(lastBrokerName)
      if (mq === undefined) {
        lastError =
          selector === undefined || info.messageQueues.length === 0
            ? noWritableQueue(prepared.topic)
            : new MQClientError(
                'INVALID_ARGUMENT',
                `the chosen queue is not a writable queue of ${prepared.topic} (writable: ${info.messageQueues.map((q) => `${q.brokerName}/${q.queueId}`).join(' ')})`,
              )
        break
      }
      const elapsed = this.monotonic() - start
      if (elapsed > this.retry.sendMsgTimeout) {
        lastError = new MQClientError('SEND_FAILED', `sendDefaultImpl call timeout after ${Math.round(elapsed)} ms`)
        break
      }
      const attemptStart = this.monotonic()
      let addr: string | undefined
      try {
        addr = await this.masterAddress(mq)
        const request = buildSendMessageRequest(prepared, mq, this.header, this.client.now())
        const response = await this.client.remoting.invoke(addr, request, Math.max(1, this.retry.sendMsgTimeout - elapsed))
        const result = parseSendResponse(response, addr)
        attempts.push({brokerName: mq.brokerName, queueId: mq.queueId, addr, status: result.status, latencyMs: this.monotonic() - attemptStart})
        if (result.status !== 'SEND_OK' && this.retryNotStoreOK && selector === undefined && attempt < this.retry.retryTimesWhenSendFailed) {
          lastBrokerName = mq.brokerName
          continue
        }
        return {
          index,
          topic: prepared.topic,
          status: result.status,
          outcome: result.status === 'SEND_OK' ? 'ok' : 'degraded',
          msgId: prepared.uniqKey,
          offsetMsgId: result.offsetMsgId,
          brokerName: mq.brokerName,
          queueId: result.queueId,
          queueOffset: result.queueOffset,
          latencyMs: this.monotonic() - start,
          retried: attempts.length > 1,
          attempts,
        }
      } catch (err) {
        lastError = err
        attempts.push({
          brokerName: mq.brokerName,
          queueId: mq.queueId,
          addr,
          status: errorStatus(err),
          error: err instanceof Error ? err.message : String(err),
          latencyMs: this.monotonic() - attemptStart,
        })
        if (isConnectionFailure(err) && this.client.timing.refreshRouteOnConnectionFailure)
          info = await this.publishInfos.refreshAfterConnectionFailure(prepared.topic, info)
        const step = selector !== undefined ? 'give-up' : nextSendStep(attempt, err, this.monotonic() - start, this.retry)
        if (step !== 'retry') break
        lastBrokerName = mq.brokerName
      }
    }
    return this.failure(index, prepared.topic, prepared.uniqKey, start, attempts, lastError)
  }

  /** Closes the producer: unregisters from the brokers it heart-beated, then closes its connections. */
  async close(): Promise<void> {
    if (this.heartbeated.size > 0) await unregisterClient(this.client, {producerGroup: this.group}, [...this.heartbeated])
    if (this.ownsClient) await this.client.close()
  }

  private async masterAddress(mq: MessageQueue): Promise<string> {
    let addr = this.client.brokerAddrTable.findBrokerAddressInPublish(mq.brokerName)
    if (addr === undefined) {
      await this.client.updateTopicRoute(mq.topic).catch(() => undefined)
      addr = this.client.brokerAddrTable.findBrokerAddressInPublish(mq.brokerName)
    }
    if (addr === undefined) throw new MQClientError('BROKER_NOT_FOUND', `The broker[${mq.brokerName}] not exist`)
    return addr
  }

  /** Heart-beats masters not heard from yet (producerDataSet only), in the background. */
  private heartbeatMasters(): void {
    const targets = heartbeatTargets(this.client, true).filter((addr) => !this.heartbeated.has(addr))
    if (targets.length === 0) return
    for (const addr of targets) this.heartbeated.add(addr)
    void sendHeartbeat(this.client, {clientID: this.client.clientId, producerDataSet: [{groupName: this.group}], consumerDataSet: []}, targets)
  }

  private failure(index: number, topic: string, msgId: string | undefined, start: number, attempts: SendAttempt[], err: unknown): SendReport {
    const code = errorStatus(err)
    const last = attempts[attempts.length - 1]
    return {
      index,
      topic,
      status: code,
      outcome: 'failed',
      msgId,
      brokerName: last?.brokerName,
      queueId: last?.queueId,
      latencyMs: this.monotonic() - start,
      retried: attempts.length > 1,
      attempts,
      error: {code, message: err instanceof Error ? err.message : String(err)},
    }
  }
}

/** `send --queue`: the queue with that id, on the named broker or the first broker that has it. */
function queueSelector(queue: {queueId: number; brokerName?: string}): (queues: readonly MessageQueue[]) => MessageQueue | undefined {
  return (queues) => queues.find((q) => q.queueId === queue.queueId && (queue.brokerName === undefined || q.brokerName === queue.brokerName))
}
