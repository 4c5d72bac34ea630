/**
 * `port-overlap`: no two nodes on one host address may bind the same port. A broker binds listenPort-2
 * (fast channel, BrokerController), listenPort, haListenPort = listenPort+1 (BrokerStartup) and its
 * DLedger port. The later node in the lab is blamed, and a free port is proposed.
 */
import type {ConfigProblem} from '../../../runtime/config/config-problem.js'
import {problemAt, type LabNode, type LabSnapshot} from '../lab-model.js'
import {hostsOverlap} from './host-address.js'
import {portClaims, type PortClaim} from './node-ports.js'
import type {TopologyRule} from './topology-rule.js'

/** The port-overlap rule. */
export const portRules: TopologyRule = {
  ids: ['port-overlap'],
  check(lab) {
    const problems: ConfigProblem[] = []
    const claimsOf = new Map(lab.nodes.map((n) => [n, portClaims(n)]))
    lab.nodes.forEach((node, i) => {
      const mine = claimsOf.get(node)!
      // A DLedger port that equals one of the node's own broker ports.
      const own = selfClash(mine)
      if (own) {
        problems.push(
          problemAt(node, 'dLegerPeers', {
            severity: 'error',
            rule: 'port-overlap',
            message: `${node.name}'s DLedger port ${own.port} is also its own ${own.other}`,
            fix: `move ${node.name}'s entry in dLegerPeers (on every member) to a free port such as ${freePort(lab, claimsOf, node, own.host, 40911, 1)}`,
          }),
        )
      }
      for (const other of lab.nodes.slice(0, i)) {
        const clashes = mine.flatMap((a) =>
          claimsOf
            .get(other)!
            .filter((b) => b.port === a.port && hostsOverlap(a.host, b.host))
            .map((b) => ({a, b})),
        )
        if (clashes.length === 0) continue
        const first = clashes[0]
        const detail = clashes.map(({a, b}) => `port ${a.port} is ${other.name}'s ${b.use} and ${node.name}'s ${a.use}`).join('; ')
        problems.push(
          problemAt(node, first.a.key, {
            severity: 'error',
            rule: 'port-overlap',
            message: `${detail} on ${first.a.host}`,
            fix: proposeFix(lab, claimsOf, node, first.a),
          }),
        )
      }
    })
    return problems
  },
}

function selfClash(claims: PortClaim[]): {port: number; host: string; other: string} | undefined {
  const raft = claims.find((c) => c.key === 'dLegerPeers')
  if (!raft) return undefined
  const hit = claims.find((c) => c !== raft && c.port === raft.port && hostsOverlap(c.host, raft.host))
  return hit ? {port: raft.port, host: raft.host, other: hit.use} : undefined
}

function proposeFix(lab: LabSnapshot, claimsOf: Map<LabNode, PortClaim[]>, node: LabNode, claim: PortClaim): string {
  if (node.kind === 'namesrv') return `give ${node.name} listenPort=${freePort(lab, claimsOf, node, claim.host, 9876, 1)}`
  if (claim.key === 'dLegerPeers') {
    return `move ${node.name}'s entry in dLegerPeers (on every member) to a free port such as ${freePort(lab, claimsOf, node, claim.host, 40911, 1)}`
  }
  const base = node.config.enableDLegerCommitLog ? 30911 : 10911
  const p = freePort(lab, claimsOf, node, claim.host, base, 10, 4)
  return `give ${node.name} listenPort=${p} and haListenPort=${p + 1} (it also needs ${p - 2} free)`
}

/**
 * The first port from `start` in steps of `step` such that `width` ports from p-2 (brokers: p-2..p+1)
 * or p alone (width 1) are free on `host`, ignoring `node`'s own claims.
 */
function freePort(lab: LabSnapshot, claimsOf: Map<LabNode, PortClaim[]>, node: LabNode, host: string, start: number, step: number, width = 1): number {
  const taken = new Set(
    lab.nodes
      .filter((n) => n !== node)
      .flatMap((n) => claimsOf.get(n)!)
      .filter((c) => hostsOverlap(c.host, host))
      .map((c) => c.port),
  )
  for (let p = start; p + 1 <= 65535; p += step) {
    const span = width === 1 ? [p] : [p - 2, p - 1, p, p + 1]
    if (span.every((q) => !taken.has(q))) return p
  }
  return start
}
