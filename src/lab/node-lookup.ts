/**
 * NODE arguments: node names as users type them (`broker-a-master`, `namesrv-2`). In a DLedger lab,
 * `<brokerName>-master` names the member the name servers list as brokerId 0 now (README "DLedger groups": role
 * names resolve at run time). An unknown name is UNKNOWN_NODE with the nearest name suggested.
 */
import {closest, distance} from 'fastest-levenshtein'
import {MqlabError} from '../errors/mqlab-error.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import type {LabWire} from './lab-wire.js'
import {registeredBrokerId} from './readiness.js'

/** The spec named exactly `input`. */
export function findNode(specs: readonly LabNodeSpec[], input: string): LabNodeSpec | undefined {
  return specs.find((s) => s.name === input)
}

/** UNKNOWN_NODE for `input`, suggesting the nearest node name. */
export function unknownNode(specs: readonly LabNodeSpec[], input: string): MqlabError {
  const names = specs.map((s) => s.name)
  if (names.length === 0)
    return new MqlabError('UNKNOWN_NODE', `no node "${input}": the lab has no nodes`, {suggestion: 'run mqlab validate to see why conf/ holds none'})
  const nearest = closest(input, names)
  const close = distance(input, nearest) <= Math.max(3, Math.floor(nearest.length / 3))
  return new MqlabError('UNKNOWN_NODE', `no node "${input}" in this lab${close ? `; did you mean ${nearest}?` : ''}`, {
    suggestion: `nodes: ${names.join(', ')}`,
    details: {nodes: names, ...(close ? {nearest} : {})},
  })
}

/**
 * Resolves a NODE argument: an exact name, or `<group>-master` / `<group>-leader` of a DLedger group (the
 * member the running name servers list as master; for -leader, first the member whose raft role is
 * LEADER). Throws UNKNOWN_NODE.
 */
export async function resolveNode(
  specs: readonly LabNodeSpec[],
  input: string,
  wire: LabWire,
  options: {liveNamesrvs: readonly LabNodeSpec[]; timeoutMs: number},
): Promise<LabNodeSpec> {
  const exact = findNode(specs, input)
  if (exact) return exact
  const match = /^(.+)-(master|leader)$/.exec(input)
  const group = match?.[1]
  const members = specs.filter((s) => s.fileRole === 'DLEDGER' && s.brokerName === group)
  if (group !== undefined && members.length > 0 && match?.[2] === 'leader') {
    // `<group>-leader`: the member whose raft role is LEADER now (it may still be waiting to become master).
    for (const m of members) {
      const info = await wire.brokerRuntimeInfo(m.addr, options.timeoutMs).catch(() => undefined)
      if (info?.dLedgerRole === 'LEADER') return m
    }
  }
  if (group !== undefined && members.length > 0) {
    for (const ns of options.liveNamesrvs) {
      try {
        const info = await wire.clusterInfo(ns.addr, options.timeoutMs)
        const master = members.find((m) => registeredBrokerId(info, group, m.addr) === 0)
        if (master) return master
      } catch {
        // try the next name server
      }
    }
    throw new MqlabError('UNKNOWN_NODE', `${input}: no member of the DLedger group ${group} is master now`, {
      suggestion: `name a member (${members.map((m) => m.name).join(', ')}); mqlab status shows their roles`,
      details: {nodes: members.map((m) => m.name)},
    })
  }
  throw unknownNode(specs, input)
}
