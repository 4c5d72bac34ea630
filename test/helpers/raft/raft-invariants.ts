/**
 * The safety properties of the raft paper (§5.2 election safety, §5.3 log matching, §5.4 leader
 * completeness and state-machine safety), checked against a RaftCluster after every step.
 *
 * `committed` is tracked in two strengths. Every entry acknowledged SUCCESS to a client (committed by a
 * quorum of its own term's watermarks) must stay forever: that is what a producer relies on. With
 * `strictCommitSafety` every commit point a node reaches must also never be revised; DLedger's commit rule
 * (old-term entries commit without a current-term entry, RaftNode.updateCommittedIndex) can break that in a
 * "Figure 8" history, so callers choose.
 */
import type {RaftCluster, ClusterObserver} from './raft-cluster.js'
import type {Ready} from '../../../runtime/raft/raft-types.js'
import type {MemoryRaftLog, RaftLog} from '../../../runtime/raft/raft-log.js'

/** A broken invariant. */
export class InvariantViolation extends Error {}

const decoder = new TextDecoder()
const decoded = new WeakMap<Uint8Array, string>()
const text = (b: Uint8Array) => {
  let s = decoded.get(b)
  if (s === undefined) decoded.set(b, (s = decoder.decode(b)))
  return s
}

/** Observer that throws InvariantViolation at the first broken property. */
export class RaftInvariants implements ClusterObserver {
  private readonly leaderOfTerm = new Map<number, string>()
  /** index → `term:body` of entries acknowledged to clients. */
  private readonly acknowledged = new Map<number, {term: number; body: string; ackTerm: number}>()
  /** index → `term:body` first seen committed anywhere. */
  private readonly committed = new Map<number, string>()
  checks = 0

  constructor(private readonly strictCommitSafety: boolean) {}

  onReady(node: string, ready: Ready, cluster: RaftCluster): void {
    const n = cluster.nodes.get(node)!
    for (const ack of ready.acks) {
      if (ack.code !== 200) continue
      const e = cluster.disks.get(node)!.log.get(ack.index)
      if (!e || e.term !== ack.term) throw new InvariantViolation(`${node} acknowledged index ${ack.index} of term ${ack.term} it does not hold`)
      const prev = this.acknowledged.get(ack.index)
      const body = text(e.body)
      if (prev && (prev.term !== e.term || prev.body !== body)) {
        throw new InvariantViolation(`index ${ack.index} acknowledged twice with different entries: ${prev.term}:${prev.body} and ${e.term}:${body}`)
      }
      this.acknowledged.set(ack.index, {term: e.term, body, ackTerm: Math.max(prev?.ackTerm ?? 0, ack.term)})
    }
    if (ready.committedIndex !== undefined && n.status().committedIndex > n.status().endIndex) {
      throw new InvariantViolation(`${node} committed ${n.status().committedIndex} beyond its log end ${n.status().endIndex}`)
    }
  }

  private lastWrites = -1
  private lastTruncations = -1
  private lastAcknowledged = -1
  private lastLeaders = ''

  afterStep(cluster: RaftCluster): void {
    this.checks++
    this.electionSafety(cluster)
    // Properties of the logs can only change when a log does (or an ack arrives): skip unchanged steps.
    let writes = 0
    let truncations = 0
    for (const id of cluster.ids) {
      // Logs that do not count their writes (the on-disk store) are checked at every step.
      const log = cluster.disks.get(id)!.log as Partial<MemoryRaftLog>
      writes += log.writes ?? NaN
      truncations += log.truncations ?? NaN
    }
    if (writes !== this.lastWrites) this.logMatching(cluster)
    const leaders = cluster
      .leaders()
      .map((id) => `${id}@${cluster.node(id).currentTerm()}`)
      .join(',')
    if (leaders !== this.lastLeaders || this.acknowledged.size !== this.lastAcknowledged || truncations !== this.lastTruncations) {
      this.leaderCompleteness(cluster)
    }
    this.lastLeaders = leaders
    if (truncations !== this.lastTruncations || this.acknowledged.size !== this.lastAcknowledged) this.acknowledgedKept(cluster)
    this.lastWrites = writes
    this.lastTruncations = truncations
    this.lastAcknowledged = this.acknowledged.size
    this.stateMachineSafety(cluster)
  }

  /** §5.2: at most one leader per term, over the whole history. */
  private electionSafety(cluster: RaftCluster): void {
    for (const id of cluster.leaders()) {
      const term = cluster.node(id).currentTerm()
      const known = this.leaderOfTerm.get(term)
      if (known === undefined) this.leaderOfTerm.set(term, id)
      else if (known !== id) throw new InvariantViolation(`election safety: ${known} and ${id} both leaders of term ${term}`)
    }
  }

  /**
   * §5.3: two logs with an entry of the same index and term are identical up to it. Checked locally and
   * so incrementally: wherever both hold an entry of one term, the entries are equal and so are the terms
   * one index lower; only indexes at or after the lowest one written since the last check can change.
   */
  private logMatching(cluster: RaftCluster): void {
    const logs = cluster.ids.map((id) => ({id, log: cluster.disks.get(id)!.log as RaftLog & Partial<MemoryRaftLog>}))
    const from = Math.max(0, Math.min(...logs.map((l) => l.log.dirtyFrom ?? 0)) - 1)
    for (let a = 0; a < logs.length; a++) {
      for (let b = a + 1; b < logs.length; b++) {
        const la = logs[a]!.log
        const lb = logs[b]!.log
        const low = Math.max(la.beginIndex(), lb.beginIndex(), 0)
        const top = Math.min(la.endIndex(), lb.endIndex())
        for (let j = Math.max(from, low); j <= top; j++) {
          const x = la.get(j)!
          const y = lb.get(j)!
          if (x.term !== y.term) continue
          const lower = j > low && la.get(j - 1)!.term !== lb.get(j - 1)!.term
          if (text(x.body) !== text(y.body) || x.pos !== y.pos || lower) {
            throw new InvariantViolation(
              `log matching: ${logs[a]!.id} and ${logs[b]!.id} both hold term ${x.term} at ${j} but differ ${lower ? 'one index lower' : 'there'}`,
            )
          }
        }
      }
    }
    for (const l of logs) if (l.log.dirtyFrom !== undefined) l.log.dirtyFrom = Infinity
  }

  /** §5.4.1/§5.4.3: a leader holds every entry acknowledged in an earlier term (stale leaders excepted). */
  private leaderCompleteness(cluster: RaftCluster): void {
    for (const id of cluster.leaders()) {
      const log = cluster.disks.get(id)!.log
      const leaderTerm = cluster.node(id).currentTerm()
      for (const [index, {term, body, ackTerm}] of this.acknowledged) {
        if (ackTerm >= leaderTerm) continue
        const e = log.get(index)
        if (!e || e.term !== term || text(e.body) !== body) {
          throw new InvariantViolation(
            `leader completeness: leader ${id} (term ${cluster.node(id).currentTerm()}) lacks acknowledged entry ${index} ${term}:${body}`,
          )
        }
      }
    }
  }

  /** Acknowledged entries stay on a quorum. */
  private acknowledgedKept(cluster: RaftCluster): void {
    for (const [index, {term, body}] of this.acknowledged) {
      let holders = 0
      for (const id of cluster.ids) {
        const e = cluster.disks.get(id)!.log.get(index)
        if (e && e.term === term && text(e.body) === body) holders++
      }
      if (holders < Math.floor(cluster.ids.length / 2) + 1) {
        throw new InvariantViolation(`state-machine safety: acknowledged entry ${index} ${term}:${body} is held by ${holders} nodes only`)
      }
    }
  }

  /** §5.4.3: no two nodes apply (commit) different entries at one index. */
  private stateMachineSafety(cluster: RaftCluster): void {
    if (!this.strictCommitSafety) return
    for (const id of cluster.ids) {
      const n = cluster.nodes.get(id)
      if (!n) continue
      const log = cluster.disks.get(id)!.log
      const c = n.status().committedIndex
      // DLedger may truncate a follower below its commit point (a new leader reuses a compare index left
      // from an earlier term) and push the same entries again; only entries it holds are compared.
      for (let i = Math.max(log.beginIndex(), 0); i <= Math.min(c, log.endIndex()); i++) {
        const e = log.get(i)!
        const key = `${e.term}:${text(e.body)}`
        const known = this.committed.get(i)
        if (known === undefined) this.committed.set(i, key)
        else if (known !== key) throw new InvariantViolation(`state-machine safety: ${id} committed ${key} at ${i}, another node committed ${known}`)
      }
    }
  }
}
