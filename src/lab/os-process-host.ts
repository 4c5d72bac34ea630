/**
 * ProcessHost on the real operating system: child_process.spawn with `detached` (setsid: its own
 * session and process group, so Ctrl-C in the terminal does not reach it and `kill -- -pid` reaches
 * all of it), stdout and stderr appended to the node's log file, and /proc for state. Where /proc is
 * missing (macOS) a process is checked with signal 0 and cannot be seen as paused.
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import {isExitedState, isStoppedState, parseProcStat} from './proc-stat.js'
import type {ProcessExit, ProcessHost, ProcessInfo, SpawnRequest, SpawnedProcess} from './process-host.js'

/** The real ProcessHost. */
export class OsProcessHost implements ProcessHost {
  spawn(request: SpawnRequest): SpawnedProcess {
    const log = fs.openSync(request.logFile, 'a')
    try {
      const child = spawn(request.command, request.args, {
        cwd: request.cwd,
        env: request.env,
        detached: true,
        stdio: ['ignore', log, log],
      })
      let spawnError: Error | undefined
      const exited = new Promise<ProcessExit>((resolve) => {
        child.once('exit', (code, signal) => resolve({code, signal}))
        child.once('error', (err) => {
          spawnError = err
          resolve({code: null, signal: null})
        })
      })
      if (child.pid === undefined) {
        // spawn reports ENOENT and the like asynchronously; without a pid there is no process.
        throw new Error(`cannot start ${request.command}: ${spawnError?.message ?? 'spawn failed'}`)
      }
      return {pid: child.pid, exited, detach: () => child.unref()}
    } finally {
      fs.closeSync(log) // the child holds its own descriptor
    }
  }

  signalGroup(pid: number, signal: NodeJS.Signals): boolean {
    try {
      process.kill(-pid, signal)
      return true
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false
      throw err
    }
  }

  inspect(pid: number): ProcessInfo | undefined {
    if (!hasProc) return signalZeroInfo(pid)
    let text: string
    try {
      text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      return undefined // ENOENT: no such process
    }
    const stat = parseProcStat(text)
    if (stat === undefined) return signalZeroInfo(pid)
    const state = isExitedState(stat.state) ? 'exited' : isStoppedState(stat.state) ? 'paused' : 'running'
    return {state, startTime: stat.startTime, ...commandOf(pid)}
  }
}

const hasProc = fs.existsSync('/proc/self/stat')

function commandOf(pid: number): {command?: string} {
  try {
    return {
      command: fs
        .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .filter((a) => a !== '')
        .join(' '),
    }
  } catch {
    return {}
  }
}

function signalZeroInfo(pid: number): ProcessInfo | undefined {
  try {
    process.kill(pid, 0)
    return {state: 'running'}
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? {state: 'running'} : undefined
  }
}
