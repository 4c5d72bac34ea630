/**
 * The DLedger settings of a broker (RocketMQ's MessageStoreConfig keys → DLedgerConfig, DLedgerCommitLog
 * constructor), plus mqlab's lab keys that shorten DLedger's timings for experiments.
 */
import {join} from 'node:path'
import type {BrokerConfig} from '../config/broker-config.js'
import {parseDLedgerPeers, type DLedgerPeer} from '../config/dledger-peers.js'

/** Everything the DLedger server of one broker needs. */
export interface DLedgerSettings {
  readonly group: string
  readonly selfId: string
  readonly peers: readonly DLedgerPeer[]
  /** `<storePathRootDir>/dledger-<selfId>`: term file, checkpoint, index, and data unless overridden. */
  readonly baseDir: string
  readonly dataDir: string
  readonly dataFileSize: number
  readonly preferredLeaderIds: readonly string[] | undefined
  readonly heartBeatTimeIntervalMs: number
  readonly maxHeartBeatLeak: number
  readonly minVoteIntervalMs: number
  readonly maxVoteIntervalMs: number
  /** The brokerId a follower registers with: the self id's digits + 1 (n0 → 1). */
  readonly slaveBrokerId: number
}

/** Reads the settings; throws with a clear message when the DLedger keys are unusable. */
export function dledgerSettings(config: BrokerConfig): DLedgerSettings {
  const group = config.dLegerGroup
  const selfId = config.dLegerSelfId
  if (!group) throw new Error('enableDLegerCommitLog=true needs dLegerGroup')
  if (!selfId) throw new Error('enableDLegerCommitLog=true needs dLegerSelfId')
  const parsed = parseDLedgerPeers(config.dLegerPeers ?? '')
  if (!parsed.ok) throw new Error(`dLegerPeers: ${parsed.error}`)
  if (!parsed.peers.some((p) => p.id === selfId)) throw new Error(`dLegerSelfId ${selfId} is not among dLegerPeers`)
  const baseDir = join(config.storePathRootDir, `dledger-${selfId}`)
  return {
    group,
    selfId,
    peers: parsed.peers,
    baseDir,
    dataDir: config.storePathDLedgerCommitLog ?? join(baseDir, 'data'),
    dataFileSize: config.mappedFileSizeCommitLog,
    preferredLeaderIds: config.preferredLeaderId ? config.preferredLeaderId.split(';').filter((s) => s !== '') : undefined,
    heartBeatTimeIntervalMs: config.mqlabDLegerHeartBeatIntervalMs,
    maxHeartBeatLeak: config.mqlabDLegerMaxHeartBeatLeak,
    minVoteIntervalMs: config.mqlabDLegerMinVoteIntervalMs,
    maxVoteIntervalMs: config.mqlabDLegerMaxVoteIntervalMs,
    slaveBrokerId: dledgerSlaveBrokerId(selfId),
  }
}

/** DLedgerCommitLog: id = int(selfId without its first letter) + 1; changeToSlave maps 0 to 1. */
export function dledgerSlaveBrokerId(selfId: string): number {
  const id = Number.parseInt(selfId.slice(1), 10) + 1
  return id === 0 ? 1 : id
}
