/**
 * N raft cores in memory with a scripted or randomized network: messages are queued with a delivery
 * tick, and the test decides about loss, duplication, delay (reordering), partitions (directed, so
 * asymmetric ones too), crashes and restarts. Every event is written to `trace` so a failing run can be
 * read (and replayed from its seed).
 */
import {RaftNode} from '../../../runtime/raft/raft-node.js'
import {MemoryRaftLog, type RaftLog} from '../../../runtime/raft/raft-log.js'
import type {RaftConfig} from '../../../runtime/raft/raft-config.js'
import type {AppendAck, HardState, RaftMessage, Ready} from '../../../runtime/raft/raft-types.js'
import {Prng} from './prng.js'

/** What survives a crash: the log (DLedger writes into mapped files), the currterm file and the checkpoint. */
interface Disk {
  readonly log: MemoryRaftLog | RaftLog
  hard: HardState
  checkpointCommitted: number
}

interface InFlight {
  readonly at: number
  readonly seq: number
  readonly msg: RaftMessage
}

/** Options of a cluster. */
export interface ClusterOptions {
  readonly ids?: string[]
  readonly tickMs?: number
  readonly seed?: number
  /** Overrides of the raft timings (all DLedger's defaults otherwise). */
  readonly timings?: Partial<RaftConfig>
  readonly preferredLeaderIds?: string[]
  /** Each member's log (in memory by default). */
  readonly logFor?: (id: string) => RaftLog
}

/** Listener for the invariant checker. */
export interface ClusterObserver {
  onReady(node: string, ready: Ready, cluster: RaftCluster): void
  afterStep(cluster: RaftCluster): void
}

/** The simulated group. */
export class RaftCluster {
  readonly ids: string[]
  readonly nodes = new Map<string, RaftNode | undefined>()
  readonly disks = new Map<string, Disk>()
  private readonly lines: (string | {t: number; what: string; msg: RaftMessage})[] = []
  readonly rng: Prng
  readonly acks: (AppendAck & {node: string})[] = []
  now = 0
  /** Directed links that drop everything: `a>b`. */
  readonly cut = new Set<string>()
  loss = 0
  duplicate = 0
  maxDelayTicks = 0
  /**
   * Each directed link delivers in send order, as DLedger's one TCP connection per peer does; delays still
   * reorder messages across links. With false, messages on one link overtake each other too — DLedger is
   * not safe under that (see the "stale COMPARE answer" test).
   */
  fifoLinks = true
  private readonly linkTail = new Map<string, number>()
  observer: ClusterObserver | undefined
  private queue: InFlight[] = []
  private seq = 0
  private incarnation = 0
  private readonly tickMs: number

  constructor(private readonly options: ClusterOptions = {}) {
    this.ids = options.ids ?? ['n0', 'n1', 'n2']
    this.tickMs = options.tickMs ?? 10
    this.rng = new Prng(options.seed ?? 1)
    for (const id of this.ids) {
      this.disks.set(id, {log: options.logFor?.(id) ?? new MemoryRaftLog(), hard: {term: 0, voteFor: null}, checkpointCommitted: -1})
      this.start(id)
    }
  }

  /** Starts (or restarts) a node from its disk. */
  start(id: string): void {
    const disk = this.disks.get(id)!
    const node = new RaftNode(
      {
        selfId: id,
        peers: this.ids,
        tickMs: this.tickMs,
        random: (n) => this.rng.int(n),
        term: disk.hard.term,
        voteFor: disk.hard.voteFor,
        committedIndex: disk.checkpointCommitted,
        firstRid: ++this.incarnation * 1_000_000,
        preferredLeaderIds: this.options.preferredLeaderIds,
        ...this.options.timings,
      },
      disk.log,
    )
    this.nodes.set(id, node)
    this.log(`start ${id} term=${disk.hard.term} vote=${disk.hard.voteFor ?? '-'} end=${disk.log.endIndex()} committed=${node.status().committedIndex}`)
  }

  /** Kills a node: what it had not persisted is gone, messages to it are dropped. */
  crash(id: string): void {
    this.nodes.set(id, undefined)
    this.log(`crash ${id}`)
  }

  node(id: string): RaftNode {
    const n = this.nodes.get(id)
    if (!n) throw new Error(`${id} is down`)
    return n
  }

  alive(id: string): boolean {
    return this.nodes.get(id) !== undefined
  }

  /** Lines kept in `trace` (the most recent); Infinity for a replay. */
  traceLimit = 2000

  log(line: string): void {
    this.record(`t=${this.now} ${line}`)
  }

  /** Messages are rendered only when the trace is read. */
  private logMessage(what: string, msg: RaftMessage): void {
    this.record({t: this.now, what, msg})
  }

  private record(line: string | {t: number; what: string; msg: RaftMessage}): void {
    this.lines.push(line)
    if (this.lines.length > this.traceLimit * 2) this.lines.splice(0, this.lines.length - this.traceLimit)
  }

  /** The trace as text lines. */
  get trace(): string[] {
    return this.lines.map((l) => (typeof l === 'string' ? l : `t=${l.t} ${l.what} ${describe(l.msg)}`))
  }

  /** Applies a Ready: persist hard state, queue messages, record acks and commits. */
  apply(id: string, ready: Ready): void {
    const disk = this.disks.get(id)!
    if (ready.hardState) disk.hard = ready.hardState
    for (const rc of ready.roleChanges) this.log(`${id} role ${rc.role} term=${rc.term}`)
    if (ready.committedIndex !== undefined) this.log(`${id} committed ${ready.committedIndex}`)
    for (const ack of ready.acks) {
      this.acks.push({...ack, node: id})
      this.log(`${id} ack index=${ack.index} term=${ack.term} code=${ack.code}`)
    }
    this.observer?.onReady(id, ready, this)
    for (const msg of ready.messages) this.enqueue(msg)
  }

  private enqueue(msg: RaftMessage): void {
    if (this.cut.has(`${msg.from}>${msg.to}`) || (this.loss > 0 && this.rng.chance(this.loss))) {
      this.logMessage('drop', msg)
      return
    }
    const copies = this.duplicate > 0 && this.rng.chance(this.duplicate) ? 2 : 1
    for (let i = 0; i < copies; i++) {
      const delay = this.maxDelayTicks > 0 ? this.rng.int(this.maxDelayTicks + 1) : 0
      let at = this.now + delay
      if (this.fifoLinks) {
        const link = `${msg.from}>${msg.to}`
        at = Math.max(at, this.linkTail.get(link) ?? 0)
        this.linkTail.set(link, at)
      }
      this.queue.push({at, seq: this.seq++, msg})
    }
  }

  /** Delivers every message due now (in order of due tick, then send order). */
  deliver(): void {
    for (;;) {
      const due = this.queue.filter((m) => m.at <= this.now)
      if (due.length === 0) return
      this.queue = this.queue.filter((m) => m.at > this.now)
      due.sort((a, b) => a.at - b.at || a.seq - b.seq)
      for (const {msg} of due) {
        const to = this.nodes.get(msg.to)
        if (!to || this.cut.has(`${msg.from}>${msg.to}`)) continue
        this.logMessage('deliver', msg)
        this.apply(msg.to, to.step(msg))
        this.observer?.afterStep(this)
      }
    }
  }

  /** One tick of the whole cluster: every live node ticks, then due messages are delivered. */
  tick(): void {
    this.now++
    for (const id of this.ids) {
      const n = this.nodes.get(id)
      if (!n) continue
      this.apply(id, n.tick())
      this.observer?.afterStep(this)
    }
    this.deliver()
  }

  /** Ticks `n` times. */
  run(ticks: number): void {
    for (let i = 0; i < ticks; i++) this.tick()
  }

  /** Runs until `cond` holds or `maxTicks` pass; returns whether it held. */
  runUntil(cond: () => boolean, maxTicks: number): boolean {
    for (let i = 0; i < maxTicks; i++) {
      if (cond()) return true
      this.tick()
    }
    return cond()
  }

  /** Proposes on `id`; logs the outcome. */
  propose(id: string, body: string): boolean {
    const {result, ready} = this.node(id).propose(new TextEncoder().encode(body))
    this.log(`propose ${id} ${JSON.stringify(body)} -> ${result.ok ? `index ${result.entry.index}` : `code ${result.code}`}`)
    this.apply(id, ready)
    this.observer?.afterStep(this)
    return result.ok
  }

  /** Saves each node's checkpoint (DLedger writes it every 3 s). */
  checkpoint(): void {
    for (const id of this.ids) {
      const n = this.nodes.get(id)
      if (n) this.disks.get(id)!.checkpointCommitted = n.status().committedIndex
    }
  }

  /** Current leaders (by their own view). */
  leaders(): string[] {
    return this.ids.filter((id) => this.nodes.get(id)?.currentRole() === 'LEADER')
  }

  /** One line per node: role, term, leader, log end and commit point. */
  summary(): string {
    return this.ids
      .map((id) => {
        const n = this.nodes.get(id)
        if (!n) return `${id}: down`
        const s = n.status()
        return `${id}: ${s.role} term=${s.term} leader=${s.leaderId ?? '-'} vote=${s.voteFor ?? '-'} end=${s.endIndex} committed=${s.committedIndex}`
      })
      .join('\n')
  }
}

/** One-line rendering of a message for traces. */
export function describe(m: RaftMessage): string {
  const head = `${m.from}->${m.to} #${m.rid} ${m.kind}`
  switch (m.kind) {
    case 'vote':
      return `${head} term=${m.term} ledgerEnd=${m.ledgerEndIndex}@${m.ledgerEndTerm}`
    case 'voteResp':
      return `${head} term=${m.term} ${m.voteResult}`
    case 'heartBeat':
      return `${head} term=${m.term}`
    case 'heartBeatResp':
      return `${head} term=${m.term} code=${m.code}`
    case 'push':
      return `${head} ${m.type} term=${m.term} entry=${m.entry ? `${m.entry.index}@${m.entry.term}` : '-'} commit=${m.commitIndex}`
    case 'pushResp':
      return `${head} term=${m.term} code=${m.code} index=${m.index ?? '-'} range=${m.beginIndex}..${m.endIndex}`
    case 'transfer':
      return `${head} term=${m.term} ${m.transferId}=>${m.transfereeId} upto=${m.takeLeadershipLedgerIndex}`
    case 'transferResp':
      return `${head} term=${m.term} code=${m.code}`
  }
}

export type {Disk}
