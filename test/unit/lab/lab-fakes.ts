// Test helper (not a test file): a simulated operating system for the supervisor. Processes live in
// virtual time driven by a manual clock: each writes its pid file, registers with name servers, exits
// or ignores SIGTERM when its script says so; the wire answers from that simulated state.
import type {ClusterInfo} from '../../../runtime/remoting/body/cluster-info.js'
import {contextFor, type LabContext} from '../../../src/lab/lab-context.js'
import type {LabNodeSpec} from '../../../src/lab/lab-node-spec.js'
import type {LabWire} from '../../../src/lab/lab-wire.js'
import type {PortAvailability, PortProbe} from '../../../src/lab/port-check.js'
import type {ProcessExit, ProcessHost, ProcessInfo, SpawnRequest, SpawnedProcess} from '../../../src/lab/process-host.js'
import type {NodeRecord, RunFiles} from '../../../src/lab/run-files.js'
import type {SupervisorTimings} from '../../../src/lab/supervisor.js'
import {labFiles, snapshot} from '../topology/lab-fixture.js'
import {ManualTimers} from '../../helpers/manual-timers.js'

/** The lab's virtual time: the tests' one manual clock, advancing by itself (see manual-timers.ts). */
export class ManualClock extends ManualTimers {
  constructor() {
    super(1_700_000_000_000, true)
  }
}

/** How a simulated node behaves (ms after spawn). */
export interface Script {
  /** When it writes its pid file (its ports are bound). */
  pidAfterMs: number
  /** When a broker is registered with its name servers (Infinity: never). */
  registerAfterMs: number
  /** Exit on its own at this time, with this code. */
  exitAfterMs?: number
  exitCode?: number
  /** Keep running after SIGTERM. */
  ignoresTerm?: boolean
  /** How long a graceful SIGTERM shutdown takes. */
  termMs: number
}

const DEFAULT_SCRIPT: Script = {pidAfterMs: 100, registerAfterMs: 200, termMs: 100}

interface SimProcess {
  pid: number
  node: string
  spec: LabNodeSpec
  script: Script
  spawnedAt: number
  startTime: number
  state: 'running' | 'paused' | 'gone'
  exitAt?: number
  exitCode: number | null
  exitSignal: string | null
  resolveExit: (e: ProcessExit) => void
  pidWritten: boolean
}

/** A log entry of what the supervisor did to the OS. */
export type OsEvent = {t: number; type: 'spawn'; node: string; pid: number} | {t: number; type: 'signal'; node: string; pid: number; signal: string}

/** The simulated OS: processes, pid files, wire and ports in one place. */
export class FakeOs implements ProcessHost, RunFiles, LabWire, PortProbe {
  readonly events: OsEvent[] = []
  readonly scripts = new Map<string, Partial<Script>>()
  readonly busyPorts = new Set<string>()
  readonly processes = new Map<number, SimProcess>()
  readonly pidFiles = new Map<string, number>()
  readonly records = new Map<string, NodeRecord>()
  readonly logs = new Map<string, string[]>()
  private nextPid = 1000
  private specs = new Map<string, LabNodeSpec>()

  constructor(readonly clock: ManualClock) {
    clock.onAdvance(() => this.tick())
  }

  setSpecs(specs: LabNodeSpec[]): void {
    this.specs = new Map(specs.map((s) => [s.name, s]))
  }

  // --- ProcessHost
  spawn(request: SpawnRequest): SpawnedProcess {
    const node = request.args[1]!
    const spec = this.specs.get(node)!
    const pid = this.nextPid++
    let resolveExit!: (e: ProcessExit) => void
    const exited = new Promise<ProcessExit>((r) => (resolveExit = r))
    const script = {...DEFAULT_SCRIPT, ...this.scripts.get(node)}
    const p: SimProcess = {
      pid,
      node,
      spec,
      script,
      spawnedAt: this.clock.t,
      startTime: pid * 7,
      state: 'running',
      exitCode: null,
      exitSignal: null,
      resolveExit,
      pidWritten: false,
    }
    if (script.exitAfterMs !== undefined) p.exitAt = this.clock.t + script.exitAfterMs
    this.processes.set(pid, p)
    this.events.push({t: this.clock.t, type: 'spawn', node, pid})
    this.appendLog(node, `${node} booting, pid ${pid}`)
    return {pid, exited, detach: () => undefined}
  }

  signalGroup(pid: number, signal: NodeJS.Signals): boolean {
    const p = this.processes.get(pid)
    if (!p || p.state === 'gone') return false
    this.events.push({t: this.clock.t, type: 'signal', node: p.node, pid, signal})
    if (signal === 'SIGKILL') this.end(p, null, 'SIGKILL')
    else if (signal === 'SIGSTOP') p.state = 'paused'
    else if (signal === 'SIGCONT') {
      if (p.state === 'paused') p.state = 'running'
    } else if (signal === 'SIGTERM' || signal === 'SIGINT') {
      if (!p.script.ignoresTerm) p.exitAt = Math.min(p.exitAt ?? Infinity, this.clock.t + p.script.termMs)
    }
    return true
  }

  inspect(pid: number): ProcessInfo | undefined {
    const p = this.processes.get(pid)
    if (!p || p.state === 'gone') return undefined
    return {state: p.state, startTime: p.startTime}
  }

  /** Pids of processes still alive. */
  livePids(): number[] {
    return [...this.processes.values()].filter((p) => p.state !== 'gone').map((p) => p.pid)
  }

  /** Kills a process from outside (a crash nobody asked for). */
  crash(node: string): void {
    const p = [...this.processes.values()].find((x) => x.node === node && x.state !== 'gone')!
    this.appendLog(node, 'java.lang.OutOfMemoryError: simulated')
    this.end(p, null, 'SIGKILL')
  }

  private end(p: SimProcess, code: number | null, signal: string | null): void {
    p.state = 'gone'
    p.exitCode = code
    p.exitSignal = signal
    p.resolveExit({code, signal})
  }

  private tick(): void {
    const t = this.clock.t
    for (const p of this.processes.values()) {
      if (p.state === 'gone') continue
      if (p.state === 'running' && !p.pidWritten && t >= p.spawnedAt + p.script.pidAfterMs) {
        p.pidWritten = true
        this.pidFiles.set(p.node, p.pid)
      }
      // A paused process does not exit on SIGTERM until it is continued.
      if (p.state === 'running' && p.exitAt !== undefined && t >= p.exitAt) {
        this.appendLog(p.node, p.exitCode === null && p.script.exitCode !== undefined ? `fatal: exiting with ${p.script.exitCode}` : 'shutdown')
        this.end(p, p.script.exitCode ?? 0, null)
      }
    }
  }

  private liveRunning(node: string): SimProcess | undefined {
    return [...this.processes.values()].find((p) => p.node === node && p.state === 'running')
  }

  // --- RunFiles
  readPid(node: string): number | undefined {
    return this.pidFiles.get(node)
  }
  readRecord(node: string): NodeRecord | undefined {
    const r = this.records.get(node)
    return r === undefined ? undefined : {...r}
  }
  writeRecord(record: NodeRecord): void {
    this.records.set(record.node, {...record})
  }
  clear(node: string): void {
    this.pidFiles.delete(node)
    this.records.delete(node)
  }
  nodesWithRunFiles(): string[] {
    return [...new Set([...this.pidFiles.keys(), ...this.records.keys()])].sort()
  }
  prepareStart(node: string, banner: string): void {
    this.pidFiles.delete(node)
    this.appendLog(node, banner)
  }
  tailLog(node: string, lines: number): string[] {
    return (this.logs.get(node) ?? []).slice(-lines)
  }
  logPath(node: string): string {
    return `/lab/logs/${node}.log`
  }
  pidPath(node: string): string {
    return `/lab/run/${node}.pid`
  }
  appendLog(node: string, line: string): void {
    const lines = this.logs.get(node) ?? []
    lines.push(line)
    this.logs.set(node, lines)
  }

  // --- LabWire
  async clusterInfo(addr: string): Promise<ClusterInfo> {
    const ns = [...this.specs.values()].find((s) => s.kind === 'namesrv' && s.addr === addr)
    if (!ns || !this.liveRunning(ns.name) || !this.pidFiles.has(ns.name)) throw new Error(`cannot connect to ${addr}`)
    const info: ClusterInfo = {brokerAddrTable: {}, clusterAddrTable: {}}
    for (const p of this.processes.values()) {
      if (p.state === 'gone' || p.spec.kind !== 'broker' || !p.spec.namesrvAddrs.includes(addr)) continue
      if (this.clock.t < p.spawnedAt + p.script.registerAfterMs) continue
      const name = p.spec.brokerName!
      const bd = (info.brokerAddrTable[name] ??= {cluster: 'DefaultCluster', brokerName: name, brokerAddrs: {}})
      const id = p.spec.brokerId ?? this.dledgerId(p)
      bd.brokerAddrs[String(id)] = p.spec.addr
      info.clusterAddrTable.DefaultCluster = [...new Set([...(info.clusterAddrTable.DefaultCluster ?? []), name])]
    }
    return info
  }

  /** DLedger: the first live member is the leader (id 0), the others n<k> → k + 1. */
  private dledgerId(p: SimProcess): number {
    const members = [...this.processes.values()].filter((x) => x.state !== 'gone' && x.spec.brokerName === p.spec.brokerName).sort((a, b) => a.pid - b.pid)
    if (members[0] === p) return 0
    return Number(/-n(\d+)$/.exec(p.node)?.[1] ?? 0) + 1
  }

  async brokerRuntimeInfo(addr: string): Promise<Record<string, string>> {
    const spec = [...this.specs.values()].find((s) => s.kind === 'broker' && s.addr === addr)
    if (!spec || !this.liveRunning(spec.name) || !this.pidFiles.has(spec.name)) throw new Error(`cannot connect to ${addr}`)
    return {commitLogMaxOffset: '4096', brokerVersionDesc: 'V4_9_8'}
  }

  async close(): Promise<void> {}

  // --- PortProbe
  async check(host: string, port: number): Promise<PortAvailability> {
    return this.busyPorts.has(`${host}:${port}`) ? {free: false, reason: 'is in use by another process'} : {free: true}
  }
}

/** A lab of `template` wired to a fresh FakeOs. */
export function fakeLab(template: string, timings: Partial<SupervisorTimings> = {}): {ctx: LabContext; os: FakeOs; clock: ManualClock} {
  const clock = new ManualClock()
  const os = new FakeOs(clock)
  const lab = snapshot(labFiles(template))
  const ctx = contextFor(lab, {
    deps: {
      host: os,
      files: os,
      wire: os,
      ports: os,
      clock,
      launch: (spec, pidFile) => ({command: 'fake', args: ['mq', spec.name], cwd: '/lab', env: {MQLAB_PID_FILE: pidFile}}),
    },
    timings: {pollMs: 50, ...timings},
  })
  os.setSpecs(ctx.specs)
  return {ctx, os, clock}
}

/** Spawn events only, as node names. */
export function spawnOrder(os: FakeOs): string[] {
  return os.events.filter((e) => e.type === 'spawn').map((e) => e.node)
}

/** Signals sent, as "node SIGNAL". */
export function signalsSent(os: FakeOs): string[] {
  return os.events.filter((e): e is Extract<OsEvent, {type: 'signal'}> => e.type === 'signal').map((e) => `${e.node} ${e.signal}`)
}
