// Test helper (not a test file) for the Apache RocketMQ engine suite: the engine installed once per run
// through the same `mqlab engine install apache` a user runs, labs made with `--engine` on free loopback
// ports, and every JVM reaped (by the lab's run/ files and, as a backstop, by its command line naming
// the lab folder) even when a test fails.
import {execFile} from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import {guardLab, mqlab, processAlive, tempDir, type CliRun} from '../helpers/lab-cli.js'

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
  const {namesrvAddr} = await moveLabPorts(dir)
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

/**
 * Moves every node of a lab (classic or DLedger) to free ports picked at random below the kernel's
 * ephemeral range (32768+), so the outgoing connections of a busy machine cannot take one between the
 * pick and `up`: name servers, each broker's listenPort (with −2 and +1 free), DLedger raft ports with
 * dLegerPeers rewritten in every member, and namesrvAddr everywhere.
 */
export async function moveLabPorts(labDir: string): Promise<{namesrvAddr: string}> {
  const conf = path.join(labDir, 'conf')
  const files = fs
    .readdirSync(conf)
    .filter((f) => f.endsWith('.properties'))
    .sort()
  const taken = new Set<number>()
  const pick = async (neighbours: number[]) => {
    for (let i = 0; i < 1000; i++) {
      const p = 20_000 + Math.floor(Math.random() * 12_000)
      const all = [p, ...neighbours.map((d) => p + d)]
      if (all.some((x) => taken.has(x))) continue
      if (!(await Promise.all(all.map((x) => portIsFree(x)))).every(Boolean)) continue
      for (const x of all) taken.add(x)
      return p
    }
    throw new Error('no free ports found')
  }
  const namesrvPorts: number[] = []
  for (const f of files.filter((x) => x.startsWith('namesrv'))) {
    const p = await pick([])
    namesrvPorts.push(p)
    rewrite(path.join(conf, f), {listenPort: String(p)})
  }
  const namesrvAddr = namesrvPorts.map((p) => `127.0.0.1:${p}`).join(';')
  const brokers = files.filter((x) => !x.startsWith('namesrv'))
  const raft = new Map<string, number>()
  const listen = new Map<string, number>()
  for (const f of brokers) {
    listen.set(f, await pick([-2, 1]))
    const id = /^dLegerSelfId=(\S+)$/m.exec(fs.readFileSync(path.join(conf, f), 'utf8'))?.[1]
    if (id !== undefined) raft.set(id, await pick([]))
  }
  const peers = [...raft].map(([id, p]) => `${id}-127.0.0.1:${p}`).join(';')
  for (const f of brokers) {
    rewrite(path.join(conf, f), {
      listenPort: String(listen.get(f)),
      haListenPort: String(listen.get(f)! + 1),
      ...(namesrvAddr ? {namesrvAddr} : {}),
      ...(peers ? {dLegerPeers: peers} : {}),
    })
  }
  return {namesrvAddr}
}

function rewrite(file: string, values: Record<string, string>): void {
  let text = fs.readFileSync(file, 'utf8')
  for (const [k, v] of Object.entries(values)) text = text.replace(new RegExp(`^${k}=.*$`, 'm'), `${k}=${v}`)
  fs.writeFileSync(file, text)
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer()
    s.once('error', () => resolve(false))
    s.listen({host: '127.0.0.1', port, exclusive: true}, () => s.close(() => resolve(true)))
  })
}

/** The first `length` bytes of a store's commitlog (its segments in offset order). */
export function commitlogPrefix(storeDir: string, length: number): Buffer {
  const dir = path.join(storeDir, 'commitlog')
  const parts: Buffer[] = []
  let left = length
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => /^\d{20}$/.test(n))
    .sort()) {
    if (left <= 0) break
    const data = fs.readFileSync(path.join(dir, name))
    parts.push(data.subarray(0, Math.min(left, data.length)))
    left -= Math.min(left, data.length)
  }
  return Buffer.concat(parts)
}

/**
 * `mqlab up --timeout 120` (JVMs on two loaded cores start slowly). A port taken by another process
 * between the pick and the start (PORT_IN_USE: nothing was started) gets new ports and one more try.
 */
export async function labUp(lab: Lab): Promise<CliRun> {
  let run = await lab.cli('up', '--timeout', '120')
  for (let retry = 0; retry < 2 && run.exitCode === 8; retry++) {
    lab.namesrvAddr = (await moveLabPorts(lab.dir)).namesrvAddr
    run = await lab.cli('up', '--timeout', '120')
  }
  return run
}
