/**
 * The JSON bodies of DLedger's RPCs (protocol/*.java of DLedger 0.3.1.2) to and from the raft core's
 * messages. Every body carries RequestOrResponse's base fields (`code`, `group`, `leaderId`, `localId`,
 * `remoteId`, `term`); answers travel with remoting code 200 and the real outcome in the body's `code`.
 *
 * Which fields an answer carries follows how DLedger builds it: a VoteResponse copies the request's base
 * fields; a successful HeartBeatResponse is a bare `{"code":200,"term":-1}`; PushEntryResponse has `group`,
 * `term` (the request's), `index` (absent for COMMIT), `count`, `beginIndex`, `endIndex`; errors raised
 * by DLedgerServer's member/group checks copy the request's base fields and set `leaderId`.
 */
import type {
  HeartBeatRequest,
  HeartBeatResponse,
  PushRequest,
  PushResponse,
  PushType,
  RaftEntry,
  TransferRequest,
  TransferResponse,
  VoteRequest,
  VoteResponse,
  VoteResult,
} from '../../raft/raft-types.js'
import {ENTRY_HEADER_SIZE, ENTRY_MAGIC} from '../store/dledger-entry-codec.js'
import {DLedgerBodyError, bytesField, longField, optionalLongField, parseBody, stringField, toFastjsonBytes, type FastjsonValue} from './fastjson.js'

/** RequestOrResponse's fields. */
export interface BaseFields {
  readonly code: number
  readonly group?: string
  readonly leaderId?: string
  readonly localId?: string
  readonly remoteId?: string
  readonly term: number
}

/** Reads the base fields (code defaults to 200, term to −1, as in Java). */
export function decodeBase(o: Record<string, unknown>): BaseFields {
  return {
    code: longField(o, 'code', 200),
    group: stringField(o, 'group'),
    leaderId: stringField(o, 'leaderId'),
    localId: stringField(o, 'localId'),
    remoteId: stringField(o, 'remoteId'),
    term: longField(o, 'term', -1),
  }
}

function base(b: BaseFields): Record<string, FastjsonValue> {
  return {code: b.code, group: b.group, leaderId: b.leaderId, localId: b.localId, remoteId: b.remoteId, term: b.term}
}

/** DLedgerEntry as JSON: exactly the stored header fields and the body. */
export function entryJson(e: RaftEntry): Record<string, FastjsonValue> {
  return {
    body: e.body,
    bodyCrc: 0,
    chainCrc: 0,
    channel: 0,
    index: e.index,
    magic: ENTRY_MAGIC,
    pos: e.pos,
    size: ENTRY_HEADER_SIZE + e.body.length,
    term: e.term,
  }
}

function decodeEntry(v: unknown): RaftEntry {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new DLedgerBodyError('entry is not an object')
  const o = v as Record<string, unknown>
  return {index: longField(o, 'index', -1), term: longField(o, 'term', -1), pos: longField(o, 'pos', -1), body: bytesField(o, 'body')}
}

// ---- requests ---------------------------------------------------------------------------------------

/** VoteRequest body: `leaderId` is the candidate. */
export function encodeVoteRequest(group: string, m: VoteRequest): Buffer {
  return toFastjsonBytes({
    ...base({code: 200, group, leaderId: m.from, localId: m.from, remoteId: m.to, term: m.term}),
    ledgerEndIndex: m.ledgerEndIndex,
    ledgerEndTerm: m.ledgerEndTerm,
  })
}

/** HeartBeatRequest body. */
export function encodeHeartBeatRequest(group: string, m: HeartBeatRequest): Buffer {
  return toFastjsonBytes(base({code: 200, group, leaderId: m.leaderId, localId: m.from, remoteId: m.to, term: m.term}))
}

/** PushEntryRequest body, with the computed getters fastjson writes (batch, count, first/lastEntryIndex, totalSize). */
export function encodePushRequest(group: string, m: PushRequest): Buffer {
  const index = m.entry ? m.entry.index : -1
  return toFastjsonBytes({
    ...base({code: 200, group, leaderId: m.leaderId, localId: m.from, remoteId: m.to, term: m.term}),
    batch: false,
    batchEntry: [],
    commitIndex: m.commitIndex,
    count: m.entry ? 1 : 0,
    entry: m.entry ? entryJson(m.entry) : undefined,
    firstEntryIndex: index,
    lastEntryIndex: index,
    totalSize: 0,
    type: m.type,
  })
}

/** LeadershipTransferRequest body. */
export function encodeTransferRequest(group: string, m: TransferRequest): Buffer {
  return toFastjsonBytes({
    ...base({code: 200, group, leaderId: m.leaderId, localId: m.from, remoteId: m.to, term: m.term}),
    takeLeadershipLedgerIndex: m.takeLeadershipLedgerIndex,
    transferId: m.transferId,
    transfereeId: m.transfereeId,
  })
}

/** A decoded request: its base fields (for the member and group checks) and the core message. */
export interface DecodedRequest<M> {
  readonly base: BaseFields
  readonly msg: M
}

const PUSH_TYPES: readonly PushType[] = ['APPEND', 'COMMIT', 'COMPARE', 'TRUNCATE']

/** Decodes a VOTE body; `from` is the candidate (`leaderId`). */
export function decodeVoteRequest(body: Uint8Array | undefined, rid: number): DecodedRequest<VoteRequest> {
  const o = parseBody(body)
  const b = decodeBase(o)
  return {
    base: b,
    msg: {
      kind: 'vote',
      from: b.leaderId ?? '',
      to: b.remoteId ?? '',
      rid,
      term: b.term,
      ledgerEndIndex: longField(o, 'ledgerEndIndex', -1),
      ledgerEndTerm: longField(o, 'ledgerEndTerm', -1),
    },
  }
}

/** Decodes a HEART_BEAT body. */
export function decodeHeartBeatRequest(body: Uint8Array | undefined, rid: number): DecodedRequest<HeartBeatRequest> {
  const b = decodeBase(parseBody(body))
  return {base: b, msg: {kind: 'heartBeat', from: b.localId ?? b.leaderId ?? '', to: b.remoteId ?? '', rid, term: b.term, leaderId: b.leaderId ?? ''}}
}

/** Decodes a PUSH body (a batch push is refused: mqlab peers never send one, see enableBatchPush). */
export function decodePushRequest(body: Uint8Array | undefined, rid: number): DecodedRequest<PushRequest> {
  const o = parseBody(body)
  const b = decodeBase(o)
  const type = stringField(o, 'type') ?? 'APPEND'
  if (!PUSH_TYPES.includes(type as PushType)) throw new DLedgerBodyError(`unknown push type ${type}`)
  if (Array.isArray(o.batchEntry) && o.batchEntry.length > 0) throw new DLedgerBodyError('batch pushes are not supported')
  const entry = o.entry === undefined || o.entry === null ? undefined : decodeEntry(o.entry)
  return {
    base: b,
    msg: {
      kind: 'push',
      from: b.localId ?? b.leaderId ?? '',
      to: b.remoteId ?? '',
      rid,
      term: b.term,
      leaderId: b.leaderId ?? '',
      type: type as PushType,
      entry,
      commitIndex: longField(o, 'commitIndex', -1),
    },
  }
}

/** Decodes a LEADERSHIP_TRANSFER body. */
export function decodeTransferRequest(body: Uint8Array | undefined, rid: number): DecodedRequest<TransferRequest> {
  const o = parseBody(body)
  const b = decodeBase(o)
  return {
    base: b,
    msg: {
      kind: 'transfer',
      from: b.localId ?? '',
      to: b.remoteId ?? '',
      rid,
      term: b.term,
      leaderId: b.leaderId,
      transferId: stringField(o, 'transferId') ?? '',
      transfereeId: stringField(o, 'transfereeId') ?? '',
      takeLeadershipLedgerIndex: longField(o, 'takeLeadershipLedgerIndex', 0),
    },
  }
}

// ---- responses --------------------------------------------------------------------------------------

/** VoteResponse body: the request's base fields, the responder's term and the result. */
export function encodeVoteResponse(request: BaseFields, m: Pick<VoteResponse, 'term' | 'voteResult'>): Buffer {
  return toFastjsonBytes({...base({...request, code: request.code, term: m.term}), voteResult: m.voteResult})
}

/** HeartBeatResponse body: `{"code":…,"term":…}`. */
export function encodeHeartBeatResponse(m: Pick<HeartBeatResponse, 'code' | 'term'>): Buffer {
  return toFastjsonBytes({code: m.code, term: m.term})
}

/** PushEntryResponse body. */
export function encodePushResponse(
  group: string | undefined,
  m: Pick<PushResponse, 'code' | 'term' | 'index' | 'beginIndex' | 'endIndex'>,
  type: PushType,
  entryCount: number,
): Buffer {
  return toFastjsonBytes({
    beginIndex: m.beginIndex,
    code: m.code,
    count: type === 'COMMIT' ? 0 : entryCount,
    endIndex: m.endIndex,
    group,
    index: type === 'COMMIT' ? undefined : m.index,
    term: m.term,
  })
}

/** LeadershipTransferResponse body: `{"code":…,"term":…}`, plus `leaderId` when given. */
export function encodeTransferResponse(m: Pick<TransferResponse, 'code' | 'term' | 'leaderId'>): Buffer {
  return toFastjsonBytes({code: m.code, leaderId: m.leaderId, term: m.term})
}

/** The answer DLedgerServer gives when its member or group check fails: the request's base, a code, the leader. */
export function encodeCheckFailure(request: BaseFields, code: number, leaderId: string | null): Buffer {
  return toFastjsonBytes(base({...request, code, leaderId: leaderId ?? undefined}))
}

/** Decodes a VoteResponse. */
export function decodeVoteResponse(body: Uint8Array | undefined): Pick<VoteResponse, 'term' | 'voteResult'> {
  const o = parseBody(body)
  return {term: longField(o, 'term', -1), voteResult: (stringField(o, 'voteResult') ?? 'UNKNOWN') as VoteResult}
}

/** Decodes a HeartBeatResponse. */
export function decodeHeartBeatResponse(body: Uint8Array | undefined): Pick<HeartBeatResponse, 'term' | 'code'> {
  const o = parseBody(body)
  return {term: longField(o, 'term', -1), code: longField(o, 'code', 200)}
}

/** Decodes a PushEntryResponse. */
export function decodePushResponse(body: Uint8Array | undefined): Pick<PushResponse, 'term' | 'code' | 'index' | 'beginIndex' | 'endIndex'> {
  const o = parseBody(body)
  return {
    term: longField(o, 'term', -1),
    code: longField(o, 'code', 200),
    index: optionalLongField(o, 'index'),
    beginIndex: longField(o, 'beginIndex', 0),
    endIndex: longField(o, 'endIndex', 0),
  }
}

/** Decodes a LeadershipTransferResponse. */
export function decodeTransferResponse(body: Uint8Array | undefined): Pick<TransferResponse, 'term' | 'code' | 'leaderId'> {
  const o = parseBody(body)
  return {term: longField(o, 'term', -1), code: longField(o, 'code', 200), leaderId: stringField(o, 'leaderId')}
}

// ---- client-facing RPCs (METADATA, GET, APPEND) -------------------------------------------------------

/** MetadataResponse: base fields plus `peers` (id → address). */
export function encodeMetadataResponse(group: string, term: number, leaderId: string | null, peers: Record<string, string>): Buffer {
  return toFastjsonBytes({...base({code: 200, group, leaderId: leaderId ?? undefined, term}), peers})
}

/** GetEntriesResponse: `entries` (the single entry at beginIndex) or an error code. */
export function encodeGetEntriesResponse(group: string, code: number, term: number, leaderId: string | null, entries: RaftEntry[]): Buffer {
  return toFastjsonBytes({...base({code, group, leaderId: leaderId ?? undefined, term}), entries: entries.map(entryJson)})
}

/** AppendEntryResponse: `index` and `pos` (−1 on failure). */
export function encodeAppendEntryResponse(group: string, code: number, term: number, leaderId: string | null, index: number, pos: number): Buffer {
  return toFastjsonBytes({...base({code, group, leaderId: leaderId ?? undefined, term}), index, pos})
}

/** Reads GetEntriesRequest's `beginIndex`. */
export function decodeGetEntriesRequest(body: Uint8Array | undefined): {base: BaseFields; beginIndex: number} {
  const o = parseBody(body)
  return {base: decodeBase(o), beginIndex: longField(o, 'beginIndex', -1)}
}
