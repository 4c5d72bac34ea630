/**
 * The follower half of DLedgerEntryPusher 0.3.1.2 (EntryHandler): APPEND pushes are parked by index and
 * applied strictly in order at the log end + 1; COMPARE, TRUNCATE and COMMIT are handled at once while
 * this node is FOLLOWER and answered NOT_FOLLOWER otherwise. Once a second, parked pushes already covered
 * by the log are answered by comparison, and the oldest timed-out one that cannot be applied is answered
 * INCONSISTENT_STATE so the leader compares again.
 *
 * Deliberate difference from textbook raft (§5.3): an append is accepted when its index is the log end + 1
 * and its term and leader are this node's current ones; there is no check of the previous entry's term. The
 * leader's COMPARE/TRUNCATE at the start of every term is what makes the logs match.
 */
import type {RaftNode} from './raft-node.js'
import {sameEntry} from './raft-log.js'
import {Code, type PushRequest} from './raft-types.js'

/** EntryHandler's per-push timeout (TimeoutFuture(1000)). */
const PUSH_TIMEOUT_MS = 1000
/** How often parked pushes are checked (checkAbnormalFuture). */
const ABNORMAL_CHECK_MS = 1000
/**
 * Upper bound on parked pushes. DLedger has none (its leader keeps at most 1000 in flight); mqlab answers
 * PUSH_REQUEST_IS_FULL (421) beyond it so a misbehaving peer cannot grow memory without bound.
 */
const MAX_PARKED = 20000
const PUSH_REQUEST_IS_FULL = 421

interface Parked {
  readonly req: PushRequest
  readonly at: number
  answered: boolean
}

/** Follower-side replication state of one node. */
export class FollowerReplication {
  private readonly parked = new Map<number, Parked>()
  private lastAbnormalCheck = 0

  constructor(private readonly node: RaftNode) {}

  /** handlePush. */
  onPush(req: PushRequest): void {
    const node = this.node
    switch (req.type) {
      case 'APPEND': {
        if (!req.entry) return this.respond(req, Code.UNEXPECTED_ARGUMENT)
        const index = req.entry.index
        if (this.parked.has(index)) return this.respond(req, Code.REPEATED_PUSH)
        if (this.parked.size >= MAX_PARKED) return this.respond(req, PUSH_REQUEST_IS_FULL)
        this.parked.set(index, {req, at: node.now, answered: false})
        break
      }
      case 'COMMIT':
        if (node.role !== 'FOLLOWER') return this.respond(req, Code.NOT_FOLLOWER)
        node.updateCommittedIndex(req.term, req.commitIndex)
        this.respond(req, Code.SUCCESS)
        break
      case 'COMPARE':
      case 'TRUNCATE':
        if (!req.entry) return this.respond(req, Code.UNEXPECTED_ARGUMENT)
        // DLedger drops parked appends without answering them; the leader's RPCs time out.
        this.parked.clear()
        if (node.role !== 'FOLLOWER') return this.respond(req, Code.NOT_FOLLOWER)
        if (req.type === 'COMPARE') this.respond(req, sameEntry(req.entry, node.log.get(req.entry.index)) ? Code.SUCCESS : Code.INCONSISTENT_STATE)
        else this.truncate(req)
        break
      default:
        this.respond(req, Code.UNEXPECTED_ARGUMENT)
    }
    this.drain()
  }

  /** Periodic part. */
  onTick(): void {
    this.drain()
    if (this.node.role === 'FOLLOWER' && this.node.now - this.lastAbnormalCheck >= ABNORMAL_CHECK_MS) {
      this.lastAbnormalCheck = this.node.now
      this.checkAppendFuture()
    }
  }

  /** Answers a push as EntryHandler.buildResponse does. */
  respond(req: PushRequest, code: number): void {
    const log = this.node.log
    this.node.reply(req, {
      kind: 'pushResp',
      term: req.term,
      code,
      index: req.type === 'COMMIT' ? undefined : req.entry?.index,
      beginIndex: log.beginIndex(),
      endIndex: log.endIndex(),
    })
  }

  private drain(): void {
    const node = this.node
    while (node.role === 'FOLLOWER') {
      const next = node.log.endIndex() + 1
      const p = this.parked.get(next)
      if (!p) return
      this.parked.delete(next)
      const code = this.appendAsFollower(p.req)
      if (!p.answered) this.respond(p.req, code)
      if (code !== Code.SUCCESS) return
      node.updateCommittedIndex(p.req.term, p.req.commitIndex)
    }
  }

  /** DLedgerMmapFileStore.appendAsFollower: any failed check answers INCONSISTENT_STATE. */
  private appendAsFollower(req: PushRequest): number {
    const node = this.node
    const entry = req.entry!
    if (entry.index !== node.log.endIndex() + 1 || req.term !== node.term || req.leaderId !== node.leaderId) return Code.INCONSISTENT_STATE
    try {
      node.log.appendAsFollower(entry)
    } catch {
      return Code.INCONSISTENT_STATE
    }
    return Code.SUCCESS
  }

  private truncate(req: PushRequest): void {
    const node = this.node
    if (req.term !== node.term || req.leaderId !== node.leaderId) return this.respond(req, Code.INCONSISTENT_STATE)
    try {
      node.log.truncate(req.entry!)
    } catch {
      return this.respond(req, Code.INCONSISTENT_STATE)
    }
    this.respond(req, Code.SUCCESS)
    node.updateCommittedIndex(req.term, req.commitIndex)
  }

  private checkAppendFuture(): void {
    const node = this.node
    const end = node.log.endIndex()
    let minFastForward = Infinity
    for (const index of [...this.parked.keys()].sort((a, b) => a - b)) {
      const p = this.parked.get(index)!
      if (index <= end) {
        this.parked.delete(index)
        if (!p.answered) this.respond(p.req, sameEntry(p.req.entry, node.log.get(index)) ? Code.SUCCESS : Code.INCONSISTENT_STATE)
        continue
      }
      if (index === end + 1) return
      if (node.now - p.at < PUSH_TIMEOUT_MS) continue
      if (index < minFastForward) minFastForward = index
    }
    const p = this.parked.get(minFastForward)
    if (p && !p.answered) {
      p.answered = true
      this.respond(p.req, Code.INCONSISTENT_STATE)
    }
  }
}
