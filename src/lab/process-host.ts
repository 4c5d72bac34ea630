/**
 * The operating-system side of supervision, behind one small interface so the supervisor's start,
 * stop, crash and pause logic is unit-tested with a fake (style.md "Supervision": spawn, kill and the
 * clock are injected). The real implementation is os-process-host.ts.
 */

/** How to start a node. */
export interface SpawnRequest {
  /** Executable (node itself). */
  command: string
  args: string[]
  cwd: string
  env: Record<string, string>
  /** stdout and stderr are appended to this file. */
  logFile: string
}

/** How a spawned process ended. */
export interface ProcessExit {
  code: number | null
  signal: string | null
}

/** A process this supervisor started. */
export interface SpawnedProcess {
  pid: number
  /** Settles when the process exits (only observable while the spawning CLI process lives). */
  exited: Promise<ProcessExit>
  /** Lets the CLI exit while the node keeps running. */
  detach(): void
}

/** A live process as seen now. */
export interface ProcessInfo {
  /** running (R/S/D…), paused (stopped by SIGSTOP), or exited (a zombie nobody has reaped yet). */
  state: 'running' | 'paused' | 'exited'
  /** Start time (clock ticks since boot), when the platform tells; tells a pid apart from a later reuse. */
  startTime?: number
  /** Its command line (arguments joined by spaces), when the platform tells. */
  command?: string
}

/** Spawning, signalling and inspecting processes. */
export interface ProcessHost {
  /** Starts a detached process in its own process group. Throws when it cannot be spawned at all. */
  spawn(request: SpawnRequest): SpawnedProcess
  /**
   * Sends `signal` to the process group led by `pid` (the node and anything it started). Returns false
   * when no such group exists any more.
   */
  signalGroup(pid: number, signal: NodeJS.Signals): boolean
  /** The process with this pid, or undefined when there is none. */
  inspect(pid: number): ProcessInfo | undefined
}
