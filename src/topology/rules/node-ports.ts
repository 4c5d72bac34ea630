/** The ports each node occupies: a name server its listenPort; a broker listenPort-2, listenPort, listenPort+1 and its DLedger port. */
import {parseDLedgerPeers} from '../../../runtime/config/dledger-peers.js'
import {usable, type LabNode} from '../lab-model.js'

/** One port a node binds. */
export interface PortClaim {
  host: string
  port: number
  /** What the port is for, e.g. "haListenPort (listenPort+1)". */
  use: string
  /** The key that decides the port (for file:line). */
  key: string
}

/** Ports a node binds, or none when the deciding keys failed to parse. */
export function portClaims(node: LabNode): PortClaim[] {
  if (!usable(node, 'listenPort')) return []
  if (node.kind === 'namesrv') return [{host: node.config.bindAddress, port: node.config.listenPort, use: 'listenPort', key: 'listenPort'}]
  const c = node.config
  const host = c.brokerIP1
  const claims: PortClaim[] = [
    {host, port: c.listenPort - 2, use: 'fast channel (listenPort-2)', key: 'listenPort'},
    {host, port: c.listenPort, use: 'listenPort', key: 'listenPort'},
    {host, port: c.listenPort + 1, use: 'haListenPort (listenPort+1)', key: 'listenPort'},
  ]
  const raft = dledgerSelfPeer(node)
  if (raft) claims.push({host: raft.host, port: raft.port, use: 'DLedger port (its dLegerPeers entry)', key: 'dLegerPeers'})
  return claims
}

/** A DLedger member's own entry in dLegerPeers, when it has one. */
export function dledgerSelfPeer(node: LabNode): {id: string; host: string; port: number} | undefined {
  if (node.kind !== 'broker' || !node.config.enableDLegerCommitLog || !node.config.dLegerPeers) return undefined
  const parsed = parseDLedgerPeers(node.config.dLegerPeers)
  if (!parsed.ok) return undefined
  return parsed.peers.find((p) => p.id === node.config.dLegerSelfId)
}
