/**
 * A node's state from its run files and the process table (pure). Clean stops remove the run files, so
 * a pid file or record whose process is gone means the node died without being stopped: crashed. A
 * pid whose process start time differs from the recorded one belongs to a later process: also gone.
 */
import type {ProcessInfo} from './process-host.js'
import type {NodeRecord} from './run-files.js'

/** What a node is doing. */
export type NodeState = 'running' | 'stopped' | 'paused' | 'crashed'

/** A node's state with what is known about its process. */
export interface NodeStatus {
  name: string
  state: NodeState
  /** The process id (for a crashed node: the one that died). */
  pid?: number
  /** When the supervisor started it (ms since the epoch). */
  startedAt?: number
  /** The signal `mqlab kill` sent it, when it was killed on purpose. */
  signalled?: {signal: string; at: number}
}

/** Derives a node's state. */
export function deriveNodeState(
  name: string,
  record: NodeRecord | undefined,
  pidFromFile: number | undefined,
  inspect: (pid: number) => ProcessInfo | undefined,
): NodeStatus {
  const pid = record?.pid ?? pidFromFile
  if (pid === undefined) return {name, state: 'stopped'}
  const info = inspect(pid)
  const known = {
    pid,
    ...(record ? {startedAt: record.startedAt} : {}),
    ...(record?.signalled ? {signalled: record.signalled} : {}),
  }
  const sameProcess =
    info !== undefined &&
    (record === undefined ? isNodeCommand(info.command) : record.startTime === undefined || info.startTime === undefined || info.startTime === record.startTime)
  if (!sameProcess || info.state === 'exited') return {name, state: 'crashed', ...known}
  // Without /proc the state letter is unknown; pause/resume then leave a flag in the record.
  const paused = info.state === 'paused' || (info.startTime === undefined && record?.paused === true)
  return {name, state: paused ? 'paused' : 'running', ...known}
}

/**
 * With only a pid file (no record to compare start times with), a pid is trusted only when its command
 * line, if known, is a node's (`… bin/mqbroker.js -c …`): a stale pid file must never make mqlab signal
 * some other program that reused the pid.
 */
function isNodeCommand(command: string | undefined): boolean {
  return command === undefined || /mq(broker|namesrv)/.test(command)
}

/** True when the node has a live process (running or paused). */
export function isLive(state: NodeState): boolean {
  return state === 'running' || state === 'paused'
}
