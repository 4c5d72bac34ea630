// Test helper (not a test file) for the Apache RocketMQ engine suite: the engine installed once per run
// through the same `mqlab engine install apache` a user runs, labs made with `--engine` on free loopback
// ports, and every JVM reaped (by the lab's run/ files and, as a backstop, by its command line naming
// the lab folder) even when a test fails.
import {execFile} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {guardLab, movePortsToFree, mqlab, processAlive, tempDir, type CliRun} from '../helpers/lab-cli.js'

type T = {teardown(fn: () => unknown): void; log(...values: unknown[]): void}

let installed: Promise<CliRun> | undefined

/** `mqlab engine install apache --json`, once per test process (a second run finds it installed). */
export function installEngine(): Promise<CliRun> {
  installed ??= mqlab(process.cwd(), ['engine', 'install', 'apache'], {timeoutMs: 600_000})
  return installed
}

/** A lab made by the CLI. */
export interface Lab {
  cwd: string
  dir: string
  namesrvAddr: string
  cli<R = any>(...args: string[]): Promise<CliRun<R>>
}

/** init TEMPLATE --engine … → free ports; `down` and a SIGKILL of anything left in teardown. */
export async function makeLab(t: T, template: string, engines: string[], options: {namesrvs?: number} = {}): Promise<Lab> {
  const cwd = await tempDir(t, 'mqlab-apache-e2e-')
  const init = await mqlab(cwd, ['init', template, '--dir', 'lab', '--namesrv', String(options.namesrvs ?? 1), ...engines.flatMap((e) => ['--engine', e])])
  if (init.exitCode !== 0) throw new Error(`init failed: ${init.stdout}${init.stderr}`)
  const dir = path.join(cwd, 'lab')
  const {namesrvAddr} = await movePortsToFree(dir)
  const guard = guardLab(t, dir)
  const cli = async <R = any>(...args: string[]) => {
    const run = await mqlab<R>(cwd, [...args, '--dir', 'lab'], {timeoutMs: 240_000})
    guard.track()
    return run
  }
  // Registered after guardLab's: ava runs teardowns last-registered first, so `down` comes before the SIGKILLs.
  t.teardown(async () => {
    await mqlab(cwd, ['down', '--dir', 'lab'], {timeoutMs: 120_000}).catch(() => undefined)
    killLeftovers(dir)
  })
  return {cwd, dir, namesrvAddr, cli}
}

/** Live processes whose command line names the lab folder (JVMs carry -Dmqlab.log.dir=<lab>/logs). */
export function labProcesses(labDir: string): Array<{pid: number; command: string}> {
  const out: Array<{pid: number; command: string}> = []
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    let command: string
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')
    } catch {
      continue
    }
    if (command.includes(`${labDir}/`) && processAlive(pid) && /java|mqbroker|mqnamesrv/.test(command)) out.push({pid, command})
  }
  return out
}

function killLeftovers(labDir: string): void {
  for (const p of labProcesses(labDir)) {
    try {
      process.kill(p.pid, 'SIGKILL')
    } catch {
      // gone meanwhile
    }
  }
}

/** Resident memory of a process in MB (VmRSS), or null. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Math.round(Number(m[1]) / 1024) : null
  } catch {
    return null
  }
}

/** The lab's nodes from `mqlab status --json`: name → pid. */
export async function nodePids(lab: Lab): Promise<Record<string, number>> {
  const status = await lab.cli('status')
  const out: Record<string, number> = {}
  for (const n of status.json.result.nodes as Array<{name: string; pid: number | null}>) if (n.pid !== null) out[n.name] = n.pid
  return out
}

/** True when a process runs a JVM (its executable is java). */
export function isJava(pid: number): boolean {
  try {
    return /(^|\/)java$/.test(fs.readlinkSync(`/proc/${pid}/exe`))
  } catch {
    return false
  }
}

/** Runs `mqlab <args> --json` with extra environment variables. */
export function mqlabWithEnv(cwd: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 300_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const cli = new URL('../../../bin/run.js', import.meta.url).pathname
    const childEnv: NodeJS.ProcessEnv = {...process.env, NO_COLOR: '1', ...env}
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k]
    execFile(process.execPath, [cli, ...args, '--json'], {cwd, timeout: timeoutMs, env: childEnv}, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      try {
        resolve({exitCode, json: JSON.parse(stdout), stdout, stderr})
      } catch {
        reject(new Error(`mqlab ${args.join(' ')} printed no JSON (exit ${exitCode}):\n${stdout}\n${stderr}`))
      }
    })
  })
}
