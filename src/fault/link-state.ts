/**
 * The fault state of a lab's relayed links as `mqlab partition/heal/delay` keep it between commands:
 * one LinkFault per directed link, keyed "from->to". Pure: commands compute the next state, the relay
 * daemon applies it.
 */
import {NO_FAULT, noLinkFault, type DirectionFault, type LinkFault} from './link-fault.js'

export interface LinkRef {
  from: string
  to: string
  kind: string
}

export type LinkStates = Record<string, LinkFault>

export function linkKey(l: Pick<LinkRef, 'from' | 'to'>): string {
  return `${l.from}->${l.to}`
}

export function linksBetween(links: readonly LinkRef[], a: string, b: string): LinkRef[] {
  const found = links.filter((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a))
  if (found.length === 0) {
    const pairs = [...new Set(links.map((l) => `${l.from} ~ ${l.to}`))]
    throw new Error(`no relayed link between ${a} and ${b}; the lab relays: ${pairs.join(', ')}`)
  }
  return found
}

/** Adds `fault` to traffic a → b (and b → a unless oneway). "up" is dialler → listener. */
export function applyFault(state: LinkStates, links: readonly LinkRef[], a: string, b: string, fault: Partial<DirectionFault>, oneway: boolean): LinkStates {
  const next: LinkStates = structuredClone(state)
  for (const l of linksBetween(links, a, b)) {
    const cur = next[linkKey(l)] ?? noLinkFault()
    const aDials = l.from === a
    if (!oneway || aDials) cur.up = {...cur.up, ...fault}
    if (!oneway || !aDials) cur.down = {...cur.down, ...fault}
    next[linkKey(l)] = cur
  }
  return next
}

/** Lifts every fault between a and b, or everywhere. */
export function healLinks(state: LinkStates, links: readonly LinkRef[], a?: string, b?: string): LinkStates {
  if (a === undefined || b === undefined) return {}
  const next: LinkStates = structuredClone(state)
  for (const l of linksBetween(links, a, b)) delete next[linkKey(l)]
  return next
}

/** The fault of a link in a state (none when absent). */
export function faultOf(state: LinkStates, l: Pick<LinkRef, 'from' | 'to'>): LinkFault {
  return state[linkKey(l)] ?? {up: {...NO_FAULT}, down: {...NO_FAULT}}
}
