/** CPU time a process has used so far, from /proc/<pid>/stat (Linux). */
import fs from 'node:fs'

/** Clock ticks per second of /proc's utime/stime (USER_HZ: 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100

/** utime + stime of a /proc/<pid>/stat text, in ms; undefined when the text does not parse. */
export function parseCpuMs(stat: string): number | undefined {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(rest[11])
  const stime = Number(rest[12])
  return Number.isFinite(utime) && Number.isFinite(stime) ? ((utime + stime) * 1000) / TICKS_PER_SECOND : undefined
}

/** CPU ms of a live process; undefined when it cannot be read (gone, or not Linux). */
export function readCpuMs(pid: number): number | undefined {
  try {
    return parseCpuMs(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return undefined
  }
}
