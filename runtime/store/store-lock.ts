/**
 * The store's `lock` file. RocketMQ takes an OS file lock (FileChannel.tryLock), which the kernel drops
 * when the process dies. Node has no portable flock, so the lock here is the file's existence plus the
 * holder's pid: it is created atomically (a temp file holding our pid, hard-linked into place, which
 * fails if the lock exists), and a lock whose pid is dead (or a zombie) is stale and taken over. A lock
 * file without a pid (a Java broker writes "lock" and never deletes it) counts as stale too. A pid can
 * outlive its broker (after a reboot another program gets it), so a live holder is looked at too
 * (lock-holder.ts): only a broker that has this store open, or a process we cannot tell, keeps the lock.
 */
import {readFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import {inspectLockHolder} from './lock-holder.js'
import {LockFailedError} from './store-errors.js'
import type {StoreFs} from './store-fs.js'

/** A held lock. */
export interface StoreLock {
  readonly path: string
  /** Deletes the lock file (if it is still ours) and forgets it. */
  release(): Promise<void>
  /** Forgets the lock without touching the file, as a process death would leave it. */
  abandon(): void
}

// Stores opened by this process: a second store on the same directory must fail even with our own pid.
const heldInProcess = new Set<string>()

/** Takes the lock at lockPath or throws LockFailedError naming the path and the holder's pid. */
export async function acquireStoreLock(fs: StoreFs, lockPath: string): Promise<StoreLock> {
  const path = resolve(lockPath)
  if (heldInProcess.has(path)) throw new LockFailedError(path, process.pid)
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  const fh = await fs.open(tmp, 'w+')
  try {
    await fh.writev([Buffer.from(`${process.pid}\n`)], 0)
    await fh.datasync()
  } finally {
    await fh.close()
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.link(tmp, path)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error
      }
      const holder = await readPid(fs, path)
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        const verdict = inspectLockHolder(holder, dirname(path))
        if (verdict.kind !== 'not-this-store') throw new LockFailedError(path, holder, verdict.hint)
      }
      await takeOverStale(fs, path, holder)
    }
  } finally {
    await fs.unlink(tmp)
  }
  heldInProcess.add(path)
  let held = true
  return {
    path,
    async release() {
      if (!held) return
      held = false
      heldInProcess.delete(path)
      if ((await readPid(fs, path)) === process.pid) await fs.unlink(path)
    },
    abandon() {
      held = false
      heldInProcess.delete(path)
    },
  }
}

/** Moves a stale lock aside atomically, so two starters cannot both delete each other's fresh lock. */
async function takeOverStale(fs: StoreFs, path: string, expectedHolder: number | undefined): Promise<void> {
  const aside = `${path}.stale.${process.pid}`
  try {
    await fs.rename(path, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return // someone else removed it; retry the link
    throw error
  }
  const moved = await readPid(fs, aside)
  if (moved !== expectedHolder && moved !== undefined && isAlive(moved)) {
    // We moved a lock another starter took meanwhile: put it back and give up.
    await fs.link(aside, path).catch(() => undefined)
    await fs.unlink(aside)
    throw new LockFailedError(path, moved)
  }
  await fs.unlink(aside)
}

async function readPid(fs: StoreFs, path: string): Promise<number | undefined> {
  const bytes = await fs.readFile(path)
  if (bytes === undefined) return undefined
  const m = /^\s*(\d+)\s*$/.exec(bytes.toString('utf8'))
  return m ? Number(m[1]) : undefined
}

/** Whether a pid is a live process (a zombie, dead but not yet reaped, counts as dead). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S …"; state Z = zombie. Absent off Linux: trust kill(0).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true
  }
}
