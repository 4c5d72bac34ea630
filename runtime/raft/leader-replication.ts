/**
 * The leader half of DLedgerEntryPusher 0.3.1.2: one EntryDispatcher per follower (COMPARE → TRUNCATE →
 * APPEND, COMMIT pushes when idle) and the QuorumAckChecker that moves the commit point and answers appends.
 *
 * Deliberate differences from textbook raft (§5.3), all DLedger's:
 * - No prevLogIndex/prevLogTerm on appends. After every election (and after any INCONSISTENT_STATE) a
 *   dispatcher first COMPAREs its entry at an index with the follower's, walking back one index per round
 *   trip, then TRUNCATEs the follower there; plain APPENDs follow and the follower only checks index, term
 *   and leader.
 * - Commit point = the watermark at position ⌊n/2⌋ of the current term's watermarks sorted high to low
 *   (the median for 3 peers). Watermarks start at −1 in each term; the leader's own is raised on each append
 *   and refreshed to its log end once a second, so a fresh leader cannot commit during its first second.
 * - Entries of earlier terms count like any other (see RaftNode.updateCommittedIndex).
 * - An append that is not acknowledged by a quorum within maxWaitAckTimeMs is answered
 *   WAIT_QUORUM_ACK_TIMEOUT but stays in the log (it may still commit).
 */
import type {RaftNode, ProposeResult} from './raft-node.js'
import {Code, type RaftMessage} from './raft-types.js'

/** DLedger's maxPendingSize per dispatcher. */
const MAX_PENDING_PUSHES = 1000
/** Pause after a failed compare/truncate (DLedgerUtils.sleep(500) in the dispatcher's catch). */
const ERROR_BACKOFF_MS = 500
/** Idle interval after which a COMMIT push is sent. */
const COMMIT_PUSH_IDLE_MS = 1000
/** Interval of the leak checks and of the leader's own watermark refresh. */
const LEAK_CHECK_MS = 1000

interface PendingAppend {
  readonly deadline: number
  readonly pos: number
  answered: boolean
}

class Dispatcher {
  type: 'APPEND' | 'COMPARE' | 'TRUNCATE' = 'COMPARE'
  compareIndex = -1
  writeIndex = -1
  term = -1
  leaderId: string | null = null
  readonly pending = new Map<number, number>()
  lastPushCommitTime = -Infinity
  lastCheckLeakTime = 0
  backoffUntil = -Infinity
  /** A COMPARE or TRUNCATE is on its way (the Java thread blocks on it). */
  waiting = false
  /** Bumped on each reset, so answers to an older compare/truncate are dropped. */
  epoch = 0
  constructor(readonly peer: string) {}
}

/** Leader-side replication state of one node. */
export class LeaderReplication {
  private readonly dispatchers: Dispatcher[]
  private watermarkTerm = -1
  private watermarks = new Map<string, number>()
  private readonly pendingByTerm = new Map<number, Map<number, PendingAppend>>()
  private lastSelfRefresh = 0

  constructor(private readonly node: RaftNode) {
    this.dispatchers = node.otherPeers().map((p) => new Dispatcher(p))
  }

  /** The current term's watermarks, for status. */
  watermarkRecord(): Record<string, number> {
    this.checkTerm()
    return Object.fromEntries(this.node.cfg.peers.map((p) => [p, this.watermarks.get(p) ?? -1]))
  }

  /** Appends in the current term; refuses as DLedgerServer.handleAppend does. */
  propose(body: Uint8Array): ProposeResult {
    const node = this.node
    if (node.role !== 'LEADER') return {ok: false, code: Code.NOT_LEADER}
    if (node.transferee !== null) return {ok: false, code: Code.LEADER_TRANSFERRING}
    if (this.pending(node.term).size > node.cfg.maxPendingRequestsNum) return {ok: false, code: Code.LEADER_PENDING_FULL}
    const entry = node.log.appendAsLeader(node.term, body)
    this.updateWatermark(node.term, node.cfg.selfId, entry.index)
    this.pending(node.term).set(entry.index, {deadline: node.now + node.cfg.maxWaitAckTimeMs, pos: entry.pos, answered: false})
    return {ok: true, entry}
  }

  /** Runs the dispatchers and the quorum check once (after any event). */
  pump(): void {
    for (const d of this.dispatchers) this.doWork(d)
    this.checkQuorum()
  }

  /** Periodic part. */
  onTick(): void {
    const node = this.node
    if (node.role === 'LEADER' && node.now - this.lastSelfRefresh > LEAK_CHECK_MS) {
      this.lastSelfRefresh = node.now
      this.updateWatermark(node.term, node.cfg.selfId, node.log.endIndex())
    }
    this.pump()
  }

  private pending(term: number): Map<number, PendingAppend> {
    let m = this.pendingByTerm.get(term)
    if (!m) this.pendingByTerm.set(term, (m = new Map()))
    return m
  }

  private checkTerm(): void {
    if (this.watermarkTerm !== this.node.term) {
      this.watermarkTerm = this.node.term
      this.watermarks = new Map()
    }
  }

  /** @internal updatePeerWaterMark: only raises, and only within the watermark table of `term`. */
  updateWatermark(term: number, peer: string, index: number): void {
    this.checkTerm()
    if (term !== this.watermarkTerm) return
    if ((this.watermarks.get(peer) ?? -1) < index) this.watermarks.set(peer, index)
  }

  private watermark(peer: string): number {
    this.checkTerm()
    return this.watermarks.get(peer) ?? -1
  }

  // ---- QuorumAckChecker --------------------------------------------------------------------------

  private checkQuorum(): void {
    const node = this.node
    if (node.role !== 'LEADER') return
    const term = node.term
    this.checkTerm()
    for (const [t, m] of this.pendingByTerm) {
      if (t === term) continue
      for (const [index, p] of m) if (!p.answered) node.emitAck({term: t, index, code: Code.TERM_CHANGED})
      this.pendingByTerm.delete(t)
    }
    const sorted = node.cfg.peers.map((p) => this.watermarks.get(p) ?? -1).sort((a, b) => b - a)
    const quorumIndex = sorted[Math.floor(sorted.length / 2)]!
    node.updateCommittedIndex(term, quorumIndex)
    const pending = this.pending(term)
    let acked = 0
    for (const [index, p] of pending) {
      if (index > quorumIndex) continue
      pending.delete(index)
      if (!p.answered) node.emitAck({term, index, code: Code.SUCCESS, pos: p.pos})
      acked++
    }
    if (acked === 0) {
      // checkResponseFuturesTimeout: from quorumIndex + 1, contiguous, oldest first.
      for (let i = quorumIndex + 1; ; i++) {
        const p = pending.get(i)
        if (!p || p.deadline > node.now) break
        if (!p.answered) {
          p.answered = true
          node.emitAck({term, index: i, code: Code.WAIT_QUORUM_ACK_TIMEOUT})
        }
      }
    }
  }

  // ---- EntryDispatcher ---------------------------------------------------------------------------

  private checkAndFreshState(d: Dispatcher): boolean {
    const node = this.node
    if (node.role !== 'LEADER') return false
    if (d.term !== node.term || d.leaderId !== node.leaderId) {
      d.term = node.term
      d.leaderId = node.cfg.selfId
      d.epoch++
      d.waiting = false
      this.changeState(d, -1, 'COMPARE')
    }
    return true
  }

  private changeState(d: Dispatcher, index: number, target: Dispatcher['type']): void {
    if (target === 'APPEND') {
      d.compareIndex = -1
      this.updateWatermark(d.term, d.peer, index)
      d.writeIndex = index + 1
    } else if (target === 'COMPARE') {
      if (d.type === 'APPEND') {
        d.compareIndex = -1
        d.pending.clear()
      }
    } else {
      d.compareIndex = -1
    }
    d.type = target
  }

  private fail(d: Dispatcher): void {
    this.changeState(d, -1, 'COMPARE')
    d.backoffUntil = this.node.now + ERROR_BACKOFF_MS
  }

  private doWork(d: Dispatcher): void {
    if (!this.checkAndFreshState(d)) return
    if (this.node.now < d.backoffUntil) return
    if (d.type === 'APPEND') this.doAppend(d)
    else if (!d.waiting) this.doCompare(d)
  }

  private push(d: Dispatcher, type: 'APPEND' | 'COMPARE' | 'TRUNCATE', index: number, onAnswer: (a: RaftMessage | undefined) => void): boolean {
    const entry = this.node.log.get(index)
    if (!entry) return false
    this.node.call({kind: 'push', to: d.peer, term: d.term, leaderId: d.leaderId!, type, entry, commitIndex: this.node.committedIndex}, onAnswer)
    return true
  }

  private doCompare(d: Dispatcher): void {
    const log = this.node.log
    if (d.compareIndex === -1 && log.endIndex() === -1) return
    if (d.compareIndex === -1 || d.compareIndex > log.endIndex() || d.compareIndex < log.beginIndex()) d.compareIndex = log.endIndex()
    const epoch = d.epoch
    const compareIndex = d.compareIndex
    d.waiting = true
    const sent = this.push(d, 'COMPARE', compareIndex, (a) => {
      if (d.epoch !== epoch) return
      d.waiting = false
      if (!a || a.kind !== 'pushResp' || (a.code !== Code.SUCCESS && a.code !== Code.INCONSISTENT_STATE)) return this.fail(d)
      let truncateIndex = -1
      if (a.code === Code.SUCCESS) {
        if (compareIndex === a.endIndex) {
          this.changeState(d, compareIndex, 'APPEND')
          return this.doAppend(d)
        }
        truncateIndex = compareIndex
      } else if (a.endIndex < log.beginIndex() || a.beginIndex > log.endIndex()) {
        truncateIndex = log.beginIndex()
      } else if (compareIndex < a.beginIndex) {
        truncateIndex = log.beginIndex()
      } else if (compareIndex > a.endIndex) {
        d.compareIndex = a.endIndex
      } else {
        d.compareIndex--
      }
      if (d.compareIndex < log.beginIndex()) truncateIndex = log.beginIndex()
      if (truncateIndex !== -1) {
        this.changeState(d, truncateIndex, 'TRUNCATE')
        return this.doTruncate(d, truncateIndex)
      }
      this.doCompare(d)
    })
    if (!sent) {
      d.waiting = false
      this.fail(d)
    }
  }

  private doTruncate(d: Dispatcher, truncateIndex: number): void {
    const epoch = d.epoch
    d.waiting = true
    const sent = this.push(d, 'TRUNCATE', truncateIndex, (a) => {
      if (d.epoch !== epoch) return
      d.waiting = false
      if (!a || a.kind !== 'pushResp' || a.code !== Code.SUCCESS) return this.fail(d)
      d.lastPushCommitTime = this.node.now
      this.changeState(d, truncateIndex, 'APPEND')
      this.doAppend(d)
    })
    if (!sent) {
      d.waiting = false
      this.fail(d)
    }
  }

  private doAppend(d: Dispatcher): void {
    const node = this.node
    for (;;) {
      if (!this.checkAndFreshState(d) || d.type !== 'APPEND') return
      if (d.writeIndex > node.log.endIndex()) {
        this.doCommit(d)
        this.doCheckAppendResponse(d)
        return
      }
      if (d.pending.size >= MAX_PENDING_PUSHES || node.now - d.lastCheckLeakTime > LEAK_CHECK_MS) {
        const wm = this.watermark(d.peer)
        for (const index of d.pending.keys()) if (index < wm) d.pending.delete(index)
        d.lastCheckLeakTime = node.now
      }
      if (d.pending.size >= MAX_PENDING_PUSHES) {
        this.doCheckAppendResponse(d)
        return
      }
      this.doAppendInner(d, d.writeIndex)
      d.writeIndex++
    }
  }

  private doAppendInner(d: Dispatcher, index: number): void {
    const sent = this.push(d, 'APPEND', index, (a) => {
      if (!a || a.kind !== 'pushResp') return
      if (a.code === Code.SUCCESS && a.index !== undefined) {
        d.pending.delete(a.index)
        this.updateWatermark(a.term, d.peer, a.index)
      } else if (a.code === Code.INCONSISTENT_STATE) {
        this.changeState(d, -1, 'COMPARE')
      }
    })
    if (!sent) {
      // The entry is below the log's begin (retention removed it): compare again.
      this.changeState(d, -1, 'COMPARE')
      return
    }
    d.pending.set(index, this.node.now)
    d.lastPushCommitTime = this.node.now
  }

  private doCommit(d: Dispatcher): void {
    const node = this.node
    if (node.now - d.lastPushCommitTime > COMMIT_PUSH_IDLE_MS) {
      node.send({kind: 'push', to: d.peer, term: d.term, leaderId: d.leaderId!, type: 'COMMIT', commitIndex: node.committedIndex})
      d.lastPushCommitTime = node.now
    }
  }

  private doCheckAppendResponse(d: Dispatcher): void {
    const next = this.watermark(d.peer) + 1
    const sentAt = d.pending.get(next)
    if (sentAt !== undefined && this.node.now - sentAt > this.node.cfg.maxPushTimeOutMs) this.doAppendInner(d, next)
  }
}
