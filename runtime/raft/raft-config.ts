/**
 * Settings of the raft core, with DLedgerConfig 0.3.1.2's defaults. Times are in milliseconds of the
 * core's own clock, which advances only by tick() (tickMs per tick): the core never reads a real clock.
 */

/** Draws an integer in [0, bound): the core's only source of randomness, injected for replayable runs. */
export type RandomInt = (bound: number) => number

/** How the core is set up; everything but ids, the tick length and the random source has DLedger's default. */
export interface RaftConfig {
  readonly selfId: string
  /** Every member's id, self included (the ids of `dLegerPeers`). */
  readonly peers: readonly string[]
  /** Length of one tick. DLedger's state maintainer loops every 10 ms. */
  readonly tickMs: number
  readonly random: RandomInt
  readonly heartBeatTimeIntervalMs?: number
  readonly maxHeartBeatLeak?: number
  readonly minVoteIntervalMs?: number
  readonly maxVoteIntervalMs?: number
  readonly maxWaitAckTimeMs?: number
  readonly maxPushTimeOutMs?: number
  /** Timeout of one RPC (DLedgerRpcNettyService waits 3000 ms). */
  readonly rpcTimeoutMs?: number
  readonly maxPendingRequestsNum?: number
  readonly maxLeadershipTransferWaitIndex?: number
  readonly leadershipTransferWaitTimeout?: number
  readonly minTakeLeadershipVoteIntervalMs?: number
  readonly maxTakeLeadershipVoteIntervalMs?: number
  /** DLedger's preferredLeaderIds (RocketMQ's preferredLeaderId), already split at `;`. */
  readonly preferredLeaderIds?: readonly string[]
  /** Term and vote loaded from the currterm file. */
  readonly term?: number
  readonly voteFor?: string | null
  /** Committed index loaded from the checkpoint (bounded by the log's end). */
  readonly committedIndex?: number
  /** First request id; a restarted node should start elsewhere so stale answers cannot match. */
  readonly firstRid?: number
}

/** RaftConfig with every default filled in. */
export type ResolvedRaftConfig = Required<Omit<RaftConfig, 'preferredLeaderIds' | 'voteFor'>> & {
  readonly preferredLeaderIds: readonly string[] | undefined
  readonly voteFor: string | null
}

/** DLedgerConfig's defaults (DLedgerConfig.java, tag dledger-all-0.3.1.2). */
export const DLEDGER_DEFAULTS = {
  heartBeatTimeIntervalMs: 2000,
  maxHeartBeatLeak: 3,
  minVoteIntervalMs: 300,
  maxVoteIntervalMs: 1000,
  maxWaitAckTimeMs: 2500,
  maxPushTimeOutMs: 1000,
  rpcTimeoutMs: 3000,
  maxPendingRequestsNum: 10000,
  maxLeadershipTransferWaitIndex: 1000,
  leadershipTransferWaitTimeout: 1000,
  minTakeLeadershipVoteIntervalMs: 30,
  maxTakeLeadershipVoteIntervalMs: 100,
} as const

/** Fills in the defaults and checks what would make the core misbehave. */
export function resolveRaftConfig(config: RaftConfig): ResolvedRaftConfig {
  if (!config.peers.includes(config.selfId)) throw new Error(`self id ${config.selfId} is not among the peers ${config.peers.join(',')}`)
  if (new Set(config.peers).size !== config.peers.length) throw new Error(`peer ids repeat: ${config.peers.join(',')}`)
  if (!(config.tickMs > 0)) throw new Error(`tickMs must be positive, got ${config.tickMs}`)
  const resolved: ResolvedRaftConfig = {
    ...DLEDGER_DEFAULTS,
    term: 0,
    committedIndex: -1,
    firstRid: 1,
    ...(stripUndefined(config) as RaftConfig),
    preferredLeaderIds: config.preferredLeaderIds,
    voteFor: config.voteFor ?? null,
  }
  if (resolved.maxVoteIntervalMs <= resolved.minVoteIntervalMs) throw new Error('maxVoteIntervalMs must exceed minVoteIntervalMs')
  return resolved
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
