/**
 * The producer benchmark (RocketMQ's benchmark Producer: TPS, average/max RT, failures, plus p50/p99):
 * fixed-size bodies sent `inflight` at a time for a duration through mqlab's producer. One message is
 * sent first, untimed, so the route, the connection and an auto-created topic are in place.
 */
import type {FailoverMode} from '../client/failover-timing.js'
import type {LatencySummary} from '../client/stats/latency-stats.js'
import {MQClientError} from '../client/client-errors.js'
import {generateMessages} from '../client/producer/message-generator.js'
import {Producer} from '../client/producer/producer.js'

/** What to run. */
export interface ProducerBenchOptions {
  namesrvAddr: readonly string[]
  /** Failover timing (default 'java'). */
  failover?: FailoverMode
  topic: string
  /** Body bytes. */
  size: number
  inflight: number
  durationMs: number
  producerGroup?: string
  /** Ends the run early. */
  signal?: AbortSignal
  /** Hears the number of messages finished so far (for progress). */
  onProgress?: (done: number) => void
}

/** What it measured. */
export interface ProducerBenchResult {
  topic: string
  size: number
  inflight: number
  sent: number
  ok: number
  /** Stored but not confirmed (FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE). */
  degraded: number
  failed: number
  byStatus: Record<string, number>
  elapsedMs: number
  /** Messages answered per second. */
  tps: number
  /** Send round trip per message (ms): avg, p50, p99, max. */
  latency: LatencySummary
}

/** Runs the producer benchmark. Throws when even the untimed first message cannot be stored. */
export async function runProducerBench(options: ProducerBenchOptions): Promise<ProducerBenchResult> {
  const producer = new Producer({namesrvAddr: options.namesrvAddr, failover: options.failover, producerGroup: options.producerGroup ?? 'mqlab_bench_producer'})
  try {
    await producer.client.getTopicRoute(options.topic) // NAMESRV_UNREACHABLE as one error, before anything is timed
    const first = await producer.sendOne({topic: options.topic, body: Buffer.alloc(options.size, 0x62)})
    if (first.outcome === 'failed') {
      throw new MQClientError('SEND_FAILED', `the first message could not be sent: ${first.error?.message ?? first.status}`)
    }
    const timer = AbortSignal.timeout(options.durationMs)
    const signal = options.signal === undefined ? timer : AbortSignal.any([timer, options.signal])
    let done = 0
    const run = await producer.send(generateMessages({topic: options.topic, count: Number.MAX_SAFE_INTEGER, size: options.size}), {
      inflight: options.inflight,
      signal,
      keepReports: false,
      onResult: options.onProgress === undefined ? undefined : () => options.onProgress!(++done), // only when set
    })
    const s = run.summary
    return {
      topic: options.topic,
      size: options.size,
      inflight: options.inflight,
      sent: s.total,
      ok: s.ok,
      degraded: s.degraded,
      failed: s.failed,
      byStatus: s.byStatus,
      elapsedMs: s.elapsedMs,
      tps: s.throughput,
      latency: s.latency,
    }
  } finally {
    await producer.close()
  }
}
