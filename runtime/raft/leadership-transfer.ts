/**
 * LEADERSHIP_TRANSFER and preferred leaders (DLedgerServer.handleLeadershipTransfer, checkPreferredLeader
 * and DLedgerLeaderElector.handleTakeLeadership of DLedger 0.3.1.2).
 *
 * The leader, asked to transfer, sets `transferee` (appends now fail with LEADER_TRANSFERRING) and asks the
 * transferee to take over with its log end. The transferee waits up to leadershipTransferWaitTimeout for its
 * log to reach that index, then becomes candidate for term + 1 at once and answers when it is leader
 * (SUCCESS) or follower (TAKE_LEADERSHIP_FAILED) in that term. Raft's TimeoutNow (thesis §3.10) is the
 * textbook equivalent; unlike it, the transferee here still needs the old leader's vote.
 */
import type {RaftNode} from './raft-node.js'
import {Code, type RaftRole, type TransferRequest, type TransferResponse} from './raft-types.js'
import {isTakingLeadership} from './election.js'

/** DLedgerServer checks preferred leaders at this period. */
const PREFERRED_LEADER_CHECK_MS = 1000

interface CatchUp {
  readonly req: TransferRequest
  readonly deadline: number
}

/** Transfer bookkeeping of one node. */
export class TransferState {
  catchUp: CatchUp | undefined
  take: TransferRequest | undefined
  lastPreferredCheck = 0
}

type Reply = (code: number, term?: number) => void

/** A LEADERSHIP_TRANSFER request, either to this node as leader or to it as transferee. */
export function onTransferRequest(node: RaftNode, req: TransferRequest, localReply?: Reply): void {
  const answer: Reply =
    localReply ?? ((code, term) => node.reply(req, {kind: 'transferResp', term: term ?? req.term, code, leaderId: node.leaderId ?? undefined}))
  const self = node.cfg.selfId
  if (req.transferId === self) {
    if (!node.isPeer(req.transfereeId)) return answer(Code.UNKNOWN_MEMBER)
    if (node.term !== req.term) return answer(Code.INCONSISTENT_TERM)
    if (node.role !== 'LEADER') return answer(Code.NOT_LEADER)
    const behind = node.log.endIndex() - (node.leader.watermarkRecord()[req.transfereeId] ?? -1)
    if (behind >= node.cfg.maxLeadershipTransferWaitIndex) return answer(Code.FALL_BEHIND_TOO_MUCH)
    if (node.transferee !== null) return answer(Code.LEADER_TRANSFERRING)
    node.transferee = req.transfereeId
    const term = req.term
    node.call(
      {
        kind: 'transfer',
        to: req.transfereeId,
        term,
        leaderId: self,
        transferId: self,
        transfereeId: req.transfereeId,
        takeLeadershipLedgerIndex: node.log.endIndex(),
      },
      (a) => {
        // On a timeout DLedger's thenApply never runs: the transferee stays set until the next role change.
        if (!a || a.kind !== 'transferResp') return answer(Code.NETWORK_ERROR)
        if (a.code !== Code.SUCCESS || (node.term === term && node.transferee !== null)) node.transferee = null
        // DLedger hands the transferee's answer back as it is.
        answer(a.code, a.term)
      },
    )
    return
  }
  if (req.transfereeId === self) {
    if (req.transferId !== node.leaderId) return answer(Code.INCONSISTENT_LEADER)
    node.transfer.catchUp = {req, deadline: node.now + node.cfg.leadershipTransferWaitTimeout}
    pumpTransfer(node)
    return
  }
  answer(Code.UNEXPECTED_ARGUMENT)
}

/** Periodic part: the transferee's catch-up wait and the leader's preferred-leader check. */
export function pumpTransfer(node: RaftNode): void {
  const t = node.transfer
  if (t.catchUp) {
    const {req, deadline} = t.catchUp
    if (req.takeLeadershipLedgerIndex - node.log.endIndex() <= 0) {
      t.catchUp = undefined
      takeLeadership(node, req)
    } else if (node.now > deadline) {
      t.catchUp = undefined
      node.respondCode(req, Code.TAKE_LEADERSHIP_FAILED)
    }
  }
  if (node.now - t.lastPreferredCheck >= PREFERRED_LEADER_CHECK_MS) {
    t.lastPreferredCheck = node.now
    checkPreferredLeader(node)
  }
}

function takeLeadership(node: RaftNode, req: TransferRequest): void {
  if (node.term !== req.term) return node.respondCode(req, Code.INCONSISTENT_TERM)
  node.termToTakeLeadership = req.term + 1
  node.transfer.take = req
  node.changeRoleToCandidate(req.term + 1)
  node.election.needIncreaseTermImmediately = true
}

/** TakeLeadershipTask.check, run on every role change. */
export function checkTakeLeadership(node: RaftNode, term: number, role: RaftRole): void {
  const req = node.transfer.take
  if (node.termToTakeLeadership === -1 || !req) return
  let code: number
  if (term > node.termToTakeLeadership) code = Code.EXPIRED_TERM
  else if (term === node.termToTakeLeadership) {
    if (role === 'LEADER') code = Code.SUCCESS
    else if (role === 'FOLLOWER') code = Code.TAKE_LEADERSHIP_FAILED
    else return
  } else code = role === 'FOLLOWER' ? Code.TAKE_LEADERSHIP_FAILED : Code.INTERNAL_ERROR
  const answer: Omit<TransferResponse, 'rid' | 'from' | 'to'> = {kind: 'transferResp', term, code}
  node.reply(req, answer)
  node.termToTakeLeadership = -1
  node.transfer.take = undefined
}

function checkPreferredLeader(node: RaftNode): void {
  const preferred = node.cfg.preferredLeaderIds
  if (node.role !== 'LEADER' || !preferred || node.transferee !== null || preferred.includes(node.cfg.selfId)) return
  const watermarks = node.leader.watermarkRecord()
  const candidates = preferred.filter((id) => node.isPeer(id) && node.peersLive.get(id) === true)
  let best: string | undefined
  let minBehind = Infinity
  for (const id of candidates) {
    const behind = node.log.endIndex() - (watermarks[id] ?? -1)
    if (behind < minBehind) {
      minBehind = behind
      best = id
    }
  }
  if (best !== undefined && minBehind < node.cfg.maxLeadershipTransferWaitIndex) {
    onTransferRequest(
      node,
      {
        kind: 'transfer',
        from: node.cfg.selfId,
        to: node.cfg.selfId,
        rid: -1,
        term: node.term,
        transferId: node.cfg.selfId,
        transfereeId: best,
        takeLeadershipLedgerIndex: -1,
      },
      () => undefined,
    )
  }
}

export {isTakingLeadership}
