/**
 * The workload of an experiment on mqlab's own client: producers (open loop at a rate, or closed loop
 * with N in flight) and clustering consumers, every send and every delivery written to the history as
 * it happens. Each message's body starts with its value ("p0-17"), unique per send, so a delivery is
 * tied to its send even without the UNIQ_KEY.
 */
import {Consumer} from '../../client/consumer/consumer.js'
import type {ConsumedMessage} from '../../client/consumer/consumed-message.js'
import {Producer} from '../../client/producer/producer.js'
import type {OutgoingMessage} from '../../client/producer/outgoing-message.js'
import type {SendReport} from '../../client/producer/send-report.js'
import type {MessageQueue} from '../../client/route/message-queue.js'
import {sendOutcome, type ConsumeRecord, type SendRecord} from '../checker/index.js'
import type {Workload} from '../scenario/scenario.js'

/**
 * Client timings: RocketMQ's (the client's 'java' failover: route poll 30 s, no re-read after a failed
 * connection, pull retry 3 s, rebalance 20 s), or fast (mqlab's --fast-failover, plus route poll and
 * rebalance every second, so a short run shows the whole failover).
 */
export function clientTimings(timing: 'java' | 'fast'): {
  failover: 'java' | 'fast'
  pollNameServerIntervalMs: number
  rebalanceIntervalMs: number
  pullRetryDelayMs: number
} {
  return timing === 'fast'
    ? {failover: 'fast', pollNameServerIntervalMs: 1000, rebalanceIntervalMs: 1000, pullRetryDelayMs: 200}
    : {failover: 'java', pollNameServerIntervalMs: 30_000, rebalanceIntervalMs: 20_000, pullRetryDelayMs: 3000}
}

export interface WorkloadSettings {
  namesrvAddr: string
  topic: string
  workload: Workload
  timing: 'java' | 'fast'
  /** ms since the run started. */
  now: () => number
  onSend: (record: SendRecord) => void
  onConsume: (record: ConsumeRecord) => void
}

const MAX_OPEN_LOOP_OUTSTANDING = 2000

/** Java's String.hashCode, as SelectMessageQueueByHash uses it (arg.hashCode() % size, sign dropped). */
export function javaHash(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0
  return h
}

export class WorkloadRunner {
  private readonly consumers: Array<{consumer: Consumer; done: Promise<unknown>}> = []
  private readonly consumerAbort = new AbortController()
  private seq = 0
  lastDeliveryAt = 0
  readonly problems: string[] = []

  constructor(private readonly s: WorkloadSettings) {}

  get group(): string {
    return this.s.workload.group ?? 'mqlab_experiment'
  }

  /** Starts the consumers; they run until stopConsumers(). */
  startConsumers(): void {
    const timings = clientTimings(this.s.timing)
    for (let i = 0; i < (this.s.workload.consumers ?? 1); i++) {
      const consumer = new Consumer({
        namesrvAddr: this.s.namesrvAddr,
        failover: timings.failover,
        pollNameServerIntervalMs: timings.pollNameServerIntervalMs,
        instanceName: `mqlab-exp-c${i}-${process.pid}`,
      })
      const done = consumer
        .consume({
          topic: this.s.topic,
          group: this.group,
          from: 'first',
          timeoutMs: 24 * 3600 * 1000,
          keepMessages: false,
          rebalanceIntervalMs: timings.rebalanceIntervalMs,
          pullRetryDelayMs: timings.pullRetryDelayMs,
          persistIntervalMs: 1000,
          signal: this.consumerAbort.signal,
          onMessage: (m) => this.delivered(i, m),
        })
        .then((r) => this.problems.push(...r.summary.problems))
        .catch((err: unknown) => this.problems.push(`consumer ${i}: ${err instanceof Error ? err.message : String(err)}`))
      this.consumers.push({consumer, done})
    }
  }

  async stopConsumers(): Promise<void> {
    this.consumerAbort.abort()
    await Promise.all(this.consumers.map((c) => c.done))
    await Promise.all(this.consumers.map((c) => c.consumer.close().catch(() => undefined)))
  }

  /** Sends for `durationMs` (or until `signal`), then waits for the sends in flight. */
  async runProducers(durationMs: number, signal?: AbortSignal): Promise<void> {
    const w = this.s.workload
    const timings = clientTimings(this.s.timing)
    const producers = Array.from(
      {length: w.producers ?? 1},
      (_, p) =>
        new Producer({
          namesrvAddr: this.s.namesrvAddr,
          failover: timings.failover,
          producerGroup: 'mqlab_experiment_producer',
          pollNameServerIntervalMs: timings.pollNameServerIntervalMs,
          instanceName: `mqlab-exp-p${p}-${process.pid}`,
        }),
    )
    const end = this.s.now() + durationMs
    const running = () => this.s.now() < end && signal?.aborted !== true
    try {
      await Promise.all(
        producers.map((producer, p) =>
          w.rate !== undefined ? this.openLoop(producer, p, w.rate, running) : this.closedLoop(producer, p, w.inflight ?? 1, running),
        ),
      )
    } finally {
      await Promise.all(producers.map((p) => p.close().catch(() => undefined)))
    }
  }

  private async closedLoop(producer: Producer, p: number, inflight: number, running: () => boolean): Promise<void> {
    let n = 0
    // An ordered workload sends one message at a time per producer, so a key's messages keep their order.
    const lanes = this.s.workload.ordered === true ? 1 : inflight
    await Promise.all(
      Array.from({length: lanes}, async () => {
        while (running()) await this.sendOne(producer, p, n++)
      }),
    )
  }

  private async openLoop(producer: Producer, p: number, rate: number, running: () => boolean): Promise<void> {
    const interval = 1000 / rate
    const start = this.s.now()
    const outstanding = new Set<Promise<void>>()
    for (let n = 0; running(); n++) {
      const due = start + n * interval
      const wait = due - this.s.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      if (!running()) break
      while (outstanding.size >= MAX_OPEN_LOOP_OUTSTANDING) await Promise.race(outstanding)
      const sent = this.sendOne(producer, p, n).finally(() => outstanding.delete(sent))
      outstanding.add(sent)
    }
    await Promise.all(outstanding)
  }

  private message(p: number, n: number): {message: OutgoingMessage; value: string; key?: string; tag?: string} {
    const w = this.s.workload
    const value = `p${p}-${n}`
    const size = Math.max(w.size ?? 128, value.length + 1)
    const body = `${value};`.padEnd(size, '.')
    // Ordered keys belong to one producer, whose single lane sends them in order.
    const key = (w.keys ?? 0) > 0 ? `${w.ordered === true ? `p${p}` : ''}k${n % w.keys!}` : undefined
    const tag = w.tags !== undefined && w.tags.length > 0 ? w.tags[n % w.tags.length] : undefined
    return {message: {topic: this.s.topic, body, ...(key ? {keys: key} : {}), ...(tag ? {tags: tag} : {})}, value, key, tag}
  }

  private async sendOne(producer: Producer, p: number, n: number): Promise<void> {
    const {message, value, key, tag} = this.message(p, n)
    const seq = this.seq++
    const t = this.s.now()
    // Ordered: a key's messages go to one queue, chosen as RocketMQ's SelectMessageQueueByHash does.
    const selector =
      this.s.workload.ordered === true && key !== undefined ? (queues: readonly MessageQueue[]) => queues[Math.abs(javaHash(key)) % queues.length] : undefined
    const report: SendReport = await producer.sendOne(message, seq, selector)
    this.s.onSend({
      type: 'send',
      seq,
      producer: p,
      value,
      t,
      latencyMs: report.latencyMs,
      outcome: sendOutcome(
        report.status,
        report.attempts.map((a) => a.status),
      ),
      status: report.status,
      msgId: report.msgId,
      offsetMsgId: report.offsetMsgId,
      broker: report.brokerName,
      queueId: report.queueId,
      queueOffset: report.queueOffset,
      key,
      tag,
      attempts: report.attempts.length,
      attemptBrokers: report.attempts.map((a) => a.brokerName),
      error: report.error?.message,
    })
  }

  private delivered(consumer: number, m: ConsumedMessage): void {
    const t = this.s.now()
    this.lastDeliveryAt = t
    const semi = m.body.indexOf(';')
    this.s.onConsume({
      type: 'consume',
      t,
      consumer,
      msgId: m.msgId,
      offsetMsgId: m.offsetMsgId,
      value: semi > 0 ? m.body.slice(0, semi) : undefined,
      broker: m.brokerName,
      brokerId: m.brokerId,
      queueId: m.queueId,
      queueOffset: m.queueOffset,
      reconsumeTimes: m.reconsumeTimes,
      key: m.keys[0],
    })
  }
}
