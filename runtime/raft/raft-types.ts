/**
 * Messages, results and outputs of the raft core. The shapes follow DLedger 0.3.1.2's protocol classes
 * (VoteRequest, HeartBeatRequest, PushEntryRequest, LeadershipTransferRequest and their responses) so the
 * driver in runtime/dledger maps them to DLedger's JSON bodies field for field. `rid` is the request id
 * the driver turns into a remoting opaque; a response carries the rid of its request.
 */

/** The three roles of DLedger's MemberState. */
export type RaftRole = 'LEADER' | 'FOLLOWER' | 'CANDIDATE'

/** One log entry. `pos` is the byte position the log assigned it (DLedger checks it on followers). */
export interface RaftEntry {
  readonly index: number
  readonly term: number
  readonly body: Uint8Array
  readonly pos: number
}

/** VoteResponse.RESULT of DLedger 0.3.1.2. */
export type VoteResult =
  | 'UNKNOWN'
  | 'ACCEPT'
  | 'REJECT_UNKNOWN_LEADER'
  | 'REJECT_UNEXPECTED_LEADER'
  | 'REJECT_EXPIRED_VOTE_TERM'
  | 'REJECT_ALREADY_VOTED'
  | 'REJECT_ALREADY_HAS_LEADER'
  | 'REJECT_TERM_NOT_READY'
  | 'REJECT_TERM_SMALL_THAN_LEDGER'
  | 'REJECT_EXPIRED_LEDGER_TERM'
  | 'REJECT_SMALL_LEDGER_END_INDEX'
  | 'REJECT_TAKING_LEADERSHIP'

/** PushEntryRequest.Type. */
export type PushType = 'APPEND' | 'COMMIT' | 'COMPARE' | 'TRUNCATE'

/** DLedgerResponseCode values the core produces or reads. */
export const Code = {
  UNKNOWN: -1,
  SUCCESS: 200,
  NETWORK_ERROR: 302,
  UNKNOWN_GROUP: 400,
  UNKNOWN_MEMBER: 401,
  UNEXPECTED_MEMBER: 402,
  EXPIRED_TERM: 403,
  NOT_LEADER: 404,
  NOT_FOLLOWER: 405,
  INCONSISTENT_STATE: 406,
  INCONSISTENT_TERM: 407,
  INCONSISTENT_INDEX: 408,
  INCONSISTENT_LEADER: 409,
  UNEXPECTED_ARGUMENT: 411,
  REPEATED_PUSH: 413,
  DISK_ERROR: 414,
  DISK_FULL: 415,
  TERM_NOT_READY: 416,
  FALL_BEHIND_TOO_MUCH: 417,
  TAKE_LEADERSHIP_FAILED: 418,
  INTERNAL_ERROR: 500,
  TERM_CHANGED: 501,
  WAIT_QUORUM_ACK_TIMEOUT: 502,
  LEADER_PENDING_FULL: 503,
  LEADER_TRANSFERRING: 506,
} as const

interface Addressed {
  readonly from: string
  readonly to: string
  readonly rid: number
}

/** VOTE (51001). `from` is the candidate (DLedger's `leaderId` field). */
export interface VoteRequest extends Addressed {
  readonly kind: 'vote'
  readonly term: number
  readonly ledgerEndIndex: number
  readonly ledgerEndTerm: number
}

/** Answer to VOTE: the responder's term (or its ledgerEndTerm for REJECT_TERM_SMALL_THAN_LEDGER). */
export interface VoteResponse extends Addressed {
  readonly kind: 'voteResp'
  readonly term: number
  readonly voteResult: VoteResult
}

/** HEART_BEAT (51002). */
export interface HeartBeatRequest extends Addressed {
  readonly kind: 'heartBeat'
  readonly term: number
  readonly leaderId: string
}

/** Answer to HEART_BEAT; `code` is the DLedger response code. */
export interface HeartBeatResponse extends Addressed {
  readonly kind: 'heartBeatResp'
  readonly term: number
  readonly code: number
}

/** PUSH (51004) of one entry (or none for COMMIT). */
export interface PushRequest extends Addressed {
  readonly kind: 'push'
  readonly term: number
  readonly leaderId: string
  readonly type: PushType
  readonly entry?: RaftEntry
  readonly commitIndex: number
}

/** Answer to PUSH: `index` is the pushed entry's index (absent for COMMIT); the responder's ledger range. */
export interface PushResponse extends Addressed {
  readonly kind: 'pushResp'
  readonly term: number
  readonly code: number
  readonly index?: number
  readonly beginIndex: number
  readonly endIndex: number
}

/** LEADERSHIP_TRANSFER (51005): to the leader (transferId = leader) or from it to the transferee. */
export interface TransferRequest extends Addressed {
  readonly kind: 'transfer'
  readonly term: number
  readonly leaderId?: string
  readonly transferId: string
  readonly transfereeId: string
  readonly takeLeadershipLedgerIndex: number
}

/** Answer to LEADERSHIP_TRANSFER. */
export interface TransferResponse extends Addressed {
  readonly kind: 'transferResp'
  readonly term: number
  readonly code: number
  readonly leaderId?: string
}

/** Everything peers exchange. */
export type RaftMessage = VoteRequest | VoteResponse | HeartBeatRequest | HeartBeatResponse | PushRequest | PushResponse | TransferRequest | TransferResponse

/** Requests (the kinds that expect an answer). */
export type RaftRequest = VoteRequest | HeartBeatRequest | PushRequest | TransferRequest

/** The outcome of a leader append, as DLedgerEntryPusher completes its futures. */
export interface AppendAck {
  readonly term: number
  readonly index: number
  readonly code: number
  readonly pos?: number
}

/** Term and vote, which must be durable before any message of the same Ready is sent (DLedger's currterm file). */
export interface HardState {
  readonly term: number
  readonly voteFor: string | null
}

/** A role change as DLedger hands it to its RoleChangeHandler: the term passed to the change, and the role. */
export interface RoleChange {
  readonly term: number
  readonly role: RaftRole
}

/** What the driver must do after a call into the core, in this order: persist, then send, then apply. */
export interface Ready {
  readonly hardState?: HardState
  readonly messages: RaftMessage[]
  readonly committedIndex?: number
  readonly acks: AppendAck[]
  readonly roleChanges: RoleChange[]
}
