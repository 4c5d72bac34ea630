/**
 * The DLedger phase of `npm run bench`: a three-member group (bench/dledger-cluster.ts, lab timings) takes
 * the producer benchmark at 64 in flight (to set next to ASYNC_MASTER with a slave), then its leader is
 * SIGKILLed under a one-at-a-time producer and the time to the first SEND_OK is measured.
 */
import path from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {Producer} from '../src/client/producer/producer.js'
import {runProducerBench} from '../src/bench/producer-bench.js'
import {RemotingLabWire} from '../src/lab/remoting-lab-wire.js'
import {startDLedgerBenchCluster} from './dledger-cluster.js'

/** What the phase measured. */
export interface DLedgerPhase {
  tps64: number | null
  /** SIGKILL of the leader → first SEND_OK, ms (lab timings: 200 ms heartbeats). */
  failoverMs: number | null
}

/** Runs the phase. */
export async function runDLedgerPhase(o: {dir: string; phaseMs: number; size: number; inflight: number; signal: AbortSignal}): Promise<DLedgerPhase> {
  const cluster = await startDLedgerBenchCluster({dir: path.join(o.dir, 'dledger'), timings: 'lab'})
  const wire = new RemotingLabWire()
  try {
    const bench = await runProducerBench({
      namesrvAddr: cluster.namesrvAddrs,
      topic: 'BenchDLedger',
      size: o.size,
      inflight: o.inflight,
      durationMs: o.phaseMs,
      signal: o.signal,
    })
    const tps64 = bench.elapsedMs > 0 ? (bench.ok * 1000) / bench.elapsedMs : null
    let leader: string | undefined
    for (const [id, addr] of Object.entries(cluster.brokerAddr)) {
      if ((await wire.brokerRuntimeInfo(addr, 1000).catch(() => undefined))?.dLedgerRole === 'LEADER') leader = id
    }
    if (leader === undefined) return {tps64, failoverMs: null}
    // mqlab's fast failover, so the figure is the group's failover rather than the client's 30 s route poll.
    const producer = new Producer({namesrvAddr: cluster.namesrvAddrs, failover: 'fast'})
    try {
      const body = Buffer.alloc(o.size, 0x61)
      const p = cluster.processes.get(leader)!
      const killedAt = Date.now()
      p.child.kill('SIGKILL')
      const deadline = killedAt + 60_000
      while (Date.now() < deadline && !o.signal.aborted) {
        const r = await producer.sendOne({topic: 'BenchDLedger', body}).catch(() => undefined)
        if (r?.status === 'SEND_OK') return {tps64, failoverMs: Date.now() - killedAt}
        await delay(20)
      }
      return {tps64, failoverMs: null}
    } finally {
      await producer.close()
    }
  } finally {
    await wire.close()
    await cluster.stop()
  }
}
