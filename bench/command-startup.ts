/**
 * How long a CLI command takes to run as a user types it (`node bin/run.js …`), against a bare
 * `node -e 0` in the same rounds: the difference is the command's own start-up plus its work. Rounds
 * alternate the baseline and each command, so a drifting load hits both alike; medians are reported.
 * Each run also reports the CPU it used (a preloaded exit hook writes process.cpuUsage() to fd 3): on a
 * busy machine wall time mostly measures the queue for a core, CPU time what the command costs.
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {packageRoot} from '../src/package-root.js'

/** One command's timing. */
export interface CommandTiming {
  /** As typed after `mqlab`. */
  command: string
  /** Median wall ms of the command, and of `node -e 0` in the same rounds. */
  medianMs: number
  baselineMs: number
  /** medianMs − baselineMs. */
  overMs: number
  /** Median CPU ms (user + system) of the command and of `node -e 0`. */
  cpuMs: number
  baselineCpuMs: number
  runs: number
  /** Exit codes seen other than 0 (a command that failed was not measured fairly). */
  failures: number
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

const CPU_HOOK = "process.on('exit', () => { try { require('node:fs').writeSync(3, JSON.stringify(process.cpuUsage()) + '\\n') } catch {} })\n"

interface Run {
  ms: number
  cpuMs: number
  code: number | null
}

function timeRun(args: string[], cwd: string, hook: string, signal?: AbortSignal): Promise<Run> {
  return new Promise((resolve, reject) => {
    const began = performance.now()
    const child = spawn(process.execPath, ['--require', hook, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      signal,
      env: {...process.env, NO_COLOR: '1'},
    })
    let report = ''
    const fd3 = child.stdio[3] as NodeJS.ReadableStream
    fd3.on('data', (c: Buffer) => (report += c.toString()))
    child.once('error', reject)
    child.once('close', (code) => {
      const ms = performance.now() - began
      let cpuMs = NaN
      try {
        const u = JSON.parse(report) as {user: number; system: number}
        cpuMs = (u.user + u.system) / 1000
      } catch {
        // No report: the process died before its exit hook ran.
      }
      resolve({ms, cpuMs, code})
    })
  })
}

/** Times each command line `rounds` times, alternating with `node -e 0`, in `cwd`. */
export async function timeCommands(commands: string[][], cwd: string, rounds: number, signal?: AbortSignal): Promise<CommandTiming[]> {
  const bin = path.join(packageRoot(), 'bin', 'run.js')
  const hookDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqlab-cpu-hook-'))
  const hook = path.join(hookDir, 'cpu-at-exit.cjs')
  fs.writeFileSync(hook, CPU_HOOK)
  try {
    // One untimed run each first: the page cache, not the code, is what a first run measures.
    await timeRun(['-e', '0'], cwd, hook, signal)
    for (const c of commands) await timeRun([bin, ...c], cwd, hook, signal)
    const base: Run[][] = commands.map(() => [])
    const runs: Run[][] = commands.map(() => [])
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < commands.length; i++) {
        base[i]!.push(await timeRun(['-e', '0'], cwd, hook, signal))
        runs[i]!.push(await timeRun([bin, ...commands[i]!], cwd, hook, signal))
      }
    }
    return commands.map((c, i) => {
      const medianMs = median(runs[i]!.map((x) => x.ms))
      const baselineMs = median(base[i]!.map((x) => x.ms))
      return {
        command: c.join(' '),
        medianMs,
        baselineMs,
        overMs: medianMs - baselineMs,
        cpuMs: median(runs[i]!.map((x) => x.cpuMs)),
        baselineCpuMs: median(base[i]!.map((x) => x.cpuMs)),
        runs: rounds,
        failures: runs[i]!.filter((x) => x.code !== 0).length,
      }
    })
  } finally {
    fs.rmSync(hookDir, {recursive: true, force: true})
  }
}
