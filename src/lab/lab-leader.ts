/**
 * `mqlab leader GROUP --to NODE`: DLedger's LEADERSHIP_TRANSFER. The request goes to the current leader's
 * raft port (its dLegerPeers entry) as DLedger's admin client sends it; the leader refuses new appends
 * (LEADER_TRANSFERRING) and asks the transferee to take term + 1. Then waits until the name servers list
 * the transferee as the group's master (brokerId 0): as a broker, it only becomes master once its log is
 * committed and dispatched.
 */
import {parseDLedgerPeers} from '../../runtime/config/dledger-peers.js'
import {decodeTransferResponse, encodeTransferRequest} from '../../runtime/dledger/protocol/dledger-messages.js'
import {DLedgerRequestCode} from '../../runtime/dledger/protocol/dledger-request-code.js'
import {MqlabError} from '../errors/mqlab-error.js'
import type {LabContext} from './lab-context.js'
import {registeredBrokerId} from './readiness.js'

/** DLedgerResponseCode names for the answers a transfer can get. */
const CODE_NAMES: Record<number, string> = {
  200: 'SUCCESS',
  400: 'UNKNOWN_GROUP',
  401: 'UNKNOWN_MEMBER',
  404: 'NOT_LEADER',
  407: 'INCONSISTENT_TERM',
  409: 'INCONSISTENT_LEADER',
  417: 'FALL_BEHIND_TOO_MUCH',
  418: 'TAKE_LEADERSHIP_FAILED',
  500: 'INTERNAL_ERROR',
  506: 'LEADER_TRANSFERRING',
  302: 'NETWORK_ERROR',
}

/** The outcome. */
export interface LeaderTransferResult {
  group: string
  from: string
  to: string
  /** Term before the transfer and the new leader's term. */
  term: number
  newTerm: number | null
  /** DLedger's answer code and its name. */
  code: number
  codeName: string
  /** ms from the request until the name servers listed the new master (null if they did not in time). */
  registeredAfterMs: number | null
  alreadyLeader: boolean
}

/** Transfers the leadership of `group` to the member `to`. */
export async function transferLeader(ctx: LabContext, group: string, to: string, options: {timeoutMs: number}): Promise<LeaderTransferResult> {
  const members = ctx.lab.nodes.flatMap((n) => (n.kind === 'broker' && n.config.enableDLegerCommitLog && n.config.brokerName === group ? [n] : []))
  if (members.length === 0) throw new MqlabError('UNKNOWN_NODE', `${group} is not a DLedger group of this lab`, {suggestion: 'mqlab status lists the groups'})
  const target = members.find((n) => n.name === to || n.config.dLegerSelfId === to)
  if (!target) throw new MqlabError('UNKNOWN_NODE', `${to} is not a member of ${group}`, {suggestion: `one of ${members.map((m) => m.name).join(', ')}`})
  const timeout = ctx.supervisor.timings.probeTimeoutMs
  const infos = await Promise.all(
    members.map(async (n) => {
      const spec = ctx.specs.find((s) => s.name === n.name)!
      return {node: n, spec, info: await ctx.deps.wire.brokerRuntimeInfo(spec.addr, timeout).catch(() => undefined)}
    }),
  )
  const leader = infos.find((i) => i.info?.dLedgerRole === 'LEADER')
  if (!leader)
    throw new MqlabError('NODE_NOT_RUNNING', `no member of ${group} is leader now`, {
      suggestion: "wait for the election to finish (mqlab status shows each member's raft role)",
    })
  const term = Number(leader.info!.dLedgerTerm)
  const leaderId = leader.node.config.dLegerSelfId!
  const transfereeId = target.config.dLegerSelfId!
  const base = {group, from: leader.node.name, to: target.name, term}
  if (leaderId === transfereeId) return {...base, newTerm: term, code: 200, codeName: 'SUCCESS', registeredAfterMs: 0, alreadyLeader: true}
  const peers = parseDLedgerPeers(leader.node.config.dLegerPeers ?? '')
  const self = peers.ok ? peers.peers.find((p) => p.id === leaderId) : undefined
  if (!self || !ctx.deps.wire.rawRequest) throw new MqlabError('INTERNAL', `cannot find ${leader.node.name}'s raft port in dLegerPeers`)
  const body = encodeTransferRequest(leader.node.config.dLegerGroup ?? group, {
    kind: 'transfer',
    from: 'mqlab',
    to: leaderId,
    rid: 0,
    term,
    transferId: leaderId,
    transfereeId,
    takeLeadershipLedgerIndex: 0,
  })
  const started = ctx.deps.clock.now()
  const answer = await ctx.deps.wire.rawRequest(`${self.host}:${self.port}`, DLedgerRequestCode.LEADERSHIP_TRANSFER, body, 5000)
  const decoded = decodeTransferResponse(answer)
  const codeName = CODE_NAMES[decoded.code] ?? String(decoded.code)
  if (decoded.code !== 200) {
    throw new MqlabError('PROMOTE_FAILED', `${leader.node.name} refused the transfer to ${target.name}: ${codeName} (${decoded.code})`, {
      suggestion:
        decoded.code === 417 ? `${target.name} is more than 1000 entries behind; wait for it to catch up` : "check mqlab status and the members' logs",
      details: {code: decoded.code},
    })
  }
  const targetSpec = ctx.specs.find((s) => s.name === target.name)!
  let registeredAfterMs: number | null = null
  const deadline = started + options.timeoutMs
  while (ctx.deps.clock.now() < deadline) {
    const ns = ctx.specs.find((s) => s.kind === 'namesrv')
    const info = ns ? await ctx.deps.wire.clusterInfo(ns.addr, timeout).catch(() => undefined) : undefined
    if (info && registeredBrokerId(info, group, targetSpec.addr) === 0) {
      registeredAfterMs = ctx.deps.clock.now() - started
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {...base, newTerm: decoded.term, code: decoded.code, codeName, registeredAfterMs, alreadyLeader: false}
}
