/**
 * The files through which separate mqlab invocations know about running nodes: run/<node>.pid (written
 * by the node once its ports are bound) and run/<node>.json (the supervisor's record), plus the log.
 * Behind an interface so the supervisor is unit-tested in memory; disk-run-files.ts is the real one.
 */

/** What the supervisor recorded when it started a node. */
export interface NodeRecord {
  node: string
  pid: number
  /** Wall-clock ms when it was spawned (uptime is measured from here). */
  startedAt: number
  /** The process's start time in clock ticks (ProcessInfo.startTime), to notice a reused pid. */
  startTime?: number
  command: string[]
  /** Set by `mqlab kill`: the signal sent and when (a SIGKILLed node is crashed on purpose). */
  signalled?: {signal: string; at: number}
  /** Set by pause/resume, for platforms where the process state cannot be read. */
  paused?: boolean
}

/** Reads and writes a lab's run/ and logs/ files. */
export interface RunFiles {
  /** The pid in run/<node>.pid, or undefined when there is none (or it is not a number). */
  readPid(node: string): number | undefined
  readRecord(node: string): NodeRecord | undefined
  /** Writes run/<node>.json (atomically). */
  writeRecord(record: NodeRecord): void
  /** Removes run/<node>.pid and run/<node>.json: the node is cleanly stopped. */
  clear(node: string): void
  /** Nodes that have a pid file or a record (including nodes no longer in conf/). */
  nodesWithRunFiles(): string[]
  /** Creates store/<node>, logs/ and run/, removes a stale pid file, and appends `banner` to the log. */
  prepareStart(node: string, banner: string): void
  /** The last `lines` lines of the node's log ([] when there is none). */
  tailLog(node: string, lines: number): string[]
  /** The node's log file path. */
  logPath(node: string): string
  /** The node's pid file path (the node writes it: MQLAB_PID_FILE). */
  pidPath(node: string): string
}
