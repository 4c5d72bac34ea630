/**
 * The relayed links of a lab, for faults without root. Before the lab starts, each link whose address
 * the lab writes gets a TcpRelay and the dialler's file is pointed at it:
 * - slave → master HA: the slave's `haMasterAddress` (RocketMQ 4.9.8: a slave with haMasterAddress set
 *   uses it and stops taking the master's HA address from its REGISTER_BROKER answer);
 * - broker → name server: each entry of the broker's `namesrvAddr`;
 * - client → name server: the experiment's clients get the relays' list as their namesrvAddr;
 * - DLedger peer → peer: each member's `dLegerPeers` lists the others at relay addresses (its own entry
 *   stays real), one relay per directed pair, as DLedger resolves peer ids through the local file.
 * Links not covered: client → broker and the slave's metadata sync (they dial the broker's advertised
 * brokerIP1:listenPort, which every client shares); faults there need a gate inside the runtime.
 *
 * restore() writes every changed file back as it was and closes the relays, so the lab runs as before
 * without the experiment's process.
 */
import fs from 'node:fs'
import type {LabNodeSpec} from '../lab/lab-node-spec.js'
import {setProperties} from '../topology/properties-edit.js'
import type {LinkControl} from './link-control.js'
import type {DirectionFault} from './link-fault.js'
import {TcpRelay} from './tcp-relay.js'

/** The pseudo node that stands for the experiment's clients. */
export const CLIENT_NODE = 'client'

/** One relayed link: `from` dials `to` through `relay`. */
export interface RelayedLink {
  from: string
  to: string
  kind: 'ha' | 'namesrv' | 'client-namesrv' | 'dledger'
  relay: TcpRelay
}

/** A fault applied to links, as the history records it. */
export interface LinkAction {
  links: Array<{from: string; to: string; kind: RelayedLink['kind']}>
}

/** A DLedger member's selfId and peers ("n0-127.0.0.1:40911;n1-…"), from its file. */
function raftOf(text: string): {selfId: string | undefined; peers: Array<{id: string; addr: string}>} {
  const selfId = /^dLegerSelfId=(.*)$/m.exec(text)?.[1]?.trim()
  const peers = (/^dLegerPeers=(.*)$/m.exec(text)?.[1] ?? '')
    .split(';')
    .map((p) => /^([^-]+)-(.+:\d+)$/.exec(p.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({id: m[1]!, addr: m[2]!}))
  return {selfId, peers}
}

function hostPort(addr: string): {host: string; port: number} {
  const i = addr.lastIndexOf(':')
  return {host: addr.slice(0, i), port: Number(addr.slice(i + 1))}
}

export class LabRelays {
  private constructor(
    readonly links: RelayedLink[],
    private readonly originals: Map<string, string>,
    /** The namesrvAddr the experiment's clients use. */
    readonly clientNamesrvAddr: string,
  ) {}

  /** Creates the relays and rewrites the conf files of `specs` (the lab must not be running). */
  static async install(specs: readonly LabNodeSpec[]): Promise<LabRelays> {
    const links: RelayedLink[] = []
    const originals = new Map<string, string>()
    const namesrvs = specs.filter((s) => s.kind === 'namesrv')
    const byAddr = new Map(namesrvs.map((s) => [s.addr, s]))
    const relay = async (from: string, to: string, kind: RelayedLink['kind'], upstream: string) => {
      const {host, port} = hostPort(upstream)
      const r = new TcpRelay({name: `${from}->${to}`, upstreamHost: host, upstreamPort: port})
      await r.start()
      links.push({from, to, kind, relay: r})
      return r.address
    }
    try {
      // DLedger: each member resolves its peers through its own dLegerPeers, so every directed pair
      // gets a relay; a member's own entry stays its real port (it binds the port listed for its selfId).
      const members = specs.filter((s) => s.kind === 'broker' && s.fileRole === 'DLEDGER')
      const raft = new Map(members.map((m) => [m.name, raftOf(fs.readFileSync(m.confPath, 'utf8'))]))
      const memberOf = (group: string | undefined, id: string) => members.find((m) => m.brokerName === group && raft.get(m.name)?.selfId === id)
      for (const b of specs.filter((s) => s.kind === 'broker')) {
        const values: Record<string, string> = {}
        const addrs: string[] = []
        for (const ns of b.namesrvAddrs) {
          const target = byAddr.get(ns)
          addrs.push(target === undefined ? ns : await relay(b.name, target.name, 'namesrv', ns))
        }
        if (addrs.length > 0) values.namesrvAddr = addrs.join(';')
        const own = raft.get(b.name)
        if (own !== undefined && own.peers.length > 0) {
          const peers: string[] = []
          for (const p of own.peers) {
            const peer = memberOf(b.brokerName, p.id)
            peers.push(p.id === own.selfId || peer === undefined ? `${p.id}-${p.addr}` : `${p.id}-${await relay(b.name, peer.name, 'dledger', p.addr)}`)
          }
          values.dLegerPeers = peers.join(';')
        }
        if (b.fileRole === 'SLAVE') {
          const master = specs.find((m) => m.kind === 'broker' && m.brokerName === b.brokerName && m.brokerId === 0)
          const ha = master?.ports.find((p) => p.use.startsWith('haListenPort'))
          if (master !== undefined && ha !== undefined) values.haMasterAddress = await relay(b.name, master.name, 'ha', `${master.host}:${ha.port}`)
        }
        const text = fs.readFileSync(b.confPath, 'utf8')
        originals.set(b.confPath, text)
        fs.writeFileSync(b.confPath, setProperties(text, values, 'mqlab experiment: links through lab-controlled relays (restored afterwards)').text)
      }
      const clientAddrs: string[] = []
      for (const ns of namesrvs) clientAddrs.push(await relay(CLIENT_NODE, ns.name, 'client-namesrv', ns.addr))
      return new LabRelays(links, originals, clientAddrs.join(';'))
    } catch (err) {
      for (const [file, text] of originals) fs.writeFileSync(file, text)
      await Promise.all(links.map((l) => l.relay.close()))
      throw err
    }
  }

  /** Links between a and b (either direction); throws a clear error when there is none. */
  between(a: string, b: string): RelayedLink[] {
    const found = this.links.filter((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a))
    if (found.length === 0) {
      const pairs = [...new Set(this.links.map((l) => `${l.from} ~ ${l.to}`))]
      throw new Error(`no relayed link between ${a} and ${b}; the lab relays: ${pairs.join(', ')}`)
    }
    return found
  }

  /** Links touching one node (to isolate it). */
  touching(node: string): RelayedLink[] {
    return this.links.filter((l) => l.from === node || l.to === node)
  }

  /** Applies `fault` to traffic from a to b (and b to a unless oneway). */
  apply(a: string, b: string, fault: Partial<DirectionFault>, oneway = false): LinkAction {
    const links = this.between(a, b)
    for (const l of links) {
      const aDials = l.from === a
      // up = dialler → listener. Traffic a → b is "up" when a dials.
      if (oneway) l.relay.setFault(aDials ? {up: fault} : {down: fault})
      else l.relay.setFault({up: fault, down: fault})
    }
    return {links: links.map((l) => ({from: l.from, to: l.to, kind: l.kind}))}
  }

  /** Heals the links between a and b, or every link. */
  heal(a?: string, b?: string): LinkAction {
    const links = a !== undefined && b !== undefined ? this.between(a, b) : this.links
    for (const l of links) l.relay.heal()
    return {links: links.map((l) => ({from: l.from, to: l.to, kind: l.kind}))}
  }

  /** Resets the connections of the links between a and b. */
  reset(a: string, b: string): LinkAction {
    const links = this.between(a, b)
    for (const l of links) l.relay.reset()
    return {links: links.map((l) => ({from: l.from, to: l.to, kind: l.kind}))}
  }

  /** This set as a LinkControl (what the fault timeline drives). */
  control(): LinkControl {
    const refs = (ls: RelayedLink[]) => ls.map((l) => ({from: l.from, to: l.to, kind: l.kind}))
    return {
      links: refs(this.links),
      apply: async (a, b, fault, oneway) => {
        this.apply(a, b, fault, oneway)
        return refs(this.between(a, b))
      },
      isolate: async (node) => {
        const links = this.touching(node)
        for (const l of links) l.relay.setFault({up: {stalled: true}, down: {stalled: true}})
        return refs(links)
      },
      heal: async (a, b) => {
        this.heal(a, b)
        return refs(a !== undefined && b !== undefined ? this.between(a, b) : this.links)
      },
      reset: async (a, b) => {
        this.reset(a, b)
        return refs(this.between(a, b))
      },
    }
  }

  /** Writes the conf files back and closes every relay. */
  async restore(): Promise<void> {
    for (const [file, text] of this.originals) fs.writeFileSync(file, text)
    await Promise.all(this.links.map((l) => l.relay.close()))
  }
}
