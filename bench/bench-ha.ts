/**
 * The suite's master/slave phases (HA issue §6), on two clusters of name server + master + slave (one
 * ASYNC_MASTER, one SYNC_MASTER): produce at 64 in flight (sampling the ASYNC_MASTER's view of its
 * slave's lag every 50 ms: replication lag under sustained load), then at 1 in flight.
 * Throughput counts SEND_OK only: a SYNC_MASTER answering SLAVE_NOT_AVAILABLE is fast and not a success.
 */
import path from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {fetchHaSample} from '../src/client/admin/ha-status-fetch.js'
import {MQClientInstance} from '../src/client/mq-client-instance.js'
import {percentileOfSorted} from '../src/client/stats/latency-stats.js'
import {runProducerBench, type ProducerBenchResult} from '../src/bench/producer-bench.js'
import {startHaBenchCluster, type HaBenchCluster} from './bench-ha-cluster.js'

/** The slave's lag as sampled from its master while producing. */
export interface LagSamples {
  samples: number
  p50Bytes: number
  p99Bytes: number
  maxBytes: number
  /** Commitlog bytes written per second on the master over the sampling. */
  bytesPerSecond: number
  /** p99Bytes expressed as time of production: how far behind the slave is, in ms of traffic. */
  p99Ms: number
}

/** One master role's figures, over alternating rounds. */
export interface HaRolePhases {
  /** Produce rounds at 64 in flight (the ASYNC_MASTER's sampled for the slave's lag). */
  rounds64: ProducerBenchResult[]
  /** SEND_OK per second at 64 in flight: Σ SEND_OK / Σ time over the rounds. */
  okTps64: number | null
  rounds1: ProducerBenchResult[]
  /** Send p50 at 1 in flight, ms: the mean of the rounds' p50. */
  p50at1: number | null
  lag: LagSamples | null
}

/** Both roles. */
export interface HaPhases {
  asyncMaster: HaRolePhases
  syncMaster: HaRolePhases
}

type Attempt = <T>(name: string, fn: () => Promise<T>) => Promise<T | null>

/** Rounds per figure: the roles alternate, so drift in a shared machine's load hits both alike. */
const ROUNDS = 2

/**
 * Runs the HA phases through the suite's `attempt` (a failed round is recorded and the suite goes
 * on). Both clusters run at once (idle between their rounds); each figure alternates ASYNC_MASTER and
 * SYNC_MASTER rounds of half the phase length, ROUNDS times.
 */
export async function runHaPhases(o: {dir: string; phaseMs: number; size: number; inflight: number; signal: AbortSignal}, attempt: Attempt): Promise<HaPhases> {
  const roles = ['ASYNC_MASTER', 'SYNC_MASTER'] as const
  const clusters = await Promise.allSettled(roles.map((role) => startHaBenchCluster({dir: path.join(o.dir, role.toLowerCase()), role})))
  try {
    const [a, s] = clusters.map((c) => {
      if (c.status === 'rejected') throw c.reason
      return c.value
    }) as [HaBenchCluster, HaBenchCluster]
    const byRole = {ASYNC_MASTER: a, SYNC_MASTER: s}
    const out: Record<(typeof roles)[number], HaRolePhases> = {
      ASYNC_MASTER: {rounds64: [], okTps64: null, rounds1: [], p50at1: null, lag: null},
      SYNC_MASTER: {rounds64: [], okTps64: null, rounds1: [], p50at1: null, lag: null},
    }
    const lags: number[] = []
    const rates: number[] = []
    const produce = (role: (typeof roles)[number], inflight: number, ms: number) =>
      runProducerBench({
        namesrvAddr: [byRole[role].namesrvAddr],
        topic: `Bench${role === 'SYNC_MASTER' ? 'Sync' : 'Async'}Master${inflight}`,
        size: o.size,
        inflight,
        durationMs: ms,
        signal: o.signal,
      })
    for (let round = 1; round <= ROUNDS; round++) {
      for (const role of roles) {
        const r = await attempt(
          `produce ${o.inflight} in flight, ${role} + slave (round ${round}/${ROUNDS}${role === 'ASYNC_MASTER' ? ", sampling the slave's lag" : ''})`,
          async () => {
            if (role === 'SYNC_MASTER') return produce(role, o.inflight, o.phaseMs / 2)
            const stop = new AbortController()
            const sampling = sampleLag(a, stop.signal)
            try {
              return await produce(role, o.inflight, o.phaseMs / 2)
            } finally {
              stop.abort()
              const lag = await sampling
              lags.push(...lag.lags)
              if (lag.bytesPerSecond > 0) rates.push(lag.bytesPerSecond)
            }
          },
        )
        if (r !== null) out[role].rounds64.push(r)
      }
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const role of roles) {
        const r = await attempt(`produce 1 in flight, ${role} + slave (round ${round}/${ROUNDS})`, () => produce(role, 1, Math.min(o.phaseMs, 3000) / 2))
        if (r !== null) out[role].rounds1.push(r)
      }
    }
    for (const role of roles) {
      const p = out[role]
      const elapsed = p.rounds64.reduce((n, r) => n + r.elapsedMs, 0)
      p.okTps64 = elapsed > 0 ? (p.rounds64.reduce((n, r) => n + r.ok, 0) * 1000) / elapsed : null
      p.p50at1 = p.rounds1.length > 0 ? p.rounds1.reduce((n, r) => n + r.latency.p50, 0) / p.rounds1.length : null
    }
    out.ASYNC_MASTER.lag = summarizeLag(lags, rates.length === 0 ? 0 : rates.reduce((x, y) => x + y, 0) / rates.length)
    return {asyncMaster: out.ASYNC_MASTER, syncMaster: out.SYNC_MASTER}
  } finally {
    await Promise.all(clusters.map((c) => (c.status === 'fulfilled' ? c.value.stop() : undefined)))
  }
}

/** Samples the master's view of its slave's lag every 50 ms until `signal` aborts. */
async function sampleLag(cluster: HaBenchCluster, signal: AbortSignal): Promise<{lags: number[]; bytesPerSecond: number}> {
  const client = new MQClientInstance({namesrvAddr: cluster.namesrvAddr, requestTimeoutMs: 1000})
  const lags: number[] = []
  let first: {at: number; offset: number} | undefined
  let last: {at: number; offset: number} | undefined
  try {
    while (!signal.aborted) {
      const sample = await fetchHaSample(cluster.masterAddr, {remoting: client.remoting, now: Date.now, timeoutMs: 1000})
      const conn = sample.source === 'mqlab' ? sample.status.master?.slaves[0] : undefined
      if (sample.source === 'mqlab' && conn !== undefined && conn.ackedOffset >= 0) {
        lags.push(Math.max(0, conn.lagBytes))
        last = {at: sample.status.now, offset: sample.status.maxPhyOffset}
        first ??= last
      }
      await delay(50, undefined, {signal}).catch(() => undefined)
    }
  } finally {
    await client.close()
  }
  const bytesPerSecond = first !== undefined && last !== undefined && last.at > first.at ? ((last.offset - first.offset) * 1000) / (last.at - first.at) : 0
  return {lags, bytesPerSecond}
}

/** Percentiles of the lag samples, and p99 as time of traffic at the master's write rate. */
export function summarizeLag(lags: readonly number[], bytesPerSecond: number): LagSamples | null {
  if (lags.length === 0) return null
  const sorted = [...lags].sort((x, y) => x - y)
  const p99Bytes = percentileOfSorted(sorted, 99)
  return {
    samples: sorted.length,
    p50Bytes: percentileOfSorted(sorted, 50),
    p99Bytes,
    maxBytes: sorted[sorted.length - 1]!,
    bytesPerSecond,
    p99Ms: bytesPerSecond > 0 ? (p99Bytes * 1000) / bytesPerSecond : 0,
  }
}
