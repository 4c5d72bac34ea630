/**
 * `mqlab replication`'s view: per broker group, the master (address, commitlog max offset, recent send
 * results) and each slave (acknowledged offset, lag in bytes and messages, status, HA connection
 * state, last contact, transfer rate). Pure: built from the name servers' cluster info and one
 * sample per broker (ha-status-fetch.ts), so it is tested without sockets.
 *
 * A slave is in sync when its HA link is up and it lags at most IN_SYNC_MAX_LAG_BYTES; falling behind
 * when the link is up but it lags more; disconnected when the link is down (diverged when its log
 * disagrees with the master's). Against a real RocketMQ (no HA status) the link state is unknown and
 * the lag is the difference of the two commitlog max offsets, read moments apart.
 */
import type {ClusterInfo} from '../../../runtime/remoting/body/cluster-info.js'
import type {HaRole, HaSlaveConnectionStatus, HaStatus} from '../../../runtime/remoting/body/ha-status.js'
import {sortedBrokerIds} from '../route/topic-route-view.js'
import type {BrokerHaSample} from './ha-status-fetch.js'

/** A slave this close to its master (bytes) counts as in sync: about two HA transfer batches (32 KiB each) in flight. */
export const IN_SYNC_MAX_LAG_BYTES = 64 * 1024

/** How a slave is doing. */
export type SlaveReplicationStatus = 'in-sync' | 'falling-behind' | 'disconnected' | 'diverged' | 'unknown'

/** A group's master. */
export interface ReplicationMaster {
  addr: string
  role: HaRole | null
  maxPhyOffset: number | null
  /** brokerIP2:haListenPort (mqlab brokers). */
  haListenAddress: string | null
  /** HA connections the master holds now (mqlab brokers). */
  connections: number | null
  /** Slaves within haSlaveFallbehindMax (RocketMQ's isSlaveOK; what a SYNC_MASTER needs). */
  inSyncSlaves: number | null
  /** Send results of the last 60 s by status (mqlab brokers). */
  sendStatusCounts: Record<string, number> | null
  /** Why it could not be asked. */
  error: string | null
}

/** A slave of a group. */
export interface ReplicationSlave {
  addr: string
  brokerId: number
  maxPhyOffset: number | null
  /** The offset the master has from the slave's last report (its commitlog max offset). */
  ackedOffset: number | null
  lagBytes: number | null
  /** Messages the master holds that the slave does not yet serve, when computable. */
  lagMessages: number | null
  status: SlaveReplicationStatus
  /** The slave's HA client state (CONNECTED, CONNECTING, …), or null when unknown. */
  connectionState: string | null
  /** Since the last bytes from the master (or the master's last ack from it), ms; null when unknown. */
  lastContactAgoMs: number | null
  /** Commitlog bytes per second replicated recently. */
  bytesPerSecond: number | null
  masterHaAddress: string | null
  /** The HA client's last failure ("connect ECONNREFUSED …", "commitlog diverged at offset …"). */
  lastError: string | null
  /** Why it could not be asked. */
  error: string | null
}

import type {DLedgerGroupState} from './dledger-replication.js'

/** One broker group. */
export interface ReplicationGroup {
  cluster: string
  brokerName: string
  /** Where the figures come from: mqlab's HA status, RocketMQ's runtime info, or both. */
  source: 'mqlab' | 'runtime-info' | 'mixed' | 'none'
  /** null when no master is registered (classic master/slave: no automatic promotion). */
  master: ReplicationMaster | null
  slaves: ReplicationSlave[]
  notes: string[]
  /** A DLedger group's raft state (term, leader, committed index, each peer's match index and lag). */
  dledger?: DLedgerGroupState | null
}

/** The whole report. */
export interface ReplicationReport {
  /** Client clock when it was built, ms. */
  takenAt: number
  groups: ReplicationGroup[]
}

/** A group as the previous report showed it, and when. */
interface Earlier {
  group: ReplicationGroup
  takenAt: number
}

/** Builds the report. `previous` (the last report, under --watch) gives RocketMQ-only slaves a transfer rate. */
export function buildReplicationReport(
  info: ClusterInfo,
  samples: ReadonlyMap<string, BrokerHaSample>,
  takenAt: number,
  previous?: ReplicationReport,
): ReplicationReport {
  const groups: ReplicationGroup[] = []
  for (const cluster of Object.keys(info.clusterAddrTable).sort()) {
    for (const brokerName of [...new Set(info.clusterAddrTable[cluster])].sort()) {
      const bd = info.brokerAddrTable[brokerName]
      if (bd === undefined) continue
      const before = previous?.groups.find((g) => g.cluster === cluster && g.brokerName === brokerName)
      groups.push(
        buildGroup(cluster, brokerName, bd.brokerAddrs, samples, takenAt, before === undefined ? undefined : {group: before, takenAt: previous!.takenAt}),
      )
    }
  }
  return {takenAt, groups}
}

function buildGroup(
  cluster: string,
  brokerName: string,
  addrs: Record<string, string>,
  samples: ReadonlyMap<string, BrokerHaSample>,
  takenAt: number,
  before: Earlier | undefined,
): ReplicationGroup {
  const ids = sortedBrokerIds(addrs)
  const masterAddr = addrs['0']
  const masterSample = masterAddr === undefined ? undefined : samples.get(masterAddr)
  const master = masterAddr === undefined ? null : masterOf(masterAddr, masterSample)
  const masterStatus = masterSample?.source === 'mqlab' ? masterSample.status : undefined
  const slaveIds = ids.filter((id) => id > 0)
  const connections = matchConnections(
    masterStatus,
    slaveIds.map((id) => samples.get(addrs[String(id)]!)),
  )
  const slaves = slaveIds.map((id, i) =>
    slaveOf(addrs[String(id)]!, id, samples.get(addrs[String(id)]!), master, masterStatus, connections[i], takenAt, before),
  )
  const notes: string[] = []
  if (master === null)
    notes.push(
      `no master registered: ${brokerName} takes no writes; its slaves still serve reads (classic master/slave never promotes by itself: mqlab promote a slave)`,
    )
  if (master !== null && slaves.length === 0)
    notes.push(
      masterStatus?.role === 'SYNC_MASTER' || master.role === 'SYNC_MASTER'
        ? 'a SYNC_MASTER with no slave registered: its sends return SLAVE_NOT_AVAILABLE'
        : 'no slave registered: this group has a single copy',
    )
  if (masterStatus?.master !== undefined && masterStatus.master.slaves.length > slaves.filter((s) => s.connectionState === 'CONNECTED').length) {
    notes.push(`the master holds ${masterStatus.master.slaves.length} HA connection(s) but fewer slaves are registered and connected`)
  }
  return {cluster, brokerName, source: sourceOf([masterSample, ...slaveIds.map((id) => samples.get(addrs[String(id)]!))]), master, slaves, notes}
}

function masterOf(addr: string, sample: BrokerHaSample | undefined): ReplicationMaster {
  const base = {addr, role: null, maxPhyOffset: null, haListenAddress: null, connections: null, inSyncSlaves: null, sendStatusCounts: null, error: null}
  if (sample === undefined) return {...base, error: 'not asked'}
  if (sample.source === 'error') return {...base, error: sample.error}
  if (sample.source === 'runtime-info') return {...base, role: sample.role, maxPhyOffset: sample.maxPhyOffset}
  const s = sample.status
  return {
    ...base,
    role: s.role,
    maxPhyOffset: s.maxPhyOffset,
    haListenAddress: s.master?.haListenAddress ?? null,
    connections: s.master?.slaves.length ?? null,
    inSyncSlaves: s.master?.inSyncSlaves ?? null,
    sendStatusCounts: s.master?.sendStatusCounts ?? null,
  }
}

/**
 * Pairs the master's HA connections with the group's slaves. The master only knows each connection's
 * remote address, so a connected slave gets the connection whose acked offset is nearest to the
 * offset it last reported (exact in the usual one-slave case).
 */
function matchConnections(master: HaStatus | undefined, slaves: Array<BrokerHaSample | undefined>): Array<HaSlaveConnectionStatus | undefined> {
  const pool = [...(master?.master?.slaves ?? [])]
  const take = (offset: number) => {
    let best = 0
    for (let i = 1; i < pool.length; i++) if (Math.abs(pool[i]!.ackedOffset - offset) < Math.abs(pool[best]!.ackedOffset - offset)) best = i
    return pool.splice(best, 1)[0]
  }
  const out = slaves.map((s) =>
    s?.source !== 'mqlab' || s.status.slave?.state !== 'CONNECTED' || pool.length === 0 ? undefined : take(s.status.slave.reportedOffset),
  )
  // A real RocketMQ slave (a Java slave of an mqlab master, in a mixed lab) reports no link of its own:
  // the connections left are theirs, paired by the nearest commitlog offset, as the master sees them.
  return out.map((c, i) => {
    const s = slaves[i]
    return c ?? (s?.source === 'runtime-info' && s.maxPhyOffset !== null && pool.length > 0 ? take(s.maxPhyOffset) : undefined)
  })
}

function slaveOf(
  addr: string,
  brokerId: number,
  sample: BrokerHaSample | undefined,
  master: ReplicationMaster | null,
  masterStatus: HaStatus | undefined,
  connection: HaSlaveConnectionStatus | undefined,
  takenAt: number,
  before: Earlier | undefined,
): ReplicationSlave {
  const base: ReplicationSlave = {
    addr,
    brokerId,
    maxPhyOffset: null,
    ackedOffset: null,
    lagBytes: null,
    lagMessages: null,
    status: 'unknown',
    connectionState: null,
    lastContactAgoMs: null,
    bytesPerSecond: null,
    masterHaAddress: null,
    lastError: null,
    error: null,
  }
  if (sample === undefined) return {...base, error: 'not asked'}
  if (sample.source === 'error') return {...base, error: sample.error}
  const masterMax = master?.maxPhyOffset ?? null
  if (sample.source === 'runtime-info' && connection !== undefined && masterStatus !== undefined) {
    // The master (mqlab's) holds this slave's HA connection: its acked offset, last ack and rate are the link's state.
    const lagBytes = Math.max(0, connection.lagBytes)
    return {
      ...base,
      maxPhyOffset: sample.maxPhyOffset,
      ackedOffset: connection.ackedOffset,
      lagBytes,
      lagMessages: lagBytes === 0 ? 0 : null,
      status: slaveStatus('CONNECTED', lagBytes),
      connectionState: 'CONNECTED',
      lastContactAgoMs: connection.lastAckAt > 0 ? Math.max(0, masterStatus.now - connection.lastAckAt) : null,
      bytesPerSecond: connection.bytesPerSecond,
    }
  }
  if (sample.source === 'runtime-info') {
    const lagBytes = masterMax === null || sample.maxPhyOffset === null ? null : Math.max(0, masterMax - sample.maxPhyOffset)
    const prev = before?.group.slaves.find((s) => s.addr === addr)?.maxPhyOffset ?? null
    const elapsed = before === undefined ? 0 : takenAt - before.takenAt
    const rate = prev !== null && sample.maxPhyOffset !== null && elapsed > 0 ? Math.max(0, ((sample.maxPhyOffset - prev) * 1000) / elapsed) : null
    return {
      ...base,
      maxPhyOffset: sample.maxPhyOffset,
      ackedOffset: sample.maxPhyOffset,
      lagBytes,
      lagMessages: lagBytes === 0 ? 0 : null,
      status: lagBytes === null ? 'unknown' : lagBytes <= IN_SYNC_MAX_LAG_BYTES ? 'in-sync' : 'falling-behind',
      bytesPerSecond: rate,
    }
  }
  const s = sample.status
  const ha = s.slave
  const ackedOffset = connection !== undefined && connection.ackedOffset >= 0 ? connection.ackedOffset : (ha?.reportedOffset ?? s.maxPhyOffset)
  const lagBytes =
    connection !== undefined && connection.ackedOffset >= 0
      ? Math.max(0, connection.lagBytes)
      : masterMax === null
        ? null
        : Math.max(0, masterMax - s.maxPhyOffset)
  // Ages are taken on one broker's clock: the slave's for bytes from the master, else the master's for the slave's last ack.
  const contactAt = ha?.lastContactAt ?? null
  const lastContactAgoMs =
    contactAt !== null && contactAt > 0
      ? Math.max(0, s.now - contactAt)
      : connection !== undefined && connection.lastAckAt > 0 && masterStatus !== undefined
        ? Math.max(0, masterStatus.now - connection.lastAckAt)
        : null
  return {
    ...base,
    maxPhyOffset: s.maxPhyOffset,
    ackedOffset,
    lagBytes,
    lagMessages: lagBytes === 0 ? 0 : null,
    status: slaveStatus(ha?.state, lagBytes),
    connectionState: ha?.state ?? null,
    lastContactAgoMs,
    bytesPerSecond: ha?.bytesPerSecond ?? connection?.bytesPerSecond ?? null,
    masterHaAddress: ha?.masterHaAddress ?? null,
    lastError: ha?.lastError ?? null,
  }
}

function slaveStatus(state: string | undefined, lagBytes: number | null): SlaveReplicationStatus {
  if (state === 'DIVERGED') return 'diverged'
  if (state !== 'CONNECTED') return state === undefined ? 'unknown' : 'disconnected'
  if (lagBytes === null) return 'unknown'
  return lagBytes <= IN_SYNC_MAX_LAG_BYTES ? 'in-sync' : 'falling-behind'
}

function sourceOf(samples: Array<BrokerHaSample | undefined>): ReplicationGroup['source'] {
  const kinds = new Set(samples.filter((s): s is BrokerHaSample => s !== undefined && s.source !== 'error').map((s) => s.source))
  if (kinds.size === 0) return 'none'
  if (kinds.size > 1) return 'mixed'
  return kinds.has('mqlab') ? 'mqlab' : 'runtime-info'
}
