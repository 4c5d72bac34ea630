/**
 * What a fault timeline needs from a lab's relayed links, whoever hosts the relays: the experiment's own
 * process (LabRelays, for a lab it starts) or the lab's relay daemon (`mqlab relays on`, for a lab that
 * is already running), through relays/link-faults.json.
 */
import type {DirectionFault} from './link-fault.js'
import {applyFault, healLinks, linksBetween, type LinkRef} from './link-state.js'
import {changeLinkFaults, currentRelays} from './relay-control.js'

export interface LinkControl {
  links: readonly LinkRef[]
  apply(a: string, b: string, fault: Partial<DirectionFault>, oneway: boolean): Promise<LinkRef[]>
  isolate(node: string): Promise<LinkRef[]>
  heal(a?: string, b?: string): Promise<LinkRef[]>
  reset(a: string, b: string): Promise<LinkRef[]>
}

/** The relay daemon of the lab at `dir`, if one runs. */
export function daemonLinks(dir: string): LinkControl | undefined {
  const relays = currentRelays(dir)
  if (relays === undefined) return undefined
  const links: LinkRef[] = relays.links.map((l) => ({from: l.from, to: l.to, kind: l.kind}))
  return {
    links,
    async apply(a, b, fault, oneway) {
      await changeLinkFaults(dir, (s) => applyFault(s, links, a, b, fault, oneway))
      return linksBetween(links, a, b)
    },
    async isolate(node) {
      const touching = links.filter((l) => l.from === node || l.to === node)
      await changeLinkFaults(dir, (s) => touching.reduce((acc, l) => applyFault(acc, links, l.from, l.to, {stalled: true}, false), s))
      return touching
    },
    async heal(a, b) {
      await changeLinkFaults(dir, (s) => healLinks(s, links, a, b))
      return a !== undefined && b !== undefined ? linksBetween(links, a, b) : links
    },
    async reset() {
      throw new Error('reset needs relays hosted by the experiment (a lab it starts); the relay daemon holds partitions and delays only')
    },
  }
}
