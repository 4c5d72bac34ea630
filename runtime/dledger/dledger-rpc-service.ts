/**
 * The RPC side of a DLedger member (DLedgerRpcNettyService): serves DLedger's requests on the port of this
 * member's own dLegerPeers entry and hands them to the raft core, answers them when the core does, and sends
 * the core's requests over one remoting connection per peer, feeding the answers back to the core.
 *
 * mqlab binds the host of its own dLegerPeers entry (DLedger binds every interface): a lab host is a
 * loopback address.
 */
import type {Logger} from '../common/logger.js'
import type {Timers} from '../common/timers.js'
import type {RaftStatus} from '../raft/raft-node.js'
import {Code, type RaftMessage} from '../raft/raft-types.js'
import {createRequest, createResponse, type RemotingCommand} from '../remoting/remoting-command.js'
import {RemotingClient} from '../remoting/remoting-client.js'
import {RemotingServer} from '../remoting/remoting-server.js'
import {ResponseCode} from '../remoting/response-code.js'
import type {DLedgerSettings} from './dledger-config.js'
import {DLedgerRequestCode} from './protocol/dledger-request-code.js'
import * as wire from './protocol/dledger-messages.js'
import {DLedgerBodyError} from './protocol/fastjson.js'
import type {DLedgerMmapFileStore} from './store/dledger-mmap-file-store.js'

/** Inbound requests the core never answers (DLedger drops such futures) are forgotten after this. */
const INBOUND_ANSWER_TIMEOUT_MS = 5000

interface Inbound {
  readonly resolve: (cmd: RemotingCommand | undefined) => void
  readonly request: RemotingCommand
  readonly base: wire.BaseFields
  readonly since: number
  readonly pushType?: 'APPEND' | 'COMMIT' | 'COMPARE' | 'TRUNCATE'
}

/** What the RPC side needs of its member. */
export interface RpcMember {
  /** False once the member shuts down: late answers and new requests are then ignored or refused. */
  readonly running: () => boolean
  readonly status: () => RaftStatus
  /** Steps the raft core with a message and applies its output. */
  readonly step: (m: RaftMessage) => void
  readonly store: DLedgerMmapFileStore
}

/** Serves and sends DLedger's RPCs for one member. */
export class DLedgerRpcService {
  private server: RemotingServer | undefined
  private readonly client: RemotingClient
  private readonly inbound = new Map<number, Inbound>()
  private nextInboundRid = 1

  constructor(
    private readonly settings: DLedgerSettings,
    private readonly member: RpcMember,
    private readonly timers: Timers,
    private readonly logger: Logger,
  ) {
    this.client = new RemotingClient({logger: logger.child('client')})
  }

  /** Binds the raft port of this member's own dLegerPeers entry. */
  async listen(): Promise<void> {
    const self = this.settings.peers.find((p) => p.id === this.settings.selfId)!
    const server = new RemotingServer({
      host: self.host,
      port: self.port,
      name: `${this.settings.group} DLedger ${self.id} (dLegerPeers)`,
      logger: this.logger.child('rpc'),
    })
    for (const code of Object.values(DLedgerRequestCode)) server.registerProcessor(code, (req) => this.onRequest(req))
    await server.listen()
    this.server = server
  }

  /** Stops serving and sending; requests still waiting for the core get no answer. */
  async close(): Promise<void> {
    await this.server?.close()
    await this.client.close()
    for (const i of this.inbound.values()) i.resolve(undefined)
    this.inbound.clear()
  }

  // ---- sending the core's messages --------------------------------------------------------------------

  private peerAddr(id: string): string | undefined {
    const p = this.settings.peers.find((x) => x.id === id)
    return p ? `${p.host}:${p.port}` : undefined
  }

  /** Sends a request of the core to its peer, or answers a request the core was handed. */
  send(m: RaftMessage): void {
    const group = this.settings.group
    switch (m.kind) {
      case 'vote':
        return this.request(m, DLedgerRequestCode.VOTE, wire.encodeVoteRequest(group, m), (b) => ({kind: 'voteResp', ...wire.decodeVoteResponse(b)}))
      case 'heartBeat':
        return this.request(m, DLedgerRequestCode.HEART_BEAT, wire.encodeHeartBeatRequest(group, m), (b) => ({
          kind: 'heartBeatResp',
          ...wire.decodeHeartBeatResponse(b),
        }))
      case 'push':
        return this.request(m, DLedgerRequestCode.PUSH, wire.encodePushRequest(group, m), (b) => ({kind: 'pushResp', ...wire.decodePushResponse(b)}))
      case 'transfer':
        return this.request(m, DLedgerRequestCode.LEADERSHIP_TRANSFER, wire.encodeTransferRequest(group, m), (b) => ({
          kind: 'transferResp',
          ...wire.decodeTransferResponse(b),
        }))
      default:
        return this.answer(m)
    }
  }

  private request(m: RaftMessage, code: number, body: Buffer, decode: (b: Buffer | undefined) => Record<string, unknown>): void {
    const addr = this.peerAddr(m.to)
    if (!addr) return
    this.client.invoke(addr, createRequest(code, undefined, body), 3000).then(
      (resp) => {
        if (!this.member.running()) return
        let answer: RaftMessage
        try {
          answer = {...decode(resp.body), from: m.to, to: m.from, rid: m.rid} as unknown as RaftMessage
        } catch (error) {
          if (!(error instanceof DLedgerBodyError)) throw error
          this.logger.warn(`unreadable DLedger answer from ${m.to} (code ${resp.code}): ${error.message}`)
          return
        }
        this.member.step(answer)
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

  /** Forgets inbound requests the core has not answered in time. */
  expireInbound(): void {
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
    if (!this.member.running()) return createResponse(req, ResponseCode.SYSTEM_ERROR, 'DLedger server is shutting down')
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
        const s = this.member.status()
        const peers = Object.fromEntries(this.settings.peers.map((p) => [p.id, `${p.host}:${p.port}`]))
        return createResponse(req, Code.SUCCESS, undefined, undefined, wire.encodeMetadataResponse(this.settings.group, s.term, s.leaderId, peers))
      }
      case DLedgerRequestCode.GET: {
        const {beginIndex} = wire.decodeGetEntriesRequest(req.body)
        const s = this.member.status()
        if (s.role !== 'LEADER')
          return createResponse(
            req,
            Code.SUCCESS,
            undefined,
            undefined,
            wire.encodeGetEntriesResponse(this.settings.group, Code.NOT_LEADER, s.term, s.leaderId, []),
          )
        const e = this.member.store.get(beginIndex)
        return createResponse(
          req,
          Code.SUCCESS,
          undefined,
          undefined,
          wire.encodeGetEntriesResponse(this.settings.group, e ? Code.SUCCESS : 410, s.term, s.leaderId, e ? [e] : []),
        )
      }
      case DLedgerRequestCode.APPEND: {
        // A broker's log holds RocketMQ messages only: mqlab refuses raw client appends (a Java broker would
        // store them and then fail to dispatch them).
        const s = this.member.status()
        return createResponse(req, Code.SUCCESS, undefined, undefined, wire.encodeAppendEntryResponse(this.settings.group, 303, s.term, s.leaderId, -1, -1))
      }
      default:
        // PULL: not implemented in DLedger 0.3.1.2 (its handler returns null → SYSTEM_ERROR).
        return createResponse(req, ResponseCode.SYSTEM_ERROR, 'PULL is not implemented')
    }
  }

  private toCore(req: RemotingCommand, decoded: wire.DecodedRequest<RaftMessage & {rid: number}>): Promise<RemotingCommand | undefined> | RemotingCommand {
    const {base, msg} = decoded
    const fail = (code: number) => createResponse(req, Code.SUCCESS, undefined, undefined, wire.encodeCheckFailure(base, code, this.member.status().leaderId))
    if (base.remoteId !== this.settings.selfId) return fail(Code.UNKNOWN_MEMBER)
    if (base.group !== this.settings.group) return fail(Code.UNKNOWN_GROUP)
    const promise = new Promise<RemotingCommand | undefined>((resolve) =>
      this.inbound.set(msg.rid, {resolve, request: req, base, since: this.timers.now(), pushType: msg.kind === 'push' ? msg.type : undefined}),
    )
    this.member.step(msg)
    return promise
  }
}
