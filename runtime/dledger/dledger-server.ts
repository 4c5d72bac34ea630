/**
 * The I/O shell around the raft core (DLedgerServer): ticks the core every 10 ms (DLedger's state-maintainer
 * period), hands its messages to the RPC side (dledger-rpc-service.ts, DLedgerRpcNettyService), persists the
 * term file before sending anything, flushes the entry files every 10 ms and writes the checkpoint every 3 s.
 */
import type {Logger} from '../common/logger.js'
import {scheduleWithFixedDelay, type Timers} from '../common/timers.js'
import {RaftNode, type ProposeResult, type RaftStatus} from '../raft/raft-node.js'
import {Code, type RaftRole, type Ready} from '../raft/raft-types.js'
import type {DLedgerSettings} from './dledger-config.js'
import {DLedgerRpcService} from './dledger-rpc-service.js'
import {DLedgerMmapFileStore, type AppendHook} from './store/dledger-mmap-file-store.js'
import {loadCheckpoint, loadTermState, saveCheckpoint, saveTermState} from './store/dledger-state-files.js'

/** The core's tick, as DLedger's StateMaintainer loop. */
export const TICK_MS = 10
const FLUSH_INTERVAL_MS = 10
const CHECKPOINT_INTERVAL_MS = 3000

/** The outcome of an append, as DLedgerServer.handleAppend's future completes it. */
export interface AppendOutcome {
  readonly code: number
  readonly index: number
  readonly pos: number
}

/** One DLedger member. */
export class DLedgerServer {
  readonly store: DLedgerMmapFileStore
  private node: RaftNode | undefined
  private readonly rpc: DLedgerRpcService
  private readonly pendingAppends = new Map<string, (o: AppendOutcome) => void>()
  private readonly roleListeners: Array<(term: number, role: RaftRole) => void> = []
  private readonly commitListeners: Array<(committedIndex: number) => void> = []
  private readonly stops: Array<() => void> = []
  private lastTermSaved = ''
  private running = false
  private lastRoleLogged = ''

  constructor(
    readonly settings: DLedgerSettings,
    private readonly timers: Timers,
    private readonly logger: Logger,
    appendHook?: AppendHook,
  ) {
    this.store = new DLedgerMmapFileStore({
      baseDir: settings.baseDir,
      dataDir: settings.dataDir,
      dataFileSize: settings.dataFileSize,
      appendHook,
      now: () => timers.now(),
    })
    this.rpc = new DLedgerRpcService(
      settings,
      {running: () => this.running, status: () => this.core.status(), step: (m) => this.apply(this.core.step(m)), store: this.store},
      timers,
      logger,
    )
  }

  /** Recovers the entry log, loads term and checkpoint; does not elect or serve yet (see startup()). */
  open(): void {
    const report = this.store.open()
    this.logger.info(`dledger log recovered: begin ${report.beginIndex}, end ${report.endIndex}${report.tornTail ? ', a torn tail was cut' : ''}`)
    const term = loadTermState(this.settings.baseDir)
    const checkpoint = loadCheckpoint(this.settings.baseDir)
    const s = this.settings
    this.node = new RaftNode(
      {
        selfId: s.selfId,
        peers: s.peers.map((p) => p.id),
        tickMs: TICK_MS,
        random: (n) => Math.floor(Math.random() * n),
        heartBeatTimeIntervalMs: s.heartBeatTimeIntervalMs,
        maxHeartBeatLeak: s.maxHeartBeatLeak,
        minVoteIntervalMs: s.minVoteIntervalMs,
        maxVoteIntervalMs: s.maxVoteIntervalMs,
        preferredLeaderIds: s.preferredLeaderIds,
        term: term.term,
        voteFor: term.voteFor,
        committedIndex: checkpoint.committedIndex,
        firstRid: Math.floor(Math.random() * 1_000_000_000),
      },
      this.store,
    )
    this.lastTermSaved = `${term.term}:${term.voteFor ?? ''}`
  }

  /** Binds the raft port and starts ticking (DLedgerServer.startup). */
  async startup(): Promise<void> {
    await this.rpc.listen()
    this.running = true
    this.stops.push(scheduleWithFixedDelay(this.timers, () => this.apply(this.core.tick()), TICK_MS, TICK_MS))
    this.stops.push(scheduleWithFixedDelay(this.timers, () => this.store.flush(), FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS))
    this.stops.push(scheduleWithFixedDelay(this.timers, () => this.checkpoint(), CHECKPOINT_INTERVAL_MS, CHECKPOINT_INTERVAL_MS))
    this.stops.push(scheduleWithFixedDelay(this.timers, () => this.rpc.expireInbound(), 1000, 1000))
  }

  /** Stops serving, writes the checkpoint and closes the files. */
  async shutdown(): Promise<void> {
    if (!this.node) return
    this.running = false
    for (const stop of this.stops.splice(0)) stop()
    await this.rpc.close()
    this.checkpoint()
    this.store.close()
    this.node = undefined
  }

  private get core(): RaftNode {
    if (!this.node) throw new Error('DLedger server not open')
    return this.node
  }

  /** Hears role changes (DLedgerLeaderElector's RoleChangeHandler). */
  onRoleChange(listener: (term: number, role: RaftRole) => void): void {
    this.roleListeners.push(listener)
  }

  /** Hears each advance of the committed index. */
  onCommitted(listener: (committedIndex: number) => void): void {
    this.commitListeners.push(listener)
  }

  /** The member's raft state. */
  status(): RaftStatus {
    return this.core.status()
  }

  /** Committed index, bounded by the log end (a follower may briefly hold a commit point past it). */
  committedIndex(): number {
    return Math.min(this.core.status().committedIndex, this.store.endIndex())
  }

  /**
   * Appends `body` as leader (DLedgerServer.handleAppend): synchronously written or refused with a DLedger
   * code; `done` resolves when the append is acknowledged (SUCCESS) or given up on (WAIT_QUORUM_ACK_TIMEOUT,
   * TERM_CHANGED). A leader that loses leadership leaves it pending, as DLedger does.
   */
  append(body: Uint8Array): {ok: true; index: number; pos: number; done: Promise<AppendOutcome>} | {ok: false; code: number} {
    if (!this.running) return {ok: false, code: Code.NOT_LEADER}
    let result: ProposeResult
    let ready: Ready
    try {
      ;({result, ready} = this.core.propose(body))
    } catch (error) {
      this.logger.error('appending to the DLedger log failed', error)
      return {ok: false, code: Code.DISK_ERROR}
    }
    if (!result.ok) return {ok: false, code: result.code}
    const {entry} = result
    const done = new Promise<AppendOutcome>((resolve) => this.pendingAppends.set(`${entry.term}:${entry.index}`, resolve))
    this.apply(ready)
    return {ok: true, index: entry.index, pos: entry.pos, done}
  }

  /** Asks this member, as leader, to hand leadership over (LEADERSHIP_TRANSFER). */
  transferLeadership(transfereeId: string): Promise<number> {
    return new Promise((resolve) => this.apply(this.core.transferLeadership(transfereeId, resolve)))
  }

  private checkpoint(): void {
    if (!this.node) return
    try {
      saveCheckpoint(this.settings.baseDir, {endIndex: this.store.endIndex(), committedIndex: this.core.status().committedIndex})
    } catch (error) {
      this.logger.error('writing the DLedger checkpoint failed', error)
    }
  }

  // ---- applying the core's output --------------------------------------------------------------------

  private apply(ready: Ready): void {
    if (ready.hardState) {
      const key = `${ready.hardState.term}:${ready.hardState.voteFor ?? ''}`
      if (key !== this.lastTermSaved) {
        saveTermState(this.settings.baseDir, ready.hardState)
        this.lastTermSaved = key
      }
    }
    for (const m of ready.messages) this.rpc.send(m)
    if (ready.committedIndex !== undefined) for (const l of this.commitListeners) l(ready.committedIndex)
    for (const ack of ready.acks) {
      const key = `${ack.term}:${ack.index}`
      const resolve = this.pendingAppends.get(key)
      if (!resolve) continue
      this.pendingAppends.delete(key)
      resolve({code: ack.code, index: ack.index, pos: ack.pos ?? -1})
    }
    for (const rc of ready.roleChanges) {
      const key = `${rc.role}@${rc.term}`
      if (key !== this.lastRoleLogged) this.logger.info(`dledger ${this.settings.selfId}: ${rc.role} in term ${rc.term}`)
      this.lastRoleLogged = key
      for (const l of this.roleListeners) l(rc.term, rc.role)
    }
  }
}
