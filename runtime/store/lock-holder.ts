/**
 * Who holds a store lock: the pid in `lock` is alive, but is it a broker on this store? After a reboot
 * (or a long time) the pid may belong to an unrelated program, and a lock that blocks `start` until it
 * is deleted by hand is a trap. Read from /proc (Linux): the holder's command line says whether it is a
 * broker at all (mqlab's mqbroker, or RocketMQ's BrokerStartup), and its open files whether it has this
 * store open. Anything that cannot be read is "unsure", and the lock is kept, with what to check.
 */
import {readdirSync, readFileSync, readlinkSync} from 'node:fs'
import {join, sep} from 'node:path'

/** The verdict on a live lock holder. */
export type LockHolderVerdict = {kind: 'broker-on-store'; hint: string} | {kind: 'not-this-store'; hint: string} | {kind: 'unsure'; hint: string}

/** What /proc says about a process (undefined where it cannot be read). */
export interface HolderFacts {
  cmdline: string | undefined
  /** Targets of its open file descriptors. */
  openFiles: string[] | undefined
}

const BROKER_COMMAND = /mqbroker|broker-main|BrokerStartup/

/** Classifies a live holder of the lock of the store in `storeRoot` (pure). */
export function classifyLockHolder(pid: number, storeRoot: string, facts: HolderFacts, lockPath = join(storeRoot, 'lock')): LockHolderVerdict {
  const remove = `if no broker uses ${storeRoot}, delete ${lockPath} and start again`
  if (facts.cmdline === undefined) return {kind: 'unsure', hint: `pid ${pid} is alive and its command line cannot be read; ${remove}`}
  const command = facts.cmdline.length > 120 ? `${facts.cmdline.slice(0, 117)}…` : facts.cmdline
  if (!BROKER_COMMAND.test(facts.cmdline)) return {kind: 'not-this-store', hint: `pid ${pid} is not a broker (${command}): the lock is stale`}
  if (facts.openFiles === undefined) return {kind: 'unsure', hint: `pid ${pid} is a broker (${command}) whose open files cannot be read; ${remove}`}
  const prefix = storeRoot.endsWith(sep) ? storeRoot : storeRoot + sep
  if (facts.openFiles.some((f) => f.startsWith(prefix))) {
    return {kind: 'broker-on-store', hint: `pid ${pid} is a broker with this store open (${command}); stop it first`}
  }
  // A broker that holds the lock but has not opened its files yet looks the same as one on another store.
  return {kind: 'unsure', hint: `pid ${pid} is a broker (${command}) without files of this store open (it may be starting, or use another store); ${remove}`}
}

/** Reads the facts from /proc and classifies the holder. */
export function inspectLockHolder(pid: number, storeRoot: string): LockHolderVerdict {
  return classifyLockHolder(pid, storeRoot, readHolderFacts(pid))
}

function readHolderFacts(pid: number): HolderFacts {
  let cmdline: string | undefined
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ')
  } catch {
    cmdline = undefined
  }
  let openFiles: string[] | undefined
  try {
    const fdDir = `/proc/${pid}/fd`
    openFiles = readdirSync(fdDir).flatMap((fd) => {
      try {
        return [readlinkSync(join(fdDir, fd))]
      } catch {
        return []
      }
    })
  } catch {
    openFiles = undefined
  }
  return {cmdline, openFiles}
}
