/**
 * The files through which `mqlab relays on` (a detached relay daemon) and `mqlab partition/heal/delay`
 * talk: relays/relays.json (written by the daemon: its pid, the links with their relay addresses, the
 * conf texts to restore) and relays/link-faults.json (written by the commands: the wanted fault state,
 * with a version the daemon echoes in relays.json once applied). Not in run/, which belongs to the
 * supervisor's node records.
 */
import fs from 'node:fs'
import path from 'node:path'
import type {LinkRef, LinkStates} from './link-state.js'

export interface RelaysFile {
  pid: number
  links: Array<LinkRef & {address: string; upstream: string}>
  clientNamesrvAddr: string
  /** conf file → its text before the relays. */
  originals: Record<string, string>
  /** The version of link-faults.json last applied. */
  applied: number
}

export interface LinkFaultsFile {
  version: number
  links: LinkStates
}

export const relaysPath = (dir: string) => path.join(dir, 'relays', 'relays.json')
export const linkFaultsPath = (dir: string) => path.join(dir, 'relays', 'link-faults.json')

export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** Writes through a temp file and rename, so a reader never sees half a file. */
export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), {recursive: true})
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n')
  fs.renameSync(tmp, file)
}
