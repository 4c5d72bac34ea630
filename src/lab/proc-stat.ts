/**
 * Reading a process's state from Linux's /proc/<pid>/stat (proc(5)): field 3 is the state letter
 * (R running, S sleeping, D disk wait, T stopped by a signal, t stopped by a tracer, Z zombie, X dead)
 * and field 22 the start time in clock ticks since boot, which tells a pid apart from a later process
 * that reuses it. Field 2 (comm) is in parentheses and may itself contain spaces and parentheses, so
 * the fields after it are counted from the last ')'.
 */

/** What /proc/<pid>/stat says about a process. */
export interface ProcStat {
  pid: number
  /** The state letter. */
  state: string
  /** Process group id (field 5). */
  pgid: number
  /** Start time in clock ticks after boot (field 22). */
  startTime: number
}

/** Parses the text of /proc/<pid>/stat; undefined when it is not in that format. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open <= 0 || close < open) return undefined
  const pid = Number(text.slice(0, open).trim())
  // After ") ": state is field 3, so rest[0] is field 3 and rest[k] is field k + 3.
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/)
  if (!Number.isInteger(pid) || rest.length < 20) return undefined
  const state = rest[0]!
  const pgid = Number(rest[2])
  const startTime = Number(rest[19])
  if (!/^[A-Za-z]$/.test(state) || !Number.isInteger(pgid) || !Number.isFinite(startTime)) return undefined
  return {pid, state, pgid, startTime}
}

/** True for the state letters of a process that has exited (a zombie still has a pid but runs no more). */
export function isExitedState(state: string): boolean {
  return state === 'Z' || state === 'X' || state === 'x'
}

/** True for a process stopped by SIGSTOP (T) or a tracer (t): what `mqlab pause` leaves. */
export function isStoppedState(state: string): boolean {
  return state === 'T' || state === 't'
}
