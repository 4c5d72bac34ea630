/** Resident memory of a process, from /proc/<pid>/status (Linux). */
import fs from 'node:fs'

/** VmRSS of a /proc/<pid>/status text, in MiB; undefined when the line is missing. */
export function parseVmRssMiB(status: string): number | undefined {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)
  return m === null ? undefined : Number(m[1]) / 1024
}

/** VmRSS of a live process in MiB; undefined when it cannot be read (gone, or not Linux). */
export function readRssMiB(pid: number): number | undefined {
  try {
    return parseVmRssMiB(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return undefined
  }
}
