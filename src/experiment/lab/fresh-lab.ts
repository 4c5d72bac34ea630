/**
 * A fresh lab for one experiment: `mqlab init TEMPLATE` into a folder, every port moved to a free one
 * (an experiment's lab is throwaway, and other labs may hold RocketMQ's default ports), then validated.
 */
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import {initLab} from '../../topology/init-lab.js'
import {setProperties} from '../../topology/properties-edit.js'

async function probe(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer()
    s.once('error', () => resolve(false))
    s.listen({host, port, exclusive: true}, () => s.close(() => resolve(true)))
  })
}

async function anyFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen({host, port: 0}, () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

/** A free port p whose p-2 and p+1 are free too (a broker binds all three). */
async function freeBrokerPort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const p = await anyFreePort()
    const ports = [p - 2, p, p + 1]
    if (p - 2 < 1024 || p + 1 > 65535 || ports.some((x) => taken.has(x))) continue
    if ((await probe(p - 2)) && (await probe(p + 1))) {
      for (const x of ports) taken.add(x)
      return p
    }
  }
  throw new Error('no three adjacent free ports found for a broker')
}

/** Writes `template` into `dir` (which must not hold a lab) on free loopback ports. */
export async function createFreshLab(template: string, dir: string, options: {namesrv?: number} = {}): Promise<void> {
  initLab({template, dir, namesrv: options.namesrv ?? 1, flush: 'ASYNC_FLUSH', cluster: 'DefaultCluster', hosts: 1, force: false})
  const conf = path.join(dir, 'conf')
  const files = fs
    .readdirSync(conf)
    .filter((f) => f.endsWith('.properties'))
    .sort()
  const taken = new Set<number>()
  const namesrvPorts = new Map<string, number>()
  const edit = (file: string, values: Record<string, string>) => {
    const full = path.join(conf, file)
    fs.writeFileSync(full, setProperties(fs.readFileSync(full, 'utf8'), values).text)
  }
  for (const f of files.filter((x) => x.startsWith('namesrv'))) {
    let p = await anyFreePort()
    while (taken.has(p)) p = await anyFreePort()
    taken.add(p)
    const old = /^listenPort=(\d+)$/m.exec(fs.readFileSync(path.join(conf, f), 'utf8'))?.[1]
    if (old !== undefined) namesrvPorts.set(old, p)
    edit(f, {listenPort: String(p)})
  }
  // DLedger raft ports: every member's dLegerPeers lists them all, so one map for the whole lab.
  const raftPorts = new Map<string, number>()
  for (const f of files.filter((x) => !x.startsWith('namesrv'))) {
    const text = fs.readFileSync(path.join(conf, f), 'utf8')
    const p = await freeBrokerPort(taken)
    const namesrvAddr = (/^namesrvAddr=(.*)$/m.exec(text)?.[1] ?? '').replace(/:(\d+)/g, (_, port: string) => `:${namesrvPorts.get(port) ?? port}`)
    const values: Record<string, string> = {listenPort: String(p), haListenPort: String(p + 1), namesrvAddr}
    const peers = /^dLegerPeers=(.*)$/m.exec(text)?.[1]
    if (/^enableDLegerCommitLog=true$/m.test(text) && peers !== undefined) {
      const moved: string[] = []
      for (const peer of peers.split(';')) {
        const m = /^(.*):(\d+)$/.exec(peer.trim())
        if (m === null) {
          moved.push(peer)
          continue
        }
        if (!raftPorts.has(m[2]!)) {
          let r = await anyFreePort()
          while (taken.has(r)) r = await anyFreePort()
          taken.add(r)
          raftPorts.set(m[2]!, r)
        }
        moved.push(`${m[1]}:${raftPorts.get(m[2]!)}`)
      }
      values.dLegerPeers = moved.join(';')
    }
    edit(f, values)
  }
}
