// Test helper for e2e tests of the lab commands: runs the built CLI with --json in a temp folder, makes
// labs on free loopback ports, and guarantees that no node process outlives the test.
import {execFile} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {moveLabToFreePorts} from '../../src/lab/free-lab-ports.js'
import {processAlive} from '../../src/lab/process-alive.js'
export {tempDir} from './temp-dir.js'

// dist/test/helpers → repository root
const root = fileURLToPath(new URL('../../../', import.meta.url))
const cli = path.join(root, 'bin', 'run.js')

/** What one CLI run printed. */
export interface CliRun<T = any> {
  exitCode: number
  /** The --json envelope. */
  json: {ok: boolean; exitCode: number; result?: T; error?: {code: string; message: string; suggestion?: string; details?: any}}
  stdout: string
  stderr: string
}

type Teardown = {teardown(fn: () => unknown): void}

/** Runs `mqlab <args> --json` in `cwd`. */
export function mqlab<T = any>(cwd: string, args: string[], options: {timeoutMs?: number} = {}): Promise<CliRun<T>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...args, '--json'],
      {cwd, timeout: options.timeoutMs ?? 60_000, env: {...process.env, NO_COLOR: '1'}},
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        try {
          resolve({exitCode, json: JSON.parse(stdout), stdout, stderr})
        } catch {
          reject(new Error(`mqlab ${args.join(' ')} printed no JSON (exit ${exitCode}):\n${stdout}\n${stderr}`))
        }
      },
    )
  })
}

/** Rewrites a lab's conf/*.properties so every node uses free ports (name servers first, then brokers). */
export const movePortsToFree = moveLabToFreePorts

/** Pids the lab's run/ files name (pid files and the supervisor's records). */
export function labPids(labDir: string): number[] {
  const run = path.join(labDir, 'run')
  const pids = new Set<number>()
  let names: string[] = []
  try {
    names = fs.readdirSync(run)
  } catch {
    return []
  }
  for (const name of names) {
    if (!name.endsWith('.pid') && !name.endsWith('.json')) continue // temp files of an atomic write
    let text: string
    try {
      text = fs.readFileSync(path.join(run, name), 'utf8')
    } catch {
      continue // removed since the listing (a node stopped): its process is gone or already seen
    }
    let pid = NaN
    try {
      pid = name.endsWith('.pid') ? Number(text.trim()) : Number(JSON.parse(text).pid)
    } catch {
      // a record being rewritten: the next poll reads it whole
    }
    if (Number.isInteger(pid) && pid > 0) pids.add(pid)
  }
  return [...pids]
}

/** True when `pid` is a live (non-zombie) process; the CLI's own check, so tests and product agree. */
export {processAlive}

/**
 * SIGKILLs each still-live pid by process group (so a detached node's children go too), falling back to the
 * pid alone; the one reaping loop behind guardLab and the experiment workspace.
 */
export function killAll(pids: Iterable<number>): void {
  for (const pid of pids) {
    if (!processAlive(pid)) continue
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
}

/**
 * Registers teardown for a lab: every pid ever seen in its run/ (call `track` after commands that start
 * nodes) is SIGKILLed by process group if still alive, so a failed test leaves no orphan.
 */
export function guardLab(t: Teardown, labDir: string): {track(): number[]; seen: Set<number>} {
  const seen = new Set<number>()
  const track = () => {
    for (const pid of labPids(labDir)) seen.add(pid)
    return [...seen]
  }
  t.teardown(() => {
    track()
    killAll(seen)
  })
  return {track, seen}
}
