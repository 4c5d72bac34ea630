/**
 * Times `mqlab up` of the default 2m-2s-sync lab (2 name servers, 2 masters, 2 slaves) through the lab
 * supervisor (src/lab, what the command calls): a fresh lab in a temp folder on free ports, up until
 * every node is ready over the wire, idle RSS of every node read right after, then down.
 */
import {openLab} from '../src/lab/lab-context.js'
import {runDown} from '../src/lab/lab-down.js'
import {runUp} from '../src/lab/lab-up.js'
import {initLab} from '../src/topology/init-lab.js'
import {moveLabToFreePorts} from '../src/lab/free-lab-ports.js'
import {readRssMiB} from './proc-rss.js'

/** What the lab timing measured. */
export interface LabUpTiming {
  template: string
  nodes: number
  /** Wall time of the supervisor's up (port checks, every start step, final status). */
  upMs: number
  /** The supervisor's own figure: first spawn to last node ready. */
  readyMs: number
  /** Idle RSS per node, MiB. */
  rss: Array<{node: string; kind: 'namesrv' | 'broker'; pid: number; rssMiB: number | undefined}>
}

/** Creates, starts, measures and stops a 2m-2s-sync lab in `dir` (which must not exist or be empty). */
export async function timeLabUp(dir: string, signal?: AbortSignal): Promise<LabUpTiming> {
  const template = '2m-2s-sync'
  initLab({template, dir, namesrv: 2, flush: 'ASYNC_FLUSH', cluster: 'DefaultCluster', hosts: 1, force: false})
  await moveLabToFreePorts(dir)
  const ctx = openLab(dir)
  try {
    const began = performance.now()
    const up = await runUp(ctx, {signal})
    const upMs = performance.now() - began
    const rss = up.nodes.filter((n) => n.pid !== null).map((n) => ({node: n.name, kind: n.kind, pid: n.pid!, rssMiB: readRssMiB(n.pid!)}))
    return {template, nodes: up.nodes.length, upMs, readyMs: up.elapsedMs, rss}
  } finally {
    await runDown(ctx, {clean: false}).catch(() => undefined)
    await ctx.close()
  }
}
