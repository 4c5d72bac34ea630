/**
 * The consumer benchmark (RocketMQ's benchmark Consumer: TPS): a new group reads `count` messages of a
 * topic from the first offset through mqlab's consumer. TPS is measured from the first delivered
 * message to the last (steady state, as RocketMQ's tool samples it); joining the group is reported
 * apart.
 */
import type {FailoverMode} from '../client/failover-timing.js'
import type {LatencySummary} from '../client/stats/latency-stats.js'
import {Consumer} from '../client/consumer/consumer.js'

/** What to run. */
export interface ConsumerBenchOptions {
  namesrvAddr: readonly string[]
  /** Failover timing (default 'java'). */
  failover?: FailoverMode
  topic: string
  count: number
  /** Upper bound on the run, ms. */
  timeoutMs: number
  /** Default: a new group per run ("mqlab_bench_<time>"). */
  group?: string
  signal?: AbortSignal
  onProgress?: (done: number) => void
}

/** What it measured. */
export interface ConsumerBenchResult {
  topic: string
  group: string
  consumed: number
  /** From the start of the run to the first message, ms (heartbeat, rebalance, offset queries). */
  firstMessageMs: number
  /** From the first message to the last, ms. */
  elapsedMs: number
  /** Messages per second between the first and the last message. */
  tps: number
  /** Born → delivered, ms. */
  endToEndLatency: LatencySummary
  stoppedBy: string
}

/** Runs the consumer benchmark. */
export async function runConsumerBench(options: ConsumerBenchOptions): Promise<ConsumerBenchResult> {
  const group = options.group ?? `mqlab_bench_${Date.now()}`
  const consumer = new Consumer({namesrvAddr: options.namesrvAddr, failover: options.failover})
  let first = 0
  let last = 0
  let done = 0
  try {
    const started = performance.now()
    const run = await consumer.consume({
      topic: options.topic,
      group,
      count: options.count,
      from: 'first',
      timeoutMs: options.timeoutMs,
      keepMessages: false,
      signal: options.signal,
      onMessage: () => {
        last = performance.now()
        if (done === 0) first = last
        done++
        options.onProgress?.(done)
      },
    })
    const elapsedMs = done > 1 ? last - first : 0
    return {
      topic: options.topic,
      group,
      consumed: run.summary.count,
      firstMessageMs: done > 0 ? first - started : 0,
      elapsedMs,
      tps: elapsedMs > 0 ? ((done - 1) * 1000) / elapsedMs : 0,
      endToEndLatency: run.summary.endToEndLatency,
      stoppedBy: run.summary.stoppedBy,
    }
  } finally {
    await consumer.close()
  }
}
