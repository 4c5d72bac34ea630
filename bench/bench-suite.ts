/**
 * The fixed benchmark suite behind `npm run bench` (issue §3), for a single broker and 1 KiB messages:
 *   1-3. the raw loopback probe (frames the size of a send request), an ASYNC_FLUSH broker and a
 *      SYNC_FLUSH broker (group commit), in alternating rounds: probe, ASYNC, SYNC at 64 in flight,
 *      then probe and ASYNC at 1 in flight; then consume everything the ASYNC broker got at 64;
 *   4. master/slave replication: ASYNC_MASTER and SYNC_MASTER, each with a slave (bench-ha.ts);
 *   5. `up` of the 2m-2s-sync lab, with every node's idle RSS and start-up CPU, CLI command start-up
 *      against `node -e 0`, and a second `up` after data was sent and the lab shut down cleanly.
 * Each phase that fails is recorded with its error and the suite goes on; every process it starts is
 * stopped before the phase returns.
 */
import path from 'node:path'
import {sendRequestOverhead} from '../src/bench/send-request-overhead.js'
import {runConsumerBench, type ConsumerBenchResult} from '../src/bench/consumer-bench.js'
import {startEchoProcess} from '../src/bench/echo-process.js'
import {runLoopbackProbe, type ProbeResult} from '../src/bench/loopback-probe.js'
import {runProducerBench, type ProducerBenchResult} from '../src/bench/producer-bench.js'
import type {FlushDiskType} from '../runtime/config/broker-config.js'
import {startBenchCluster, type BenchCluster} from './bench-cluster.js'
import {runHaPhases, type HaPhases} from './bench-ha.js'
import {runDLedgerPhase, type DLedgerPhase} from './bench-dledger.js'
import type {BenchFigures} from './bench-targets.js'
import {timeLabUp, type LabUpTiming} from './lab-up-timing.js'
import {readRssMiB} from './proc-rss.js'
import {combineProbeRounds, combineProducerRounds} from './round-results.js'

/** Rounds the probe and the two flush types alternate in. */
const ROUNDS = 3

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
  labUpNoSlave: LabUpTiming | null
  /** The master/slave phases (ASYNC_MASTER and SYNC_MASTER, each with a slave). */
  ha: HaPhases | null
  /** A DLedger group of three: produce at 64 in flight, and failover after SIGKILL of the leader. */
  dledger: DLedgerPhase | null
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

  // The probe and both flush types run in alternating rounds on processes that stay up throughout, so a
  // shared machine's drifting load hits every figure alike (a ratio of two figures measured a minute
  // apart says more about the neighbours than about mqlab).
  const roundMs = Math.max(500, Math.round(o.phaseMs / ROUNDS))
  const probeMs = Math.min(roundMs, 1000)
  const frameSize = o.size + sendRequestOverhead('BenchAsync', undefined, 'bench')
  const rounds = {
    probe64: [] as ProbeResult[],
    probe1: [] as ProbeResult[],
    async64: [] as ProducerBenchResult[],
    async1: [] as ProducerBenchResult[],
    sync64: [] as ProducerBenchResult[],
  }
  let consume: ConsumerBenchResult | null = null
  let benchClusterRss: SuiteResult['benchClusterRss'] = null
  await attempt('raw probe, ASYNC_FLUSH and SYNC_FLUSH brokers, in alternating rounds', async () => {
    const echo = await startEchoProcess()
    try {
      await withCluster(o, 'ASYNC_FLUSH', o.brokerNodeArgs, async (asyncCluster) => {
        benchClusterRss = {broker: readRssMiB(asyncCluster.broker.pid), namesrv: readRssMiB(asyncCluster.namesrv.pid)}
        await withCluster(o, 'SYNC_FLUSH', undefined, async (syncCluster) => {
          for (let r = 1; r <= ROUNDS && !o.signal.aborted; r++) {
            o.log(`  round ${r}/${ROUNDS}: ${o.inflight} in flight`)
            rounds.probe64.push(await runLoopbackProbe(echo.port, {frameSize, inflight: o.inflight, durationMs: probeMs}))
            rounds.async64.push(await produce(asyncCluster, 'BenchAsync', o.inflight, roundMs))
            rounds.sync64.push(await produce(syncCluster, 'BenchSync', o.inflight, roundMs))
          }
        })
        for (let r = 1; r <= ROUNDS && !o.signal.aborted; r++) {
          o.log(`  round ${r}/${ROUNDS}: 1 in flight`)
          rounds.probe1.push(await runLoopbackProbe(echo.port, {frameSize, inflight: 1, durationMs: probeMs}))
          rounds.async1.push(await produce(asyncCluster, 'BenchAsync1', 1, Math.min(roundMs, 1000)))
        }
        // Every round also stored one untimed first message.
        const produced = rounds.async64.reduce((n, p) => n + p.ok + p.degraded + 1, 0)
        if (produced > rounds.async64.length) {
          consume = await attempt('consume what was produced', () =>
            runConsumerBench({namesrvAddr: [asyncCluster.namesrvAddr], topic: 'BenchAsync', count: produced, timeoutMs: 60_000, signal: o.signal}),
          )
        }
      })
    } finally {
      await echo.stop()
    }
  })
  const probe64 = combineProbeRounds(rounds.probe64)
  const probe1 = combineProbeRounds(rounds.probe1)
  const async64 = combineProducerRounds(rounds.async64)
  const async1 = combineProducerRounds(rounds.async1)
  const sync64 = combineProducerRounds(rounds.sync64)

  const ha = await attempt('master/slave replication', () => runHaPhases(o, attempt))

  const dledger = await attempt('DLedger group of three: produce, then SIGKILL the leader', () => runDLedgerPhase(o))

  const labUp = await attempt('mqlab up of 2m-2s-sync', () => timeLabUp(path.join(o.dir, 'lab'), {signal: o.signal}))
  // The same machinery without slaves: since a slave is ready only after its first HA offset report,
  // which RocketMQ 4.9.8 sends haSendHeartbeatInterval (5 s) after connecting, 2m-2s-sync's up holds
  // that wait; 2m-noslave's shows what starting the nodes costs.
  const labUpNoSlave = await attempt('mqlab up of 2m-noslave', () =>
    timeLabUp(path.join(o.dir, 'lab-noslave'), {signal: o.signal, template: '2m-noslave', quick: true}),
  )

  const maxOf = (kind: 'broker' | 'namesrv', key: 'rssMiB' | 'startCpuMs') => {
    const values = (labUp?.rss ?? []).filter((r) => r.kind === kind && r[key] !== undefined).map((r) => r[key]!)
    return values.length === 0 ? null : Math.max(...values)
  }
  const command = (prefix: string) => {
    const c = labUp?.commands.find((x) => x.command.startsWith(prefix))
    return c === undefined || c.failures > 0
      ? null
      : {overMs: c.overMs, medianMs: c.medianMs, baselineMs: c.baselineMs, cpuMs: c.cpuMs, baselineCpuMs: c.baselineCpuMs}
  }
  const figures: BenchFigures = {
    probeRate64: probe64?.rate ?? NaN,
    probeRttP50: probe1?.latency.p50 ?? NaN,
    asyncTps64: async64?.tps ?? null,
    syncTps64: sync64?.tps ?? null,
    sendP50at1: async1?.latency.p50 ?? null,
    consumeTps: (consume as ConsumerBenchResult | null)?.tps ?? null,
    labUpMs: labUp?.upMs ?? null,
    labUpNoSlaveMs: labUpNoSlave?.upMs ?? null,
    brokerRssMiB: maxOf('broker', 'rssMiB'),
    namesrvRssMiB: maxOf('namesrv', 'rssMiB'),
    labUpWithDataMs: labUp?.withData?.upMs ?? null,
    labUpStoredMiB: labUp?.withData?.storedMiB ?? null,
    brokerStartCpuMs: maxOf('broker', 'startCpuMs'),
    namesrvStartCpuMs: maxOf('namesrv', 'startCpuMs'),
    commandStatus: command('status'),
    commandSend1: command('send --topic'),
    commandHelp: command('send --help'),
    asyncMasterTps64: ha?.asyncMaster.okTps64 ?? null,
    syncMasterTps64: ha?.syncMaster.okTps64 ?? null,
    asyncMasterP50at1: ha?.asyncMaster.p50at1 ?? null,
    syncMasterP50at1: ha?.syncMaster.p50at1 ?? null,
    replicationLagP99Bytes: ha?.asyncMaster.lag?.p99Bytes ?? null,
    replicationLagP99Ms: ha?.asyncMaster.lag?.p99Ms ?? null,
    dledgerTps64: dledger?.tps64 ?? null,
    dledgerFailoverMs: dledger?.failoverMs ?? null,
  }
  return {figures, probe64, probe1, async64, async1, consume, sync64, labUp, labUpNoSlave, ha, dledger, benchClusterRss, errors}
}

async function withCluster(o: SuiteOptions, flush: FlushDiskType, nodeArgs: string[] | undefined, fn: (c: BenchCluster) => Promise<void>): Promise<void> {
  const cluster = await startBenchCluster({dir: path.join(o.dir, flush.toLowerCase()), flushDiskType: flush, brokerNodeArgs: nodeArgs})
  try {
    await fn(cluster)
  } finally {
    await cluster.stop()
  }
}
