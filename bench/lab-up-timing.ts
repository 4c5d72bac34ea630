/**
 * Times `mqlab up` of the default 2m-2s-sync lab (2 name servers, 2 masters, 2 slaves) through the lab
 * supervisor (src/lab, what the command calls): a fresh lab in a temp folder on free ports, up until
 * every node is ready over the wire; then, on that running lab, every node's idle RSS and the CPU it
 * used to start, and the start-up of CLI commands (command-startup.ts); then about `dataMs` of 1 KiB
 * sends, a clean `down`, and a second timed `up` that recovers those stores (normal recovery); then down.
 */
import fs from 'node:fs'
import path from 'node:path'
import {runProducerBench} from '../src/bench/producer-bench.js'
import {openLab, type LabContext} from '../src/lab/lab-context.js'
import {runDown} from '../src/lab/lab-down.js'
import {runUp} from '../src/lab/lab-up.js'
import {initLab} from '../src/topology/init-lab.js'
import {moveLabToFreePorts} from '../src/lab/free-lab-ports.js'
import {timeCommands, type CommandTiming} from './command-startup.js'
import {readCpuMs} from './proc-cpu.js'
import {readRssMiB} from './proc-rss.js'

/** What the lab timing measured. */
export interface LabUpTiming {
  template: string
  nodes: number
  /** Wall time of the supervisor's up (port checks, every start step, final status), empty stores. */
  upMs: number
  /** The supervisor's own figure: first spawn to last node ready. */
  readyMs: number
  /** Idle RSS per node, MiB, and the CPU each used from spawn until just after the lab was ready. */
  rss: Array<{node: string; kind: 'namesrv' | 'broker'; pid: number; rssMiB: number | undefined; startCpuMs: number | undefined}>
  /** CLI commands against the running lab, each against `node -e 0`. */
  commands: CommandTiming[]
  /** The second up, after sends and a clean down: `storedMiB` of commitlog in all (masters and slaves). */
  withData: {upMs: number; readyMs: number; storedMiB: number; sent: number; recoveryMs: number[]} | null
}

export interface LabUpOptions {
  signal?: AbortSignal
  /** Rounds of each CLI command timing. */
  commandRounds?: number
  /** How long to send before the second up, ms. */
  dataMs?: number
  /** Another template (default 2m-2s-sync); `quick` times the first up only (no commands, no data). */
  template?: string
  quick?: boolean
}

/** Creates, starts, measures and stops a 2m-2s-sync lab in `dir` (which must not exist or be empty). */
export async function timeLabUp(dir: string, o: LabUpOptions = {}): Promise<LabUpTiming> {
  const template = o.template ?? '2m-2s-sync'
  initLab({template, dir, namesrv: 2, flush: 'ASYNC_FLUSH', cluster: 'DefaultCluster', hosts: 1, force: false})
  const {namesrvAddr} = await moveLabToFreePorts(dir)
  const ctx = openLab(dir)
  try {
    const first = await timedUp(ctx, o.signal)
    const rss = first.up.nodes
      .filter((n) => n.pid !== null)
      .map((n) => ({node: n.name, kind: n.kind, pid: n.pid!, rssMiB: readRssMiB(n.pid!), startCpuMs: readCpuMs(n.pid!)}))
    if (o.quick) return {template, nodes: first.up.nodes.length, upMs: first.ms, readyMs: first.up.elapsedMs, rss, commands: [], withData: null}
    const rel = path.basename(dir)
    const cwd = path.dirname(dir)
    const commands = await timeCommands(
      [
        ['status', '--dir', rel],
        ['send', '--topic', 'BenchCli', '-n', '1', '--dir', rel],
        ['send', '--help'],
      ],
      cwd,
      o.commandRounds ?? 7,
      o.signal,
    )
    let withData: LabUpTiming['withData'] = null
    if (!o.signal?.aborted) {
      const sent = await runProducerBench({
        namesrvAddr: namesrvAddr.split(';'),
        topic: 'BenchUpData',
        size: 1024,
        inflight: 64,
        durationMs: o.dataMs ?? 2000,
        signal: o.signal,
      })
      await runDown(ctx, {clean: false})
      const second = await timedUp(ctx, o.signal)
      withData = {
        upMs: second.ms,
        readyMs: second.up.elapsedMs,
        storedMiB: second.up.nodes.reduce((n, x) => n + (x.commitLogMaxOffset ?? 0), 0) / 1048576,
        sent: sent.ok + sent.degraded,
        recoveryMs: recoveryMillis(path.join(dir, 'logs')),
      }
    }
    return {template, nodes: first.up.nodes.length, upMs: first.ms, readyMs: first.up.elapsedMs, rss, commands, withData}
  } finally {
    await runDown(ctx, {clean: false}).catch(() => undefined)
    await ctx.close()
  }
}

async function timedUp(ctx: LabContext, signal?: AbortSignal) {
  const began = performance.now()
  const up = await runUp(ctx, {signal})
  return {up, ms: performance.now() - began}
}

/** The broker logs' last "recovered normally in N ms" figures. */
function recoveryMillis(logDir: string): number[] {
  const out: number[] = []
  for (const f of fs.readdirSync(logDir).filter((x) => x.startsWith('broker'))) {
    const all = [...fs.readFileSync(path.join(logDir, f), 'utf8').matchAll(/recovered \w+ in (\d+) ms/g)]
    if (all.length > 0) out.push(Number(all.at(-1)![1]))
  }
  return out
}
