/**
 * The I/O shell around the raft core (DLedgerServer + DLedgerRpcNettyService): ticks the core every 10 ms
 * (DLedger's state-maintainer period), serves DLedger's RPCs on the port of this member's own dLegerPeers
 * entry, sends the core's requests over one remoting connection per peer, persists the term file before
 * sending anything, flushes the entry files every 10 ms and writes the checkpoint every 3 s.
 *
 * mqlab binds the host of its own dLegerPeers entry (DLedger binds every interface): a lab host is a
 * loopback address.
 */
import type {Logger} from '../common/logger.js'
import {scheduleWithFixedDelay, type Timers} from '../common/timers.js'
import {RaftNode, type ProposeResult, type RaftStatus} from '../raft/raft-node.js'
import {Code, type RaftMessage, type RaftRole, type Ready} from '../raft/raft-types.js'
import {createRequest, createResponse, type RemotingCommand} from '../remoting/remoting-command.js'
import {RemotingClient} from '../remoting/remoting-client.js'
import {RemotingServer} from '../remoting/remoting-server.js'
import {ResponseCode} from '../remoting/response-code.js'
import type {DLedgerSettings} from './dledger-config.js'
import {DLedgerRequestCode} from './protocol/dledger-request-code.js'
import * as wire from './protocol/dledger-messages.js'
import {DLedgerMmapFileStore, type AppendHook} from './store/dledger-mmap-file-store.js'
import {loadCheckpoint, loadTermState, saveCheckpoint, saveTermState} from './store/dledger-state-files.js'
import {DLedgerBodyError} from './protocol/fastjson.js'

/** The core's tick, as DLedger's StateMaintainer loop. */
export const TICK_MS = 10
const FLUSH_INTERVAL_MS = 10
const CHECKPOINT_INTERVAL_MS = 3000
/** Inbound requests the core never answers (DLedger drops such futures) are forgotten after this. */
const INBOUND_ANSWER_TIMEOUT_MS = 5000

/** The outcome of an append, as DLedgerServer.handleAppend's future completes it. */
export interface AppendOutcome {
  readonly code: number
  readonly index: number
  readonly pos: number
}

interface Inbound {
  readonly resolve: (cmd: RemotingCommand | undefined) => void
  readonly request: RemotingCommand
  readonly base: wire.BaseFields
  readonly since: number
  readonly pushType?: 'APPEND' | 'COMMIT' | 'COMPARE' | 'TRUNCATE'
}

/** One DLedger member. */
export class DLedgerServer {
  readonly store: DLedgerMmapFileStore
  private node: RaftNode | undefined
  private server: RemotingServer | undefined
  private readonly client: RemotingClient
  private readonly inbound = new Map<number, Inbound>()
  private readonly pendingAppends = new Map<string, (o: AppendOutcome) => void>()
  private readonly roleListeners: Array<(term: number, role: RaftRole) => void> = []
  private readonly commitListeners: Array<(committedIndex: number) => void> = []
  private readonly stops: Array<() => void> = []
  private nextInboundRid = 1
  private lastTermSaved = ''
  private running = false
  private lastRoleLogged = ''

  constructor(
    readonly settings: DLedgerSettings,
    private readonly timers: Timers,
    private readonly logger: Logger,
    appendHook?: AppendHook,
  ) {
    this.store = new DLedgerMmapFileStore({baseDir: settings.baseDir, dataDir: settings.dataDir, dataFileSize: settings.dataFileSize, appendHook, now: () => timers.now()})
    this.client = new RemotingClient({logger: logger.child('client')})
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
    const self = this.settings.peers.find((p) => p.id === this.settings.selfId)!
    const server = new RemotingServer({host: self.host, port: self.port, name: `${this.settings.group} DLedger ${self.id} (dLegerPeers)`, logger: this.logger.child('rpc')})
    for (const code of Object.values(DLedgerRequestCode)) server.registerProcessor(code, (req) => this.onRequest(req))
    await server.listen()
    this.server = server
    this.running = true
    this.stops.push(scheduleWithFixedDelay(this.timers, () => this.apply(this.core.tick()), TICK_MS, TICK_MS))
    this.stops.push(scheduleWithFixedDelay(this.timers, () => this.store.flush(), FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS))
    this.stops.push(scheduleWithFixedDelay(this.timers, () => this.checkpoint(), CHECKPOINT_INTERVAL_MS, CHECKPOINT_INTERVAL_MS))
    this.stops.push(scheduleWithFixedDelay(this.timers, () => this.expireInbound(), 1000, 1000))
  }

  /** Stops serving, writes the checkpoint and closes the files. */
  async shutdown(): Promise<void> {
    if (!this.node) return
    this.running = false
    for (const stop of this.stops.splice(0)) stop()
    await this.server?.close()
    await this.client.close()
    for (const i of this.inbound.values()) i.resolve(undefined)
    this.inbound.clear()
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
    for (const m of ready.messages) this.send(m)
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

  private peerAddr(id: string): string | undefined {
    const p = this.settings.peers.find((x) => x.id === id)
    return p ? `${p.host}:${p.port}` : undefined
  }

  private send(m: RaftMessage): void {
    const group = this.settings.group
    switch (m.kind) {
      case 'vote':
        return this.request(m, DLedgerRequestCode.VOTE, wire.encodeVoteRequest(group, m), (b) => ({kind: 'voteResp', ...wire.decodeVoteResponse(b)}))
      case 'heartBeat':
        return this.request(m, DLedgerRequestCode.HEART_BEAT, wire.encodeHeartBeatRequest(group, m), (b) => ({kind: 'heartBeatResp', ...wire.decodeHeartBeatResponse(b)}))
      case 'push':
        return this.request(m, DLedgerRequestCode.PUSH, wire.encodePushRequest(group, m), (b) => ({kind: 'pushResp', ...wire.decodePushResponse(b)}))
      case 'transfer':
        return this.request(m, DLedgerRequestCode.LEADERSHIP_TRANSFER, wire.encodeTransferRequest(group, m), (b) => ({kind: 'transferResp', ...wire.decodeTransferResponse(b)}))
      default:
        return this.answer(m)
    }
  }

  private request(m: RaftMessage, code: number, body: Buffer, decode: (b: Buffer | undefined) => Record<string, unknown>): void {
    const addr = this.peerAddr(m.to)
    if (!addr) return
    this.client.invoke(addr, createRequest(code, undefined, body), 3000).then(
      (resp) => {
        if (!this.running) return
        let answer: RaftMessage
        try {
          answer = {...decode(resp.body), from: m.to, to: m.from, rid: m.rid} as unknown as RaftMessage
        } catch (error) {
          if (!(error instanceof DLedgerBodyError)) throw error
          this.logger.warn(`unreadable DLedger answer from ${m.to} (code ${resp.code}): ${error.message}`)
          return
        }
        this.apply(this.core.step(answer))
      },
      // Timeouts and connection errors: the core times the request out by itself.
      () => undefined,
    )
  }

  private answer(m: RaftMessage): void {
    const pending = this.inbound.get(m.rid)
    if (!pending) return
    this.inbound.delete(m.rid)
    let body: Buffer
    switch (m.kind) {
      case 'voteResp':
        body = wire.encodeVoteResponse(pending.base, m)
        break
      case 'heartBeatResp':
        body = wire.encodeHeartBeatResponse(m)
        break
      case 'pushResp':
        body = wire.encodePushResponse(pending.base.group, m, pending.pushType ?? 'APPEND', 1)
        break
      case 'transferResp':
        body = wire.encodeTransferResponse(m)
        break
      default:
        return
    }
    pending.resolve(createResponse(pending.request, Code.SUCCESS, undefined, undefined, body))
  }

  private expireInbound(): void {
    const now = this.timers.now()
    for (const [rid, i] of this.inbound) {
      if (now - i.since > INBOUND_ANSWER_TIMEOUT_MS) {
        this.inbound.delete(rid)
        i.resolve(undefined)
      }
    }
  }

  // ---- serving ----------------------------------------------------------------------------------------

  private onRequest(req: RemotingCommand): Promise<RemotingCommand | undefined> | RemotingCommand {
    if (!this.running) return createResponse(req, ResponseCode.SYSTEM_ERROR, 'DLedger server is shutting down')
    try {
      return this.dispatch(req)
    } catch (error) {
      if (!(error instanceof DLedgerBodyError)) throw error
      // DLedgerRpcNettyService answers a request it cannot parse with SYSTEM_ERROR and no body.
      return createResponse(req, ResponseCode.SYSTEM_ERROR, error.message)
    }
  }

  private dispatch(req: RemotingCommand): Promise<RemotingCommand | undefined> | RemotingCommand {
    const rid = this.nextInboundRid++
    switch (req.code) {
      case DLedgerRequestCode.VOTE:
        return this.toCore(req, wire.decodeVoteRequest(req.body, rid))
      case DLedgerRequestCode.HEART_BEAT:
        return this.toCore(req, wire.decodeHeartBeatRequest(req.body, rid))
      case DLedgerRequestCode.PUSH:
        return this.toCore(req, wire.decodePushRequest(req.body, rid))
      case DLedgerRequestCode.LEADERSHIP_TRANSFER:
        return this.toCore(req, wire.decodeTransferRequest(req.body, rid))
      case DLedgerRequestCode.METADATA: {
        const s = this.core.status()
        const peers = Object.fromEntries(this.settings.peers.map((p) => [p.id, `${p.host}:${p.port}`]))
        return createResponse(req, Code.SUCCESS, undefined, undefined, wire.encodeMetadataResponse(this.settings.group, s.term, s.leaderId, peers))
      }
      case DLedgerRequestCode.GET: {
        const {beginIndex} = wire.decodeGetEntriesRequest(req.body)
        const s = this.core.status()
        if (s.role !== 'LEADER') return createResponse(req, Code.SUCCESS, undefined, undefined, wire.encodeGetEntriesResponse(this.settings.group, Code.NOT_LEADER, s.term, s.leaderId, []))
        const e = this.store.get(beginIndex)
        return createResponse(req, Code.SUCCESS, undefined, undefined, wire.encodeGetEntriesResponse(this.settings.group, e ? Code.SUCCESS : 410, s.term, s.leaderId, e ? [e] : []))
      }
      case DLedgerRequestCode.APPEND: {
        // A broker's log holds RocketMQ messages only: mqlab refuses raw client appends (a Java broker would
        // store them and then fail to dispatch them).
        const s = this.core.status()
        return createResponse(req, Code.SUCCESS, undefined, undefined, wire.encodeAppendEntryResponse(this.settings.group, 303, s.term, s.leaderId, -1, -1))
      }
      default:
        // PULL: not implemented in DLedger 0.3.1.2 (its handler returns null → SYSTEM_ERROR).
        return createResponse(req, ResponseCode.SYSTEM_ERROR, 'PULL is not implemented')
    }
  }

  private toCore(req: RemotingCommand, decoded: wire.DecodedRequest<RaftMessage & {rid: number}>): Promise<RemotingCommand | undefined> | RemotingCommand {
    const {base, msg} = decoded
    const fail = (code: number) => createResponse(req, Code.SUCCESS, undefined, undefined, wire.encodeCheckFailure(base, code, this.core.status().leaderId))
    if (base.remoteId !== this.settings.selfId) return fail(Code.UNKNOWN_MEMBER)
    if (base.group !== this.settings.group) return fail(Code.UNKNOWN_GROUP)
    const promise = new Promise<RemotingCommand | undefined>((resolve) =>
      this.inbound.set(msg.rid, {resolve, request: req, base, since: this.timers.now(), pushType: msg.kind === 'push' ? msg.type : undefined}),
    )
    this.apply(this.core.step(msg))
    return promise
  }
}
