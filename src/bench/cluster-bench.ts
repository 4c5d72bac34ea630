/**
 * `mqlab bench` against any cluster: produce for a duration (RocketMQ's benchmark Producer figures),
 * then consume what was produced with a new group (its Consumer's TPS), and optionally the raw loopback
 * probe with the same frame size and in-flight count, so the figures can be read as ratios to it.
 */
import type {FailoverMode} from '../client/failover-timing.js'
import {runConsumerBench, type ConsumerBenchResult} from './consumer-bench.js'
import {startEchoProcess} from './echo-process.js'
import {runLoopbackProbe, type ProbeResult} from './loopback-probe.js'
import {runProducerBench, type ProducerBenchResult} from './producer-bench.js'
import {sendRequestOverhead} from './send-request-overhead.js'

/** What to run. */
export interface ClusterBenchOptions {
  namesrvAddr: readonly string[]
  /** The clients' failover timing (default 'java'). */
  failover?: FailoverMode
  topic: string
  size: number
  inflight: number
  durationMs: number
  consume: boolean
  probe: boolean
  signal?: AbortSignal
  onPhase?: (phase: 'probe' | 'produce' | 'consume') => void
  onProgress?: (done: number) => void
}

/** What it measured; ratios are to the probe when it ran. */
export interface ClusterBenchResult {
  producer: ProducerBenchResult
  consumer: ConsumerBenchResult | null
  probe: ProbeResult | null
  ratios: {produceToProbe: number; consumeToProduce: number | null} | null
}

/** Runs the benchmark phases in order. */
export async function runClusterBench(o: ClusterBenchOptions): Promise<ClusterBenchResult> {
  let probe: ProbeResult | null = null
  if (o.probe) {
    o.onPhase?.('probe')
    const echo = await startEchoProcess()
    try {
      probe = await runLoopbackProbe(echo.port, {
        frameSize: o.size + sendRequestOverhead(o.topic),
        inflight: o.inflight,
        durationMs: Math.min(o.durationMs, 3000),
      })
    } finally {
      await echo.stop()
    }
  }
  o.onPhase?.('produce')
  const producer = await runProducerBench({
    namesrvAddr: o.namesrvAddr,
    failover: o.failover,
    topic: o.topic,
    size: o.size,
    inflight: o.inflight,
    durationMs: o.durationMs,
    signal: o.signal,
    onProgress: o.onProgress,
  })
  let consumer: ConsumerBenchResult | null = null
  const stored = producer.ok + producer.degraded
  if (o.consume && stored > 0 && o.signal?.aborted !== true) {
    o.onPhase?.('consume')
    consumer = await runConsumerBench({
      namesrvAddr: o.namesrvAddr,
      failover: o.failover,
      topic: o.topic,
      count: stored,
      timeoutMs: Math.max(30_000, o.durationMs * 3),
      signal: o.signal,
      onProgress: o.onProgress,
    })
  }
  const ratios =
    probe === null
      ? null
      : {produceToProbe: producer.tps / probe.rate, consumeToProduce: consumer === null || producer.tps === 0 ? null : consumer.tps / producer.tps}
  return {producer, consumer, probe, ratios}
}
