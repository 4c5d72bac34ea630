/**
 * The raft side of a DLedger group for `mqlab replication`: each registered member's GET_BROKER_RUNTIME_INFO
 * carries mqlab's dLedger* entries (role, term, leader, end and committed index; the leader adds its
 * per-peer watermarks, the highest index each peer is known to hold in the current term). A RocketMQ
 * broker reports none of these, so against one this yields nothing.
 */
import {decodeKVTable} from '../../../runtime/remoting/body/kv-table.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import type {RemotingInvoker} from '../remoting-invoker.js'

/** One member. */
export interface DLedgerPeerState {
  id: string
  /** null when the member is not registered (down, or not yet through its first role change). */
  addr: string | null
  brokerId: number | null
  role: string | null
  term: number | null
  endIndex: number | null
  /** The leader's watermark for this member in the current term (its own end for the leader). */
  matchIndex: number | null
  /** Entries behind the leader's log end. */
  lag: number | null
}

/** The group. */
export interface DLedgerGroupState {
  term: number
  leaderId: string | null
  committedIndex: number | null
  leaderEndIndex: number | null
  peers: DLedgerPeerState[]
}

/** Reads the members registered under one brokerName (brokerId → address); null when none is a DLedger member. */
export async function fetchDLedgerState(
  brokerAddrs: Record<string, string>,
  deps: {remoting: RemotingInvoker; timeoutMs: number},
): Promise<DLedgerGroupState | null> {
  const rows = await Promise.all(
    Object.entries(brokerAddrs).map(async ([brokerId, addr]) => {
      try {
        const r = await deps.remoting.invoke(addr, createRequest(RequestCode.GET_BROKER_RUNTIME_INFO), deps.timeoutMs)
        if (r.code !== ResponseCode.SUCCESS || !r.body) return undefined
        const t = decodeKVTable(r.body).table
        return t.dLedgerRole === undefined ? undefined : {brokerId: Number(brokerId), addr, t}
      } catch {
        return undefined
      }
    }),
  )
  const members = rows.filter((r) => r !== undefined)
  if (members.length === 0) return null
  const leader = members.find((m) => m.t.dLedgerRole === 'LEADER')
  const watermarks: Record<string, number> = leader ? (JSON.parse(leader.t.dLedgerWatermarks ?? '{}') as Record<string, number>) : {}
  const leaderEnd = leader ? Number(leader.t.dLedgerEndIndex) : null
  const ids = new Set([...members.map((m) => m.t.dLedgerSelfId!), ...Object.keys(watermarks)])
  const peers = [...ids].sort().map((id): DLedgerPeerState => {
    const m = members.find((x) => x.t.dLedgerSelfId === id)
    const match = id in watermarks ? watermarks[id]! : null
    return {
      id,
      addr: m?.addr ?? null,
      brokerId: m?.brokerId ?? null,
      role: m?.t.dLedgerRole ?? null,
      term: m ? Number(m.t.dLedgerTerm) : null,
      endIndex: m ? Number(m.t.dLedgerEndIndex) : null,
      matchIndex: match,
      lag: match !== null && leaderEnd !== null ? Math.max(0, leaderEnd - match) : null,
    }
  })
  const termSource = leader ?? members[0]!
  return {
    term: Number(termSource.t.dLedgerTerm),
    leaderId: leader ? leader.t.dLedgerSelfId! : termSource.t.dLedgerLeaderId || null,
    committedIndex: leader ? Number(leader.t.dLedgerCommittedIndex) : null,
    leaderEndIndex: leaderEnd,
    peers,
  }
}
