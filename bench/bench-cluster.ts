/**
 * The benchmark's own cluster: one name server and one ASYNC_MASTER broker, a lab written and run
 * through src/topology and src/lab (see bench-lab.ts) on free loopback ports in a folder of its own.
 */
import type {FlushDiskType} from '../runtime/config/broker-config.js'
import {benchNode, startBenchLab, type BenchProcess} from './bench-lab.js'

export type {BenchProcess} from './bench-lab.js'

/** A running name server + broker. */
export interface BenchCluster {
  namesrvAddr: string
  brokerAddr: string
  namesrv: BenchProcess
  broker: BenchProcess
  stop(): Promise<void>
}

/** How to start the cluster. */
export interface BenchClusterOptions {
  dir: string
  flushDiskType: FlushDiskType
  /** Extra node arguments for the broker (e.g. --cpu-prof). */
  brokerNodeArgs?: string[]
  readyTimeoutMs?: number
}

/** Starts a name server and an ASYNC_MASTER broker with the given flush type in `dir`. */
export async function startBenchCluster(options: BenchClusterOptions): Promise<BenchCluster> {
  const lab = await startBenchLab({...options, masterRole: 'ASYNC_MASTER', slaves: 0})
  const broker = benchNode(lab, 'bench-master')
  return {namesrvAddr: lab.namesrvAddr, brokerAddr: broker.addr, namesrv: benchNode(lab, 'namesrv-1'), broker, stop: lab.stop}
}
