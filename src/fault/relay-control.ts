/**
 * What `mqlab relays on|off` and `mqlab partition/heal/delay` do: start or stop the lab's relay daemon,
 * and change the wanted fault state of its links (then wait until the daemon applied it).
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {MqlabError} from '../errors/mqlab-error.js'
import {openLab} from '../lab/lab-context.js'
import {isLive} from '../lab/node-state.js'
import {processAlive} from '../lab/process-alive.js'
import {packageRoot} from '../package-root.js'
import {linkKey, type LinkStates} from './link-state.js'
import {linkFaultsPath, readJson, relaysPath, writeJsonAtomic, type LinkFaultsFile, type RelaysFile} from './relay-files.js'

/** The running daemon's file, or undefined. */
export function currentRelays(dir: string): RelaysFile | undefined {
  const file = readJson<RelaysFile>(relaysPath(dir))
  return file !== undefined && processAlive(file.pid) ? file : undefined
}

export async function relaysOn(dir: string, timeoutMs = 15_000): Promise<RelaysFile> {
  const abs = path.resolve(dir)
  const existing = currentRelays(abs)
  if (existing !== undefined) return existing
  const ctx = openLab(abs)
  try {
    const live = ctx.specs.filter((s) => isLive(ctx.supervisor.status(s.name).state)).map((s) => s.name)
    if (live.length > 0) {
      throw new MqlabError(
        'LAB_RUNNING',
        `the lab is running (${live.join(', ')}); relays change the addresses nodes dial, so they go in while it is stopped`,
        {
          suggestion: 'mqlab down, then mqlab relays on, then mqlab up',
        },
      )
    }
  } finally {
    await ctx.close()
  }
  // From the package root, not from this file: this code also runs from the CLI bundle (dist/bundle/cli).
  const main = path.join(packageRoot(), 'dist/src/fault/relay-daemon-main.js')
  fs.mkdirSync(path.join(abs, 'logs'), {recursive: true})
  const log = fs.openSync(path.join(abs, 'logs', 'relays.log'), 'a')
  const child = spawn(process.execPath, [main, abs], {detached: true, stdio: ['ignore', log, log]})
  child.unref()
  fs.closeSync(log)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const file = readJson<RelaysFile>(relaysPath(abs))
    if (file !== undefined && file.pid === child.pid) return file
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new MqlabError('NODE_START_FAILED', `the relay daemon did not start (see ${path.join(abs, 'logs', 'relays.log')})`)
    }
    await sleep(50)
  }
}

export async function relaysOff(dir: string, timeoutMs = 10_000): Promise<{stopped: boolean; restored: string[]}> {
  const abs = path.resolve(dir)
  const file = readJson<RelaysFile>(relaysPath(abs))
  if (file === undefined) return {stopped: false, restored: []}
  if (processAlive(file.pid)) {
    process.kill(file.pid, 'SIGTERM')
    const deadline = Date.now() + timeoutMs
    while (processAlive(file.pid) && Date.now() < deadline) await sleep(50)
    if (!processAlive(file.pid) && !fs.existsSync(relaysPath(abs))) return {stopped: true, restored: Object.keys(file.originals)}
  }
  // The daemon is gone without cleaning up: restore the files from its record.
  for (const [conf, text] of Object.entries(file.originals)) fs.writeFileSync(conf, text)
  fs.rmSync(relaysPath(abs), {force: true})
  fs.rmSync(linkFaultsPath(abs), {force: true})
  return {stopped: false, restored: Object.keys(file.originals)}
}

/** Changes the wanted link faults and waits for the daemon to apply them; returns the new state. */
export async function changeLinkFaults(
  dir: string,
  change: (state: LinkStates, relays: RelaysFile) => LinkStates,
  timeoutMs = 5000,
): Promise<{state: LinkStates; relays: RelaysFile}> {
  const abs = path.resolve(dir)
  const relays = currentRelays(abs)
  if (relays === undefined) {
    throw new MqlabError('NODE_NOT_RUNNING', 'this lab has no relays running, so its links cannot be cut or slowed', {
      suggestion: 'mqlab down, mqlab relays on, mqlab up: the nodes then dial each other through lab-controlled relays',
    })
  }
  const current = readJson<LinkFaultsFile>(linkFaultsPath(abs)) ?? {version: 0, links: {}}
  let state: LinkStates
  try {
    state = change(current.links, relays)
  } catch (err) {
    throw new MqlabError('INVALID_ARGUMENT', err instanceof Error ? err.message : String(err))
  }
  const version = current.version + 1
  writeJsonAtomic(linkFaultsPath(abs), {version, links: state})
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const now = readJson<RelaysFile>(relaysPath(abs))
    if (now !== undefined && now.applied >= version) return {state, relays: now}
    if (Date.now() > deadline)
      throw new MqlabError('NODE_NOT_RUNNING', 'the relay daemon did not apply the change in time', {suggestion: `see ${path.join(abs, 'logs', 'relays.log')}`})
    await sleep(25)
  }
}

/** Human lines for a state. */
export function describeState(state: LinkStates, relays: RelaysFile): string[] {
  return relays.links.map((l) => {
    const f = state[linkKey(l)]
    const dir = (d: LinkStates[string]['up'] | undefined) =>
      d === undefined
        ? 'ok'
        : d.stalled
          ? 'STALLED'
          : d.delayMs || d.jitterMs
            ? `delay ${d.delayMs}±${d.jitterMs} ms`
            : d.bandwidthKiBps
              ? `${d.bandwidthKiBps} KiB/s`
              : 'ok'
    return `${l.from} → ${l.to} (${l.kind}, via ${l.address}): ${dir(f?.up)} / answers ${dir(f?.down)}`
  })
}
