/**
 * DLedgerLeaderElector 0.3.1.2: heartbeats, votes and the state maintainer, on the core's clock.
 *
 * Deliberate differences from textbook raft (Ongaro & Ousterhout §5.2), all DLedger's:
 * - No randomized election timeout on followers: a follower waits maxHeartBeatLeak (3) heartbeat
 *   intervals (6 s) after the last heartbeat, then becomes candidate **in the same term** and votes again in
 *   it; only a failed round moves it to term + 1 (MemberState.nextTerm). Randomness sits in the pause
 *   between vote rounds (minVoteIntervalMs..maxVoteIntervalMs).
 * - A vote request is checked against the voter's log **before** its term, so a candidate with a stale log
 *   cannot raise anyone's term (a built-in guard that plays the role of PreVote; there is no PreVote RPC).
 * - A bigger term in a vote or heartbeat does not make the receiver adopt it at once: it becomes candidate,
 *   remembers the term and answers TERM_NOT_READY; it raises its term on its next maintainer pass and only a
 *   heartbeat makes it follower. The candidate that got TERM_NOT_READY votes again immediately.
 * - Only HEART_BEAT creates followers; pushes never do (raft's AppendEntries doubles as heartbeat).
 * - The leader steps down by itself when no quorum answered its heartbeats for maxHeartBeatLeak intervals
 *   (raft has no such rule; it only steps down on a higher term). A stepped-down leader keeps its term and
 *   vote, so it can be elected again in the same term.
 * - REJECT_ALREADY_HAS_LEADER makes the candidate back off a further maxHeartBeatLeak × heartbeat interval.
 */
import type {RaftNode} from './raft-node.js'
import {Code, type HeartBeatRequest, type RaftMessage, type VoteRequest, type VoteResult} from './raft-types.js'

/** VoteResponse.ParseResult. */
export type ParseResult = 'WAIT_TO_REVOTE' | 'REVOTE_IMMEDIATELY' | 'PASSED' | 'WAIT_TO_VOTE_NEXT'

interface HeartBeatRound {
  readonly term: number
  readonly deadline: number
  all: number
  succ: number
  notReady: number
  maxTerm: number
  inconsistentLeader: boolean
}

interface VoteRound {
  readonly term: number
  readonly deadline: number
  all: number
  valid: number
  accepted: number
  notReady: number
  biggerLedger: number
  alreadyHasLeader: boolean
  knownMaxTerm: number
}

/** The elector's own fields (timestamps in core milliseconds; −Infinity = "long ago", Java's −1). */
export class ElectionState {
  lastParseResult: ParseResult = 'WAIT_TO_REVOTE'
  nextTimeToRequestVote = -Infinity
  needIncreaseTermImmediately = false
  lastLeaderHeartBeatTime = -Infinity
  lastSendHeartBeatTime = -Infinity
  lastSuccHeartBeatTime = -Infinity
  heartBeatRound: HeartBeatRound | undefined
  voteRound: VoteRound | undefined
}

/** One pass of the state maintainer (DLedger runs it every 10 ms; here once per tick). */
export function maintainState(node: RaftNode): void {
  const e = node.election
  // The Java maintainer thread blocks while it waits for heartbeat or vote answers.
  if (e.heartBeatRound) {
    if (node.now >= e.heartBeatRound.deadline) finishHeartBeats(node)
    return
  }
  if (e.voteRound) {
    if (node.now >= e.voteRound.deadline) finishVote(node)
    return
  }
  if (node.role === 'LEADER') maintainAsLeader(node)
  else if (node.role === 'FOLLOWER') maintainAsFollower(node)
  else maintainAsCandidate(node)
}

function heartBeatIntervalMs(node: RaftNode): number {
  return node.cfg.heartBeatTimeIntervalMs
}

function maintainAsLeader(node: RaftNode): void {
  const e = node.election
  if (node.now - e.lastSendHeartBeatTime <= heartBeatIntervalMs(node)) return
  e.lastSendHeartBeatTime = node.now
  const round: HeartBeatRound = {
    term: node.term,
    deadline: node.now + heartBeatIntervalMs(node),
    all: 1,
    succ: 1,
    notReady: 0,
    maxTerm: -1,
    inconsistentLeader: false,
  }
  e.heartBeatRound = round
  const leaderId = node.cfg.selfId
  for (const peer of node.otherPeers()) {
    node.call({kind: 'heartBeat', to: peer, term: round.term, leaderId}, (answer) => {
      if (answer === undefined) node.peersLive.set(peer, false)
      else if (answer.kind === 'heartBeatResp') {
        if (answer.code === Code.SUCCESS) round.succ++
        else if (answer.code === Code.EXPIRED_TERM) round.maxTerm = answer.term
        else if (answer.code === Code.INCONSISTENT_LEADER) round.inconsistentLeader = true
        else if (answer.code === Code.TERM_NOT_READY) round.notReady++
        node.peersLive.set(peer, answer.code !== Code.NETWORK_ERROR)
      }
      round.all++
      if (e.heartBeatRound !== round) return
      if (node.isQuorum(round.succ) || node.isQuorum(round.succ + round.notReady) || round.all === node.cfg.peers.length) finishHeartBeats(node)
    })
  }
  if (node.cfg.peers.length === 1) finishHeartBeats(node)
}

function finishHeartBeats(node: RaftNode): void {
  const e = node.election
  const round = e.heartBeatRound!
  e.heartBeatRound = undefined
  if (node.isQuorum(round.succ)) {
    e.lastSuccHeartBeatTime = node.now
    return
  }
  if (node.isQuorum(round.succ + round.notReady)) e.lastSendHeartBeatTime = -Infinity
  else if (round.maxTerm > round.term) node.changeRoleToCandidate(round.maxTerm)
  else if (round.inconsistentLeader) node.changeRoleToCandidate(round.term)
  else if (node.now - e.lastSuccHeartBeatTime > node.cfg.maxHeartBeatLeak * heartBeatIntervalMs(node)) node.changeRoleToCandidate(round.term)
}

function maintainAsFollower(node: RaftNode): void {
  if (node.now - node.election.lastLeaderHeartBeatTime > node.cfg.maxHeartBeatLeak * heartBeatIntervalMs(node)) {
    node.changeRoleToCandidate(node.term)
  }
}

/** True while this node is a preferred leader taking over leadership in the current term. */
export function isTakingLeadership(node: RaftNode): boolean {
  return node.cfg.preferredLeaderIds !== undefined && node.termToTakeLeadership === node.term && node.cfg.preferredLeaderIds.includes(node.cfg.selfId)
}

function nextTimeToRequestVote(node: RaftNode): number {
  const c = node.cfg
  if (isTakingLeadership(node)) {
    return node.now + c.minTakeLeadershipVoteIntervalMs + c.random(c.maxTakeLeadershipVoteIntervalMs - c.minTakeLeadershipVoteIntervalMs)
  }
  return node.now + c.minVoteIntervalMs + c.random(c.maxVoteIntervalMs - c.minVoteIntervalMs)
}

function maintainAsCandidate(node: RaftNode): void {
  const e = node.election
  if (node.now < e.nextTimeToRequestVote && !e.needIncreaseTermImmediately) return
  let term: number
  if (e.lastParseResult === 'WAIT_TO_VOTE_NEXT' || e.needIncreaseTermImmediately) {
    term = node.nextTerm()
    e.lastParseResult = 'WAIT_TO_REVOTE'
  } else {
    term = node.term
  }
  if (e.needIncreaseTermImmediately) {
    e.nextTimeToRequestVote = nextTimeToRequestVote(node)
    e.needIncreaseTermImmediately = false
    return
  }
  const round: VoteRound = {
    term,
    deadline: node.now + 2000 + node.cfg.random(node.cfg.maxVoteIntervalMs),
    all: 0,
    valid: 0,
    accepted: 0,
    notReady: 0,
    biggerLedger: 0,
    alreadyHasLeader: false,
    knownMaxTerm: term,
  }
  e.voteRound = round
  const request = {term, ledgerEndIndex: node.log.endIndex(), ledgerEndTerm: node.log.endTerm()}
  const count = (answer: RaftMessage | undefined) => {
    if (answer && answer.kind === 'voteResp') tally(round, answer.voteResult, answer.term)
    round.all++
    if (e.voteRound !== round) return
    if (round.alreadyHasLeader || node.isQuorum(round.accepted) || node.isQuorum(round.accepted + round.notReady) || round.all === node.cfg.peers.length) {
      finishVote(node)
    }
  }
  for (const peer of node.cfg.peers) {
    if (peer === node.cfg.selfId) {
      const self: VoteRequest = {kind: 'vote', from: peer, to: peer, rid: -1, ...request}
      const answer = onVote(node, self, true)
      count({...answer, from: peer, to: peer, rid: -1} as RaftMessage)
    } else {
      node.call({kind: 'vote', to: peer, ...request}, count)
    }
  }
}

function tally(round: VoteRound, result: VoteResult, term: number): void {
  if (result !== 'UNKNOWN') round.valid++
  switch (result) {
    case 'ACCEPT':
      round.accepted++
      break
    case 'REJECT_ALREADY_HAS_LEADER':
      round.alreadyHasLeader = true
      break
    case 'REJECT_TERM_SMALL_THAN_LEDGER':
    case 'REJECT_EXPIRED_VOTE_TERM':
      if (term > round.knownMaxTerm) round.knownMaxTerm = term
      break
    case 'REJECT_EXPIRED_LEDGER_TERM':
    case 'REJECT_SMALL_LEDGER_END_INDEX':
      round.biggerLedger++
      break
    case 'REJECT_TERM_NOT_READY':
      round.notReady++
      break
    default:
      break
  }
}

function finishVote(node: RaftNode): void {
  const e = node.election
  const r = e.voteRound!
  e.voteRound = undefined
  let result: ParseResult
  if (r.knownMaxTerm > r.term) {
    result = 'WAIT_TO_VOTE_NEXT'
    e.nextTimeToRequestVote = nextTimeToRequestVote(node)
    node.changeRoleToCandidate(r.knownMaxTerm)
  } else if (r.alreadyHasLeader) {
    result = 'WAIT_TO_REVOTE'
    e.nextTimeToRequestVote = nextTimeToRequestVote(node) + heartBeatIntervalMs(node) * node.cfg.maxHeartBeatLeak
  } else if (!node.isQuorum(r.valid)) {
    result = 'WAIT_TO_REVOTE'
    e.nextTimeToRequestVote = nextTimeToRequestVote(node)
  } else if (!node.isQuorum(r.valid - r.biggerLedger)) {
    result = 'WAIT_TO_REVOTE'
    e.nextTimeToRequestVote = nextTimeToRequestVote(node) + node.cfg.maxVoteIntervalMs
  } else if (node.isQuorum(r.accepted)) {
    result = 'PASSED'
  } else if (node.isQuorum(r.accepted + r.notReady)) {
    result = 'REVOTE_IMMEDIATELY'
  } else {
    result = 'WAIT_TO_VOTE_NEXT'
    e.nextTimeToRequestVote = nextTimeToRequestVote(node)
  }
  e.lastParseResult = result
  if (result === 'PASSED') node.changeRoleToLeader(r.term)
}

/** handleVote: the checks in DLedger's order (log first, then term, then the vote itself). */
export function onVote(node: RaftNode, req: VoteRequest, self: boolean): {kind: 'voteResp'; term: number; voteResult: VoteResult} {
  const answer = (voteResult: VoteResult, term = node.term) => ({kind: 'voteResp' as const, term, voteResult})
  if (!node.isPeer(req.from)) return answer('REJECT_UNKNOWN_LEADER')
  if (!self && req.from === node.cfg.selfId) return answer('REJECT_UNEXPECTED_LEADER')
  const endTerm = node.log.endTerm()
  if (req.ledgerEndTerm < endTerm) return answer('REJECT_EXPIRED_LEDGER_TERM')
  if (req.ledgerEndTerm === endTerm && req.ledgerEndIndex < node.log.endIndex()) return answer('REJECT_SMALL_LEDGER_END_INDEX')
  if (req.term < node.term) return answer('REJECT_EXPIRED_VOTE_TERM')
  if (req.term === node.term) {
    if (node.voteFor !== null && node.voteFor !== req.from) {
      return answer(node.leaderId !== null ? 'REJECT_ALREADY_HAS_LEADER' : 'REJECT_ALREADY_VOTED')
    }
  } else {
    node.changeRoleToCandidate(req.term)
    node.election.needIncreaseTermImmediately = true
    return answer('REJECT_TERM_NOT_READY')
  }
  if (req.term < endTerm) return answer('REJECT_TERM_SMALL_THAN_LEDGER', endTerm)
  if (!self && isTakingLeadership(node) && req.ledgerEndTerm === endTerm && node.log.endIndex() >= req.ledgerEndIndex) {
    return answer('REJECT_TAKING_LEADERSHIP')
  }
  node.setVoteFor(req.from)
  return answer('ACCEPT')
}

/** handleHeartBeat. */
export function onHeartBeat(node: RaftNode, req: HeartBeatRequest): {kind: 'heartBeatResp'; term: number; code: number} {
  const answer = (code: number, term = node.term) => ({kind: 'heartBeatResp' as const, term, code})
  if (!node.isPeer(req.leaderId)) return answer(Code.UNKNOWN_MEMBER)
  if (req.leaderId === node.cfg.selfId) return answer(Code.UNEXPECTED_MEMBER)
  if (req.term < node.term) return answer(Code.EXPIRED_TERM)
  if (req.term === node.term) {
    if (node.leaderId === null) {
      node.changeRoleToFollower(req.term, req.leaderId)
      return answer(Code.SUCCESS, -1)
    }
    if (req.leaderId === node.leaderId) {
      node.election.lastLeaderHeartBeatTime = node.now
      return answer(Code.SUCCESS, -1)
    }
    return answer(Code.INCONSISTENT_LEADER, -1)
  }
  node.changeRoleToCandidate(req.term)
  node.election.needIncreaseTermImmediately = true
  return answer(Code.TERM_NOT_READY, -1)
}
