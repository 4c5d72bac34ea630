/**
 * The HA benchmark's cluster: a name server, a master (ASYNC_MASTER or SYNC_MASTER) and its slave, a
 * lab written and run through src/topology and src/lab (see bench-lab.ts). Ready when every node is
 * (the supervisor's readiness) and the slave's HA link to the master is up (its MQLAB_GET_HA_STATUS
 * says CONNECTED).
 */
import {setTimeout as delay} from 'node:timers/promises'
import type {HaRole} from '../runtime/remoting/body/ha-status.js'
import {fetchHaSample} from '../src/client/admin/ha-status-fetch.js'
import {MQClientInstance} from '../src/client/mq-client-instance.js'
import {benchNode, startBenchLab, type BenchProcess} from './bench-lab.js'

/** A running name server + master + slave. */
export interface HaBenchCluster {
  namesrvAddr: string
  masterAddr: string
  slaveAddr: string
  processes: BenchProcess[]
  stop(): Promise<void>
}

/** Starts the three processes in `dir`; the master has `role`. */
export async function startHaBenchCluster(options: {dir: string; role: Exclude<HaRole, 'SLAVE'>; readyTimeoutMs?: number}): Promise<HaBenchCluster> {
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000)
  const lab = await startBenchLab({dir: options.dir, masterRole: options.role, slaves: 1, flushDiskType: 'ASYNC_FLUSH', readyTimeoutMs: options.readyTimeoutMs})
  try {
    const slaveAddr = benchNode(lab, 'bench-slave').addr
    await waitConnected(lab.namesrvAddr, slaveAddr, deadline)
    return {namesrvAddr: lab.namesrvAddr, masterAddr: benchNode(lab, 'bench-master').addr, slaveAddr, processes: [...lab.nodes.values()], stop: lab.stop}
  } catch (error) {
    await lab.stop().catch(() => undefined)
    throw error
  }
}

/** Waits until the slave reports its HA link to the master as CONNECTED. */
async function waitConnected(namesrvAddr: string, slaveAddr: string, deadline: number): Promise<void> {
  const client = new MQClientInstance({namesrvAddr, requestTimeoutMs: 1000})
  try {
    for (;;) {
      const sample = await fetchHaSample(slaveAddr, {remoting: client.remoting, now: Date.now, timeoutMs: 1000})
      if (sample.source === 'mqlab' && sample.status.slave?.state === 'CONNECTED') return
      if (Date.now() > deadline)
        throw new Error(
          `slave ${slaveAddr} did not connect to its master in time (${sample.source === 'mqlab' ? (sample.status.slave?.lastError ?? sample.status.slave?.state) : sample.source})`,
        )
      await delay(20)
    }
  } finally {
    await client.close()
  }
}
