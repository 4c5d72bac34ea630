/**
 * Whether a pid is a live process. A zombie (state Z/X in /proc/<pid>/stat) counts as dead: a detached
 * daemon stays a zombie until whoever adopted it reaps it, and a signal-0 probe would call it alive.
 * Without /proc (macOS) the signal-0 probe is all there is.
 */
import fs from 'node:fs'

export function processAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    // no /proc entry: fall back to a signal 0 probe
  }
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
