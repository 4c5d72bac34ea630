/**
 * Moves a written lab onto other ports: every name server's listenPort, every broker's listenPort and
 * haListenPort (listenPort + 1), and each broker's namesrvAddr to match. For labs that must run beside
 * others on one machine (the benchmark, the tests); `mqlab init` writes RocketMQ's default ports.
 */
import fs from 'node:fs'
import path from 'node:path'
import {setProperties} from './properties-edit.js'
import {writeAtomically} from './write-atomically.js'

/** Where the ports come from (src/lab/free-ports.ts finds free ones). */
export interface PortSource {
  namesrvPort(): Promise<number>
  /** A listenPort whose listenPort − 2 and listenPort + 1 may be used too. */
  brokerPort(): Promise<number>
}

/** Rewrites the lab's conf/*.properties (name servers first, then brokers); returns the new namesrvAddr. */
export async function relocateLabPorts(labDir: string, ports: PortSource): Promise<{namesrvAddr: string}> {
  const conf = path.join(labDir, 'conf')
  const files = fs
    .readdirSync(conf)
    .filter((f) => f.endsWith('.properties'))
    .sort()
  const read = (f: string) => fs.readFileSync(path.join(conf, f), 'latin1')
  const write = (f: string, values: Record<string, string>) => writeAtomically(path.join(conf, f), setProperties(read(f), values).text)
  const namesrvPorts = new Map<string, number>()
  for (const f of files.filter((x) => x.startsWith('namesrv'))) {
    const old = /^listenPort=(\d+)$/m.exec(read(f))?.[1]
    if (old === undefined) throw new Error(`${f} has no listenPort`)
    const port = await ports.namesrvPort()
    namesrvPorts.set(old, port)
    write(f, {listenPort: String(port)})
  }
  let namesrvAddr = ''
  for (const f of files.filter((x) => !x.startsWith('namesrv'))) {
    const text = read(f)
    if (/^enableDLegerCommitLog=true$/m.test(text)) throw new Error('relocateLabPorts does not move DLedger ports')
    const port = await ports.brokerPort()
    namesrvAddr = (/^namesrvAddr=(.*)$/m.exec(text)?.[1] ?? '').replace(/:(\d+)/g, (_, p: string) => `:${namesrvPorts.get(p) ?? p}`)
    write(f, {listenPort: String(port), haListenPort: String(port + 1), namesrvAddr})
  }
  return {namesrvAddr}
}
