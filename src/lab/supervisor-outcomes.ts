/** What the supervisor reports: crashes, and the outcome of start, stop and signals. */
import type {NodeState} from './node-state.js'

/** Lines of log shown with a crash or a failed start. */
export const CRASH_LOG_LINES = 20

/** What is known about a node that died without being stopped. */
export interface CrashReport {
  node: string
  pid: number | null
  /** The signal `mqlab kill` sent, when the crash was asked for. */
  signalled: string | null
  /** When `mqlab kill` sent it (ms since the epoch), from the lab's run files. */
  signalledAt?: number | null
  logPath: string
  lastLines: string[]
}

/** The result of start(). */
export interface StartOutcome {
  node: string
  action: 'started' | 'already-running'
  pid: number
  state: NodeState
  /** Spawn to ready. */
  readyMs?: number
  /** A caveat from readiness (e.g. registered with no name server). */
  note?: string
  /** The crash found before starting it again. */
  previousCrash?: CrashReport
}

/** The result of stop(). */
export interface StopOutcome {
  node: string
  was: NodeState
  action: 'stopped' | 'killed' | 'already-stopped' | 'cleared-crash'
  pid: number | null
  /** SIGTERM to exit (or to SIGKILL). */
  ms?: number
  /** The crash that was cleared. */
  crash?: CrashReport
}

/** The result of signal() / pause() / resume(). */
export interface SignalOutcome {
  node: string
  signal: string
  pid: number
  /** True when the node was already in the wanted state and nothing was sent. */
  unchanged: boolean
  /** The state after the signal took effect (or the wait ended). */
  state: NodeState
}
