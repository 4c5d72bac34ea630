/**
 * One command's view of a lab: the snapshot of conf/, the node specs, and a supervisor wired to the
 * real processes, files, wire and ports (or to fakes in tests). Commands open it, act, and close it
 * (closing drops the remoting connections, without which the CLI could not exit).
 */
import type {LabSnapshot} from '../topology/lab-model.js'
import {readLab} from '../topology/lab-reader.js'
import {systemClock} from './clock.js'
import {DiskRunFiles} from './disk-run-files.js'
import {nodeSpecs, type LabNodeSpec} from './lab-node-spec.js'
import {engineTimings, labLauncher} from '../engine/engine-launch.js'
import {OsProcessHost} from './os-process-host.js'
import {NetPortProbe} from './port-check.js'
import {RemotingLabWire} from './remoting-lab-wire.js'
import {Supervisor, type SupervisorDeps, type SupervisorTimings} from './supervisor.js'

/** An open lab. */
export interface LabContext {
  /** Absolute lab folder. */
  dir: string
  lab: LabSnapshot
  specs: LabNodeSpec[]
  deps: SupervisorDeps
  supervisor: Supervisor
  close(): Promise<void>
}

/** How to open a lab: fakes for any dependency, and timings. */
export interface OpenLabOptions {
  deps?: Partial<SupervisorDeps>
  timings?: Partial<SupervisorTimings>
}

/** The real dependencies for the lab at `dir`. */
export function realSupervisorDeps(dir: string): SupervisorDeps {
  return {
    host: new OsProcessHost(),
    files: new DiskRunFiles(dir),
    wire: new RemotingLabWire(),
    ports: new NetPortProbe(),
    clock: systemClock,
    // each node on its engine: mqlab's runtime, or Apache RocketMQ on a JVM (mqlab.json "engine")
    launch: labLauncher(dir),
  }
}

/** Reads the lab at `dir` (LAB_NOT_FOUND when there is none) and wires a supervisor to it. */
export function openLab(dir: string, options: OpenLabOptions = {}): LabContext {
  const lab = readLab(dir)
  return contextFor(lab, options)
}

/** A context for an already-read snapshot. */
export function contextFor(lab: LabSnapshot, options: OpenLabOptions = {}): LabContext {
  const real = options.deps && isComplete(options.deps) ? undefined : realSupervisorDeps(lab.dir)
  const deps: SupervisorDeps = {...real!, ...options.deps} as SupervisorDeps
  // Java nodes stop more slowly: a longer wait before SIGKILL unless the caller sets one
  const supervisor = new Supervisor(deps, {
    ...(real
      ? engineTimings(
          lab.dir,
          lab.nodes.map((n) => n.name),
        )
      : {}),
    ...options.timings,
  })
  return {dir: lab.dir, lab, specs: nodeSpecs(lab), deps, supervisor, close: () => deps.wire.close()}
}

function isComplete(deps: Partial<SupervisorDeps>): deps is SupervisorDeps {
  return (
    deps.host !== undefined &&
    deps.files !== undefined &&
    deps.wire !== undefined &&
    deps.ports !== undefined &&
    deps.clock !== undefined &&
    deps.launch !== undefined
  )
}
