/**
 * How long a CLI command takes to run as a user types it (`node bin/run.js …`), against a bare
 * `node -e 0` in the same rounds: the difference is the command's own start-up plus its work. Rounds
 * alternate the baseline and each command, so a drifting load hits both alike; medians are reported.
 */
import {spawn} from 'node:child_process'
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
  runs: number
  /** Exit codes seen other than 0 (a command that failed was not measured fairly). */
  failures: number
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

function timeRun(args: string[], cwd: string, signal?: AbortSignal): Promise<{ms: number; code: number | null}> {
  return new Promise((resolve, reject) => {
    const began = performance.now()
    const child = spawn(process.execPath, args, {cwd, stdio: 'ignore', signal, env: {...process.env, NO_COLOR: '1'}})
    child.once('error', reject)
    child.once('exit', (code) => resolve({ms: performance.now() - began, code}))
  })
}

/** Times each command line `rounds` times, alternating with `node -e 0`, in `cwd`. */
export async function timeCommands(commands: string[][], cwd: string, rounds: number, signal?: AbortSignal): Promise<CommandTiming[]> {
  const bin = path.join(packageRoot(), 'bin', 'run.js')
  // One untimed run each first: the page cache, not the code, is what a first run measures.
  await timeRun(['-e', '0'], cwd, signal)
  for (const c of commands) await timeRun([bin, ...c], cwd, signal)
  const base: number[][] = commands.map(() => [])
  const runs: number[][] = commands.map(() => [])
  const failures = commands.map(() => 0)
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < commands.length; i++) {
      base[i]!.push((await timeRun(['-e', '0'], cwd, signal)).ms)
      const run = await timeRun([bin, ...commands[i]!], cwd, signal)
      runs[i]!.push(run.ms)
      if (run.code !== 0) failures[i]!++
    }
  }
  return commands.map((c, i) => {
    const medianMs = median(runs[i]!)
    const baselineMs = median(base[i]!)
    return {command: c.join(' '), medianMs, baselineMs, overMs: medianMs - baselineMs, runs: rounds, failures: failures[i]!}
  })
}
