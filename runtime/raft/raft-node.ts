/**
 * A DLedger 0.3.1.2 member as a pure state machine, in etcd-io/raft's manner: the driver calls tick()
 * every tickMs and step() for each message received; both hand back a Ready (what to persist, to send,
 * what is committed, which appends are answered, role changes). No sockets, files, timers or clocks.
 *
 * The code is split as DLedger splits it: election.ts (DLedgerLeaderElector), leader-replication.ts
 * (EntryDispatcher and QuorumAckChecker of DLedgerEntryPusher), follower-replication.ts (EntryHandler),
 * leadership-transfer.ts. This file holds MemberState, the RPC bookkeeping and the public API.
 */
import {resolveRaftConfig, type RaftConfig, type ResolvedRaftConfig} from './raft-config.js'
import type {RaftLog} from './raft-log.js'
import {
  Code,
  type AppendAck,
  type HardState,
  type RaftEntry,
  type RaftMessage,
  type RaftRequest,
  type RaftRole,
  type Ready,
  type RoleChange,
} from './raft-types.js'
import {ElectionState, maintainState, onHeartBeat, onVote} from './election.js'
import {LeaderReplication} from './leader-replication.js'
import {FollowerReplication} from './follower-replication.js'
import {TransferState, onTransferRequest, checkTakeLeadership, pumpTransfer} from './leadership-transfer.js'

/** What the status commands show about a member. */
export interface RaftStatus {
  readonly selfId: string
  readonly role: RaftRole
  readonly term: number
  readonly leaderId: string | null
  readonly voteFor: string | null
  readonly beginIndex: number
  readonly endIndex: number
  readonly committedIndex: number
  /** The leader's watermark per peer in the current term (−1 unknown); empty unless leader. */
  readonly watermarks: Readonly<Record<string, number>>
  readonly transferee: string | null
}

/** Result of propose(): the appended entry, or the DLedger code refusing it. */
export type ProposeResult = {readonly ok: true; readonly entry: RaftEntry} | {readonly ok: false; readonly code: number}

interface Outstanding {
  readonly peer: string
  readonly deadline: number
  readonly onAnswer: (answer: RaftMessage | undefined) => void
}

/** One member of a DLedger group. */
export class RaftNode {
  /** @internal */ readonly cfg: ResolvedRaftConfig
  /** @internal */ readonly log: RaftLog
  /** @internal */ now = 0
  /** @internal */ role: RaftRole = 'CANDIDATE'
  /** @internal */ term: number
  /** @internal */ voteFor: string | null
  /** @internal */ leaderId: string | null = null
  /** @internal */ knownMaxTermInGroup = -1
  /** @internal */ transferee: string | null = null
  /** @internal */ termToTakeLeadership = -1
  /** @internal */ committedIndex: number
  /** @internal */ readonly election = new ElectionState()
  /** @internal */ readonly leader: LeaderReplication
  /** @internal */ readonly follower: FollowerReplication
  /** @internal */ readonly transfer = new TransferState()
  /** @internal */ readonly peersLive = new Map<string, boolean>()

  private nextRid: number
  private readonly outstanding = new Map<number, Outstanding>()
  private out: {hardState?: HardState; messages: RaftMessage[]; committedIndex?: number; acks: AppendAck[]; roleChanges: RoleChange[]} = emptyOut()

  constructor(config: RaftConfig, log: RaftLog) {
    this.cfg = resolveRaftConfig(config)
    this.log = log
    this.term = this.cfg.term
    this.voteFor = this.cfg.voteFor
    this.nextRid = this.cfg.firstRid
    this.committedIndex = Math.min(this.cfg.committedIndex, log.endIndex())
    this.leader = new LeaderReplication(this)
    this.follower = new FollowerReplication(this)
  }

  // ---- public API -------------------------------------------------------------------------------

  /** Advances the clock by one tick and runs everything DLedger's threads run periodically. */
  tick(): Ready {
    this.now += this.cfg.tickMs
    this.expireOutstanding()
    maintainState(this)
    pumpTransfer(this)
    this.leader.onTick()
    this.follower.onTick()
    return this.takeReady()
  }

  /** Handles one message from a peer (or, for LEADERSHIP_TRANSFER, from an admin client). */
  step(msg: RaftMessage): Ready {
    switch (msg.kind) {
      case 'vote':
        this.reply(msg, onVote(this, msg, false))
        break
      case 'heartBeat':
        this.reply(msg, onHeartBeat(this, msg))
        break
      case 'push':
        this.follower.onPush(msg)
        break
      case 'transfer':
        onTransferRequest(this, msg)
        break
      default: {
        const waiting = this.outstanding.get(msg.rid)
        if (waiting && waiting.peer === msg.from) {
          this.outstanding.delete(msg.rid)
          waiting.onAnswer(msg)
        }
      }
    }
    this.leader.pump()
    return this.takeReady()
  }

  /** Appends a client entry on the leader (DLedgerServer.handleAppend); the ack comes later in Ready.acks. */
  propose(body: Uint8Array): {result: ProposeResult; ready: Ready} {
    const result = this.leader.propose(body)
    if (result.ok) this.leader.pump()
    return {result, ready: this.takeReady()}
  }

  /** Asks this node, as leader, to hand leadership to `transfereeId` (an admin's LEADERSHIP_TRANSFER). */
  transferLeadership(transfereeId: string, reply: (code: number, term?: number) => void): Ready {
    onTransferRequest(
      this,
      {
        kind: 'transfer',
        from: this.cfg.selfId,
        to: this.cfg.selfId,
        rid: -1,
        term: this.term,
        transferId: this.cfg.selfId,
        transfereeId,
        takeLeadershipLedgerIndex: -1,
      },
      reply,
    )
    return this.takeReady()
  }

  /** The member's state for status reports. */
  status(): RaftStatus {
    return {
      selfId: this.cfg.selfId,
      role: this.role,
      term: this.term,
      leaderId: this.leaderId,
      voteFor: this.voteFor,
      beginIndex: this.log.beginIndex(),
      endIndex: this.log.endIndex(),
      committedIndex: this.committedIndex,
      watermarks: this.role === 'LEADER' ? this.leader.watermarkRecord() : {},
      transferee: this.transferee,
    }
  }

  /** The current role (cheaper than status()). */
  currentRole(): RaftRole {
    return this.role
  }

  /** The current term. */
  currentTerm(): number {
    return this.term
  }

  /** Milliseconds on the core's clock (ticks × tickMs). */
  clock(): number {
    return this.now
  }

  // ---- MemberState (internal) ----------------------------------------------------------------------

  /** @internal */ otherPeers(): string[] {
    return this.cfg.peers.filter((p) => p !== this.cfg.selfId)
  }

  /** @internal */ isQuorum(n: number): boolean {
    return n >= Math.floor(this.cfg.peers.length / 2) + 1
  }

  /** @internal */ isPeer(id: string | undefined): boolean {
    return id !== undefined && this.cfg.peers.includes(id)
  }

  /** @internal MemberState.nextTerm: jump to the highest known term, else +1; clears the vote; persisted. */
  nextTerm(): number {
    this.term = this.knownMaxTermInGroup > this.term ? this.knownMaxTermInGroup : this.term + 1
    this.voteFor = null
    this.persistHardState()
    return this.term
  }

  /** @internal */ setVoteFor(id: string): void {
    this.voteFor = id
    this.persistHardState()
  }

  private persistHardState(): void {
    this.out.hardState = {term: this.term, voteFor: this.voteFor}
  }

  /** @internal DLedgerLeaderElector.changeRoleToCandidate: the term is not raised yet, only remembered. */
  changeRoleToCandidate(term: number): void {
    if (term < this.term) return
    if (term > this.knownMaxTermInGroup) this.knownMaxTermInGroup = term
    this.role = 'CANDIDATE'
    this.leaderId = null
    this.transferee = null
    this.handleRoleChange(term, 'CANDIDATE')
  }

  /** @internal */ changeRoleToFollower(term: number, leaderId: string): void {
    this.election.lastParseResult = 'WAIT_TO_REVOTE'
    this.role = 'FOLLOWER'
    this.leaderId = leaderId
    this.transferee = null
    this.election.lastLeaderHeartBeatTime = this.now
    this.handleRoleChange(term, 'FOLLOWER')
  }

  /** @internal */ changeRoleToLeader(term: number): void {
    if (this.term !== term) return
    this.role = 'LEADER'
    this.leaderId = this.cfg.selfId
    this.peersLive.clear()
    this.election.lastSendHeartBeatTime = -Infinity
    this.handleRoleChange(term, 'LEADER')
  }

  private handleRoleChange(term: number, role: RaftRole): void {
    checkTakeLeadership(this, term, role)
    this.out.roleChanges.push({term, role})
  }

  /**
   * @internal DLedgerMmapFileStore.updateCommittedIndex. Deliberate difference from raft §5.4.2 (kept from
   * DLedger): no check that the entry at the new commit point is of the current term, so a new leader
   * commits entries of earlier terms as soon as a quorum holds them — DLedger appends no no-op entry, and a
   * RocketMQ broker only becomes master once its whole log is committed.
   */
  updateCommittedIndex(term: number, newCommittedIndex: number): void {
    const end = this.log.endIndex()
    if (newCommittedIndex === -1 || end === -1 || term < this.term || newCommittedIndex === this.committedIndex) return
    if (newCommittedIndex < this.committedIndex || newCommittedIndex < this.log.beginIndex()) return
    this.committedIndex = Math.min(newCommittedIndex, end)
    this.out.committedIndex = this.committedIndex
  }

  /** @internal */ emitAck(ack: AppendAck): void {
    this.out.acks.push(ack)
  }

  // ---- RPC bookkeeping ------------------------------------------------------------------------------

  /** @internal Sends a request; `onAnswer` gets the answer, or undefined after rpcTimeoutMs (or `timeoutMs`). */
  call(req: DistributiveOmit<RaftRequest, 'rid' | 'from'>, onAnswer: (a: RaftMessage | undefined) => void, timeoutMs = this.cfg.rpcTimeoutMs): void {
    const rid = this.nextRid++
    this.outstanding.set(rid, {peer: req.to, deadline: this.now + timeoutMs, onAnswer})
    this.out.messages.push({...req, rid, from: this.cfg.selfId} as RaftMessage)
  }

  /** @internal Sends a request whose answer is not awaited (DLedger ignores COMMIT push answers). */
  send(req: DistributiveOmit<RaftRequest, 'rid' | 'from'>): void {
    this.out.messages.push({...req, rid: this.nextRid++, from: this.cfg.selfId} as RaftMessage)
  }

  /** @internal Answers a request: the answer goes back to its sender with its rid. */
  reply(req: RaftRequest, answer: DistributiveOmit<RaftMessage, 'rid' | 'from' | 'to'>): void {
    this.out.messages.push({...answer, rid: req.rid, from: this.cfg.selfId, to: req.from} as RaftMessage)
  }

  private expireOutstanding(): void {
    for (const [rid, o] of this.outstanding) {
      if (o.deadline <= this.now) {
        this.outstanding.delete(rid)
        o.onAnswer(undefined)
      }
    }
  }

  private takeReady(): Ready {
    const ready = this.out
    this.out = emptyOut()
    return ready
  }

  /** @internal */ respondCode(req: RaftRequest, code: number): void {
    if (req.kind === 'push') this.follower.respond(req, code)
    else if (req.kind === 'transfer') this.reply(req, {kind: 'transferResp', term: this.term, code, leaderId: this.leaderId ?? undefined})
  }
}

/** Omit over each member of a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

function emptyOut() {
  return {messages: [] as RaftMessage[], acks: [] as AppendAck[], roleChanges: [] as RoleChange[]} as {
    hardState?: HardState
    messages: RaftMessage[]
    committedIndex?: number
    acks: AppendAck[]
    roleChanges: RoleChange[]
  }
}

export {Code}
