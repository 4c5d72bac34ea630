/**
 * The fixed benchmark suite behind `npm run bench` (issue §3), for a single broker and 1 KiB messages:
 *   1. the raw loopback probe (64 in flight, then 1) with frames the size of a send request;
 *   2. an ASYNC_FLUSH broker: produce at 64 in flight, then at 1, then consume everything produced;
 *   3. a SYNC_FLUSH broker: produce at 64 in flight (group commit);
 *   4. master/slave replication: ASYNC_MASTER and SYNC_MASTER, each with a slave (bench-ha.ts);
 *   5. `up` of the 2m-2s-sync lab, with every node's idle RSS.
 * Each phase that fails is recorded with its error and the suite goes on; every process it starts is
 * stopped before the phase returns.
 */
import path from 'node:path'
import {SEND_REQUEST_OVERHEAD} from '../src/bench/cluster-bench.js'
import {runConsumerBench, type ConsumerBenchResult} from '../src/bench/consumer-bench.js'
import {startEchoProcess} from '../src/bench/echo-process.js'
import {runLoopbackProbe, type ProbeResult} from '../src/bench/loopback-probe.js'
import {runProducerBench, type ProducerBenchResult} from '../src/bench/producer-bench.js'
import type {FlushDiskType} from '../runtime/config/broker-config.js'
import {startBenchCluster, type BenchCluster} from './bench-cluster.js'
import {runHaPhases, type HaPhases} from './bench-ha.js'
import type {BenchFigures} from './bench-targets.js'
import {timeLabUp, type LabUpTiming} from './lab-up-timing.js'
import {readRssMiB} from './proc-rss.js'

/** Settings of a suite run. */
export interface SuiteOptions {
  /** Temp folder for clusters and the lab (removed by the caller). */
  dir: string
  /** Length of each timed produce phase, ms. */
  phaseMs: number
  size: number
  inflight: number
  /** Node arguments for the ASYNC_FLUSH broker (e.g. --cpu-prof). */
  brokerNodeArgs?: string[]
  signal: AbortSignal
  log: (line: string) => void
}

/** Everything a suite run measured. */
export interface SuiteResult {
  figures: BenchFigures
  probe64: ProbeResult | null
  probe1: ProbeResult | null
  async64: ProducerBenchResult | null
  async1: ProducerBenchResult | null
  consume: ConsumerBenchResult | null
  sync64: ProducerBenchResult | null
  labUp: LabUpTiming | null
  /** The master/slave phases (ASYNC_MASTER and SYNC_MASTER, each with a slave). */
  ha: HaPhases | null
  /** Idle RSS of the bench's own ASYNC_FLUSH broker and name server right after start, MiB. */
  benchClusterRss: {broker: number | undefined; namesrv: number | undefined} | null
  /** What went wrong in phases that could not be measured. */
  errors: string[]
}

/** Runs the suite. */
export async function runSuite(o: SuiteOptions): Promise<SuiteResult> {
  const errors: string[] = []
  const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | null> => {
    if (o.signal.aborted) {
      errors.push(`${name}: skipped (${String(o.signal.reason ?? 'aborted')})`)
      return null
    }
    o.log(`• ${name}`)
    try {
      return await fn()
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      errors.push(`${name}: ${message}`)
      o.log(`  ✗ ${message}`)
      return null
    }
  }
  const produce = (cluster: BenchCluster, topic: string, inflight: number, ms: number) =>
    runProducerBench({namesrvAddr: [cluster.namesrvAddr], topic, size: o.size, inflight, durationMs: ms, signal: o.signal})

  let probe64: ProbeResult | null = null
  let probe1: ProbeResult | null = null
  await attempt('raw loopback probe', async () => {
    const echo = await startEchoProcess()
    try {
      const frameSize = o.size + SEND_REQUEST_OVERHEAD
      probe64 = await runLoopbackProbe(echo.port, {frameSize, inflight: o.inflight, durationMs: Math.min(o.phaseMs, 3000)})
      probe1 = await runLoopbackProbe(echo.port, {frameSize, inflight: 1, durationMs: Math.min(o.phaseMs, 3000)})
    } finally {
      await echo.stop()
    }
  })

  let async64: ProducerBenchResult | null = null
  let async1: ProducerBenchResult | null = null
  let consume: ConsumerBenchResult | null = null
  let benchClusterRss: SuiteResult['benchClusterRss'] = null
  await attempt('ASYNC_FLUSH broker', () =>
    withCluster(o, 'ASYNC_FLUSH', o.brokerNodeArgs, async (cluster) => {
      benchClusterRss = {broker: readRssMiB(cluster.broker.pid), namesrv: readRssMiB(cluster.namesrv.pid)}
      async64 = await attempt(`produce ${o.inflight} in flight`, () => produce(cluster, 'BenchAsync', o.inflight, o.phaseMs))
      async1 = await attempt('produce 1 in flight', () => produce(cluster, 'BenchAsync1', 1, Math.min(o.phaseMs, 3000)))
      const produced = async64 === null ? 0 : async64.ok + async64.degraded + 1 // + the untimed first message
      if (produced > 1) {
        consume = await attempt('consume what was produced', () =>
          runConsumerBench({namesrvAddr: [cluster.namesrvAddr], topic: 'BenchAsync', count: produced, timeoutMs: 60_000, signal: o.signal}),
        )
      }
    }),
  )

  let sync64: ProducerBenchResult | null = null
  await attempt('SYNC_FLUSH broker', () =>
    withCluster(o, 'SYNC_FLUSH', undefined, async (cluster) => {
      sync64 = await attempt(`produce ${o.inflight} in flight (SYNC_FLUSH)`, () => produce(cluster, 'BenchSync', o.inflight, o.phaseMs))
    }),
  )

  const ha = await attempt('master/slave replication', () => runHaPhases(o, attempt))

  const labUp = await attempt('mqlab up of 2m-2s-sync', () => timeLabUp(path.join(o.dir, 'lab'), o.signal))

  const maxRss = (kind: 'broker' | 'namesrv') => {
    const values = (labUp?.rss ?? []).filter((r) => r.kind === kind && r.rssMiB !== undefined).map((r) => r.rssMiB!)
    return values.length === 0 ? null : Math.max(...values)
  }
  const p64 = probe64 as ProbeResult | null
  const p1 = probe1 as ProbeResult | null
  const a64 = async64 as ProducerBenchResult | null
  const figures: BenchFigures = {
    probeRate64: p64?.rate ?? NaN,
    probeRttP50: p1?.latency.p50 ?? NaN,
    asyncTps64: a64?.tps ?? null,
    syncTps64: (sync64 as ProducerBenchResult | null)?.tps ?? null,
    sendP50at1: (async1 as ProducerBenchResult | null)?.latency.p50 ?? null,
    consumeTps: (consume as ConsumerBenchResult | null)?.tps ?? null,
    labUpMs: labUp?.upMs ?? null,
    brokerRssMiB: maxRss('broker'),
    namesrvRssMiB: maxRss('namesrv'),
    asyncMasterTps64: ha?.asyncMaster.okTps64 ?? null,
    syncMasterTps64: ha?.syncMaster.okTps64 ?? null,
    asyncMasterP50at1: ha?.asyncMaster.p50at1 ?? null,
    syncMasterP50at1: ha?.syncMaster.p50at1 ?? null,
    replicationLagP99Bytes: ha?.asyncMaster.lag?.p99Bytes ?? null,
    replicationLagP99Ms: ha?.asyncMaster.lag?.p99Ms ?? null,
  }
  return {figures, probe64, probe1, async64, async1, consume, sync64, labUp, ha, benchClusterRss, errors}
}

async function withCluster(o: SuiteOptions, flush: FlushDiskType, nodeArgs: string[] | undefined, fn: (c: BenchCluster) => Promise<void>): Promise<void> {
  const cluster = await startBenchCluster({dir: path.join(o.dir, flush.toLowerCase()), flushDiskType: flush, brokerNodeArgs: nodeArgs})
  try {
    await fn(cluster)
  } finally {
    await cluster.stop()
  }
}
