/**
 * The relay daemon behind `mqlab relays on`: hosts the lab's relays (LabRelays) for as long as the lab
 * runs with them, polls relays/link-faults.json and applies the wanted fault state, and on SIGTERM writes
 * the conf files back as they were. It never imports the CLI.
 */
import fs from 'node:fs'
import {openLab} from '../lab/lab-context.js'
import {LabRelays} from './lab-relays.js'
import {faultOf} from './link-state.js'
import {linkFaultsPath, readJson, relaysPath, writeJsonAtomic, type LinkFaultsFile, type RelaysFile} from './relay-files.js'

export async function runRelayDaemon(dir: string): Promise<void> {
  const ctx = openLab(dir)
  const originals: Record<string, string> = {}
  for (const s of ctx.specs) originals[s.confPath] = fs.readFileSync(s.confPath, 'utf8')
  const relays = await LabRelays.install(ctx.specs)
  await ctx.close()
  const file: RelaysFile = {
    pid: process.pid,
    links: relays.links.map((l) => ({from: l.from, to: l.to, kind: l.kind, address: l.relay.address, upstream: l.relay.upstream})),
    clientNamesrvAddr: relays.clientNamesrvAddr,
    originals,
    applied: 0,
  }
  let lastVersion = -1
  const apply = () => {
    const wanted = readJson<LinkFaultsFile>(linkFaultsPath(dir))
    const version = wanted?.version ?? 0
    if (version === lastVersion) return
    lastVersion = version
    for (const l of relays.links) {
      const f = faultOf(wanted?.links ?? {}, l)
      l.relay.heal()
      l.relay.setFault({up: f.up, down: f.down})
    }
    file.applied = version
    writeJsonAtomic(relaysPath(dir), file)
  }
  apply()
  const timer = setInterval(apply, 100)
  await new Promise<void>((resolve) => {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => resolve())
  })
  clearInterval(timer)
  await relays.restore()
  fs.rmSync(relaysPath(dir), {force: true})
  fs.rmSync(linkFaultsPath(dir), {force: true})
}
