/**
 * The supervisor: starts, stops, signals and inspects one lab's nodes as separate, detached processes
 * (tiup playground's model). Everything it touches (processes, run files, the wire, ports, the clock)
 * is injected, so its rules are unit-tested without processes:
 * - start: ports first, spawn with MQLAB_PID_FILE, then wait (deadline, never a fixed sleep) for the
 *   node's pid file and its wire readiness; a node that exits or never gets ready is stopped again and
 *   reported with the end of its log.
 * - stop: SIGTERM to the process group (the node flushes and unregisters), SIGKILL after a timeout.
 * - a record whose process is gone without a stop is a crash, shown with the log's last lines.
 */
import {MqlabError} from '../errors/mqlab-error.js'
import type {Clock} from './clock.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import type {LabWire} from './lab-wire.js'
import {deriveNodeState, isLive, type NodeState, type NodeStatus} from './node-state.js'
import {throwIfAborted, portInUse, toInterrupted} from './lab-errors.js'
import {findPortConflicts, type PortProbe} from './port-check.js'
import type {ProcessExit, ProcessHost, SpawnRequest} from './process-host.js'
import {probeNode, type ProbeResult} from './readiness.js'
import type {RunFiles} from './run-files.js'
import {CRASH_LOG_LINES, type CrashReport, type SignalOutcome, type StartOutcome, type StopOutcome} from './supervisor-outcomes.js'

/** Everything the supervisor acts through. */
export interface SupervisorDeps {
  host: ProcessHost
  files: RunFiles
  wire: LabWire
  ports: PortProbe
  clock: Clock
  /** The command that starts a node (`node bin/mqbroker.js -c FILE`), given the pid file it must write. */
  launch(spec: LabNodeSpec, pidFile: string): Omit<SpawnRequest, 'logFile'>
}

/** Time limits, in ms. */
export interface SupervisorTimings {
  /** From spawn until the node must be ready. */
  readyTimeoutMs: number
  /** From SIGTERM until SIGKILL. */
  stopTimeoutMs: number
  /** After SIGKILL (or SIGSTOP/SIGCONT), how long the process may take to show the change. */
  signalWaitMs: number
  /** Between readiness probes and process checks. */
  pollMs: number
  /** One remoting request of a probe. */
  probeTimeoutMs: number
}

/** Defaults: a broker recovering a large store may take a while, so readiness gets 30 s. */
export const DEFAULT_TIMINGS: SupervisorTimings = {readyTimeoutMs: 30_000, stopTimeoutMs: 10_000, signalWaitMs: 5_000, pollMs: 50, probeTimeoutMs: 1_000}

/** Supervises the nodes of one lab. */
export class Supervisor {
  readonly timings: SupervisorTimings

  constructor(
    private readonly deps: SupervisorDeps,
    timings: Partial<SupervisorTimings> = {},
  ) {
    this.timings = {...DEFAULT_TIMINGS, ...timings}
  }

  /** The node's state now. */
  status(node: string): NodeStatus {
    const {files, host} = this.deps
    return deriveNodeState(node, files.readRecord(node), files.readPid(node), (pid) => host.inspect(pid))
  }

  /** The crash report of a crashed node (its last log lines and log path). */
  crashReport(node: string, status: NodeStatus = this.status(node)): CrashReport {
    return {
      node,
      pid: status.pid ?? null,
      signalled: status.signalled?.signal ?? null,
      signalledAt: status.signalled?.at ?? null,
      logPath: this.deps.files.logPath(node),
      lastLines: this.deps.files.tailLog(node, CRASH_LOG_LINES),
    }
  }

  /**
   * Starts a node unless it is live. Throws PORT_IN_USE before spawning when a port is taken,
   * NODE_START_FAILED when it exits while starting, NODE_NOT_READY at the deadline, INTERRUPTED when
   * `signal` aborts; in every failure the process is gone and its run files cleared before the throw.
   * `onSpawned` hears the pid as soon as there is one.
   */
  async start(spec: LabNodeSpec, options: {signal?: AbortSignal; onSpawned?: (pid: number) => void} = {}): Promise<StartOutcome> {
    const {files, host, clock} = this.deps
    const before = this.status(spec.name)
    if (isLive(before.state)) return {node: spec.name, action: 'already-running', pid: before.pid!, state: before.state}
    throwIfAborted(options.signal)
    const previousCrash = before.state === 'crashed' ? this.crashReport(spec.name, before) : undefined
    const conflicts = await findPortConflicts([spec], this.deps.ports)
    if (conflicts.length > 0) throw portInUse(conflicts)
    throwIfAborted(options.signal)
    if (previousCrash) files.clear(spec.name)

    const pidFile = files.pidPath(spec.name)
    const request = this.deps.launch(spec, pidFile)
    files.prepareStart(
      spec.name,
      `---- mqlab: starting ${spec.name} at ${new Date(clock.now()).toISOString()}: ${[request.command, ...request.args].join(' ')}`,
    )
    const spawned = host.spawn({...request, logFile: files.logPath(spec.name)})
    const startedAt = clock.now()
    const startTime = host.inspect(spawned.pid)?.startTime
    files.writeRecord({
      node: spec.name,
      pid: spawned.pid,
      startedAt,
      ...(startTime === undefined ? {} : {startTime}),
      command: [request.command, ...request.args],
    })
    options.onSpawned?.(spawned.pid)

    try {
      const probe = await this.waitReady(spec, spawned.pid, startedAt, spawned.exited, options.signal)
      spawned.detach()
      return {
        node: spec.name,
        action: 'started',
        pid: spawned.pid,
        state: 'running',
        readyMs: clock.now() - startedAt,
        ...(probe.detail ? {note: probe.detail} : {}),
        ...(previousCrash ? {previousCrash} : {}),
      }
    } catch (err) {
      const lastLines = files.tailLog(spec.name, CRASH_LOG_LINES)
      await this.stop(spec.name).catch(() => undefined)
      spawned.detach()
      if (err instanceof MqlabError && (err.code === 'NODE_START_FAILED' || err.code === 'NODE_NOT_READY')) {
        throw new MqlabError(err.code, err.message, {suggestion: err.suggestion, details: {...err.details, logPath: files.logPath(spec.name), lastLines}})
      }
      throw toInterrupted(err, options.signal)
    }
  }

  private async waitReady(spec: LabNodeSpec, pid: number, startedAt: number, exited: Promise<ProcessExit>, signal?: AbortSignal): Promise<ProbeResult> {
    const {files, clock, wire} = this.deps
    const deadline = startedAt + this.timings.readyTimeoutMs
    let exit: ProcessExit | undefined
    void exited.then((e) => (exit = e))
    for (;;) {
      throwIfAborted(signal)
      if (exit === undefined && this.status(spec.name).state === 'crashed') {
        // Gone from the process table: its exit status follows at once when this process is its parent.
        await Promise.race([exited, clock.sleep(this.timings.pollMs)])
      }
      const ended = exit as ProcessExit | undefined
      if (ended !== undefined || this.status(spec.name).state === 'crashed') {
        const how = ended === undefined ? 'exited' : ended.signal ? `was killed by ${ended.signal}` : `exited with code ${ended.code}`
        throw new MqlabError('NODE_START_FAILED', `${spec.name} ${how} while starting`, {
          suggestion: `read ${files.logPath(spec.name)} (its last lines are above), fix the cause, then start it again`,
          details: {node: spec.name, exitCode: ended?.code ?? null, signal: ended?.signal ?? null},
        })
      }
      let probe: ProbeResult
      if (files.readPid(spec.name) === pid) probe = await probeNode(spec, wire, this.timings.probeTimeoutMs)
      else probe = {ready: false, detail: `${spec.name} has not written ${files.pidPath(spec.name)} yet (it does once its ports are bound)`}
      if (probe.ready) return probe
      if (clock.now() >= deadline) {
        throw new MqlabError('NODE_NOT_READY', `${spec.name} was not ready within ${this.timings.readyTimeoutMs / 1000} s: ${probe.detail}`, {
          suggestion: `read ${files.logPath(spec.name)} (its last lines are above); it was stopped again`,
          details: {node: spec.name, waitedMs: clock.now() - startedAt},
        })
      }
      await clock.sleep(this.timings.pollMs, signal)
    }
  }

  /**
   * Stops a node: SIGTERM to its process group (SIGCONT too when paused, so it can act on the TERM),
   * SIGKILL after `stopTimeoutMs`. A stopped node is left alone; a crashed one has its run files cleared.
   */
  async stop(node: string): Promise<StopOutcome> {
    const {files, host, clock} = this.deps
    const status = this.status(node)
    if (status.state === 'stopped') return {node, was: 'stopped', action: 'already-stopped', pid: null}
    if (status.state === 'crashed') {
      const crash = this.crashReport(node, status)
      files.clear(node)
      return {node, was: 'crashed', action: 'cleared-crash', pid: status.pid ?? null, crash}
    }
    const pid = status.pid!
    const began = clock.now()
    host.signalGroup(pid, 'SIGTERM')
    if (status.state === 'paused') host.signalGroup(pid, 'SIGCONT')
    let forced = false
    if (!(await this.waitFor(node, (s) => !isLive(s), this.timings.stopTimeoutMs))) {
      forced = true
      host.signalGroup(pid, 'SIGKILL')
      if (!(await this.waitFor(node, (s) => !isLive(s), this.timings.signalWaitMs))) {
        throw new MqlabError('NODE_STOP_FAILED', `${node} (pid ${pid}) is still alive after SIGTERM and SIGKILL`, {
          suggestion: `look at it with ps -o pid,stat,cmd -g ${pid}; it may be stuck in the kernel (state D)`,
        })
      }
    }
    files.clear(node)
    return {node, was: status.state, action: forced ? 'killed' : 'stopped', pid, ms: clock.now() - began}
  }

  /**
   * Sends `signal` to a live node's process group (`mqlab kill`; SIGKILL is a crash). The signal is
   * recorded, so the crash it causes is reported as asked for. Waits until a terminating signal has
   * taken the process (SIGKILL always does; SIGTERM/SIGINT within the stop timeout).
   */
  async signal(node: string, signal: NodeJS.Signals): Promise<SignalOutcome> {
    const status = this.requireLive(node, `send ${signal} to`)
    const pid = status.pid!
    const {files, host, clock} = this.deps
    const record = files.readRecord(node) ?? {node, pid, startedAt: clock.now(), command: []}
    files.writeRecord({...record, signalled: {signal, at: clock.now()}})
    host.signalGroup(pid, signal)
    if (signal === 'SIGKILL') await this.waitFor(node, (s) => !isLive(s), this.timings.signalWaitMs)
    // A paused process keeps SIGTERM pending until SIGCONT (signal(7)): nothing to wait for then.
    else if ((signal === 'SIGTERM' || signal === 'SIGINT') && status.state === 'running') {
      // A node shuts down cleanly on TERM/INT (flush, unregister), as on `mqlab stop`: stopped, not crashed.
      if (await this.waitFor(node, (s) => !isLive(s), this.timings.stopTimeoutMs)) files.clear(node)
    } else if (signal === 'SIGSTOP') await this.waitFor(node, (s) => s === 'paused', this.timings.signalWaitMs)
    else if (signal === 'SIGCONT') await this.waitFor(node, (s) => s === 'running', this.timings.signalWaitMs)
    return {node, signal, pid, unchanged: false, state: this.status(node).state}
  }

  /** SIGSTOP: the node freezes with its connections open, as a hung JVM would. Idempotent. */
  pause(node: string): Promise<SignalOutcome> {
    return this.freeze(node, true)
  }

  /** SIGCONT: a paused node carries on. Idempotent. */
  resume(node: string): Promise<SignalOutcome> {
    return this.freeze(node, false)
  }

  private async freeze(node: string, pause: boolean): Promise<SignalOutcome> {
    const signal = pause ? 'SIGSTOP' : 'SIGCONT'
    const status = this.requireLive(node, pause ? 'pause' : 'resume')
    const pid = status.pid!
    const wanted: NodeState = pause ? 'paused' : 'running'
    if (status.state === wanted) return {node, signal, pid, unchanged: true, state: wanted}
    const {files, host} = this.deps
    const record = files.readRecord(node)
    if (record) files.writeRecord({...record, paused: pause})
    host.signalGroup(pid, signal)
    await this.waitFor(node, (s) => s === wanted || !isLive(s), this.timings.signalWaitMs)
    return {node, signal, pid, unchanged: false, state: this.status(node).state}
  }

  private requireLive(node: string, verb: string): NodeStatus {
    const status = this.status(node)
    if (isLive(status.state)) return status
    throw new MqlabError('NODE_NOT_RUNNING', `cannot ${verb} ${node}: it is ${status.state}`, {
      suggestion: `start it first: mqlab start ${node}`,
      details: {node, state: status.state},
    })
  }

  /** Polls the node's state until `done` or `timeoutMs`; true when done. */
  private async waitFor(node: string, done: (state: NodeState) => boolean, timeoutMs: number): Promise<boolean> {
    const {clock} = this.deps
    const deadline = clock.now() + timeoutMs
    for (;;) {
      if (done(this.status(node).state)) return true
      if (clock.now() >= deadline) return false
      await clock.sleep(Math.min(this.timings.pollMs, 20))
    }
  }
}
