/**
 * The `dLegerPeers` value: `n0-host:port;n1-host:port;n2-host:port`. DLedger (openmessaging/dledger
 * 0.3.1.2, the version RocketMQ 4.9.8 pins) takes the id as the text before the first `-` and the address
 * as the rest; RocketMQ's DLedgerCommitLog then parses the self id after its first character as an int
 * (n0 → brokerId 1 as a follower), so ids must be one letter followed by digits.
 */
import {parseHostPort, type HostPort} from './namesrv-addr.js'

/** One raft member. */
export interface DLedgerPeer extends HostPort {
  id: string
}

/** Parsed peers, or the reason the text is malformed. */
export type DLedgerPeersParse = {ok: true; peers: DLedgerPeer[]} | {ok: false; error: string}

/** Parses a dLegerPeers value. */
export function parseDLedgerPeers(text: string): DLedgerPeersParse {
  const peers: DLedgerPeer[] = []
  const parts = text.split(';')
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop()
  for (const part of parts) {
    const dash = part.indexOf('-')
    if (dash <= 0) return {ok: false, error: `${JSON.stringify(part)} is not id-host:port (e.g. n0-127.0.0.1:40911)`}
    const id = part.slice(0, dash)
    if (!isDLedgerId(id)) return {ok: false, error: `peer id ${JSON.stringify(id)} must be one letter followed by digits, e.g. n0`}
    const hp = parseHostPort(part.slice(dash + 1))
    if (!hp) return {ok: false, error: `${JSON.stringify(part.slice(dash + 1))} (peer ${id}) is not host:port with a port from 1 to 65535`}
    if (peers.some((p) => p.id === id)) return {ok: false, error: `peer id ${id} appears twice`}
    if (peers.some((p) => p.host === hp.host && p.port === hp.port)) return {ok: false, error: `address ${hp.host}:${hp.port} appears twice`}
    peers.push({id, ...hp})
  }
  return {ok: true, peers}
}

/** True for ids RocketMQ's DLedgerCommitLog can turn into a brokerId (`n0`, `n12`). */
export function isDLedgerId(id: string): boolean {
  return /^[A-Za-z]\d+$/.test(id)
}

/** Renders peers back to the dLegerPeers form. */
export function formatDLedgerPeers(peers: readonly DLedgerPeer[]): string {
  return peers.map((p) => `${p.id}-${p.host}:${p.port}`).join(';')
}
