/**
 * The benchmark's clusters are labs: written by src/topology (the template's .properties, then the
 * bench's keys, then free loopback ports) and run by src/lab's supervisor (the same start order,
 * readiness probes, SIGTERM/SIGKILL stop and reaping as `mqlab up`/`down`), in a folder of their own.
 */
import {runDown} from '../src/lab/lab-down.js'
import {moveLabToFreePorts} from '../src/lab/free-lab-ports.js'
import {openLab} from '../src/lab/lab-context.js'
import {runUp} from '../src/lab/lab-up.js'
import {nodeLaunch} from '../src/lab/node-launch.js'
import {nodePaths} from '../src/lab/node-paths.js'
import {initLab} from '../src/topology/init-lab.js'
import {isBrokerConf, setLabKeys} from '../src/topology/lab-keys.js'
import type {MasterSlaveTemplate} from '../src/topology/template-spec.js'
import type {FlushDiskType} from '../runtime/config/broker-config.js'

/** A node process of a bench cluster. */
export interface BenchProcess {
  name: string
  pid: number
  logPath: string
}

/** A running bench lab. */
export interface BenchLab {
  namesrvAddr: string
  /** Per node name. */
  nodes: Map<string, BenchProcess & {addr: string}>
  /** Stops every node (SIGTERM, SIGKILL after the supervisor's timeout); the data stays in the folder. */
  stop(): Promise<void>
}

/** What to run. */
export interface BenchLabOptions {
  dir: string
  /** One group of the given master role and slave count. */
  masterRole: MasterSlaveTemplate['masterRole']
  slaves: number
  flushDiskType: FlushDiskType
  /** Extra node arguments for the brokers (e.g. --cpu-prof). */
  brokerNodeArgs?: string[]
  readyTimeoutMs?: number
}

/** The bench's broker keys over the lab template's: RocketMQ's 1 GiB default is shrunk to 256 MiB, not to the lab's 16 MiB, so a run never measures a segment roll. */
const BENCH_BROKER_KEYS = {mappedFileSizeCommitLog: String(256 * 1024 * 1024), autoCreateTopicEnable: 'true'}

/** Writes and starts a lab of one name server and one broker group named `bench` in `dir`. */
export async function startBenchLab(options: BenchLabOptions): Promise<BenchLab> {
  const template: MasterSlaveTemplate = {
    name: 'bench',
    summary: 'the benchmark cluster',
    order: 0,
    mode: 'master-slave',
    masterRole: options.masterRole,
    groups: ['bench'],
    slavesPerGroup: options.slaves,
  }
  initLab({template: 'bench', dir: options.dir, namesrv: 1, flush: options.flushDiskType, cluster: 'BenchCluster', hosts: 1, force: false}, [template])
  setLabKeys(options.dir, isBrokerConf, BENCH_BROKER_KEYS, 'written by the benchmark')
  const {namesrvAddr} = await moveLabToFreePorts(options.dir)
  const nodeArgs = options.brokerNodeArgs ?? []
  const ctx = openLab(options.dir, {
    deps: {
      launch: (spec, pidFile) => {
        const launch = nodeLaunch(spec, pidFile, options.dir)
        return spec.kind === 'broker' ? {...launch, args: [...nodeArgs, ...launch.args]} : launch
      },
    },
    timings: options.readyTimeoutMs === undefined ? undefined : {readyTimeoutMs: options.readyTimeoutMs},
  })
  const stop = async () => {
    try {
      await runDown(ctx, {clean: false})
    } finally {
      await ctx.close()
    }
  }
  try {
    const up = await runUp(ctx)
    const nodes = new Map(
      up.nodes.map((n) => {
        if (n.pid === null) throw new Error(`${n.name} is ${n.state} after up`)
        return [n.name, {name: n.name, pid: n.pid, logPath: nodePaths(options.dir, n.name).log, addr: n.addr}]
      }),
    )
    return {namesrvAddr, nodes, stop}
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
}

/** The one node of a kind (name server, master, first slave) of a bench lab. */
export function benchNode(lab: BenchLab, name: 'namesrv-1' | 'bench-master' | 'bench-slave'): BenchProcess & {addr: string} {
  const node = lab.nodes.get(name)
  if (node === undefined) throw new Error(`the bench lab has no ${name} (it has ${[...lab.nodes.keys()].join(', ')})`)
  return node
}
