/**
 * The master half of the replication status, computed from plain figures (no sockets), so the lag and
 * in-sync rules are unit-tested: lag is the master's end minus what the slave acknowledged, and a slave
 * is in sync while that is under haSlaveFallbehindMax (RocketMQ's isSlaveOK threshold). A slave that has
 * not reported yet lags by the whole log and is not in sync.
 */
import type {HaMasterStatus, HaSlaveConnectionStatus} from '../remoting/body/ha-status.js'

/** One connection as the HA service sees it. */
export interface SlaveConnectionFigures {
  remoteAddress: string
  /** -1 before the first report. */
  ackedOffset: number
  connectedAt: number
  lastAckAt: number
  bytesPerSecond: number
  state: 'TRANSFER' | 'HANDSHAKE'
}

/** Everything the master status is computed from. */
export interface MasterStatusInput {
  haListenAddress: string
  maxPhyOffset: number
  now: number
  haSlaveFallbehindMax: number
  connections: SlaveConnectionFigures[]
  sendStatusCounts: Record<string, number>
}

/** The master half of a HaStatus. */
export function buildMasterStatus(input: MasterStatusInput): HaMasterStatus {
  const slaves: HaSlaveConnectionStatus[] = input.connections.map((c) => ({
    remoteAddress: c.remoteAddress,
    ackedOffset: c.ackedOffset,
    lagBytes: Math.max(0, input.maxPhyOffset - Math.max(0, c.ackedOffset)),
    connectedAt: c.connectedAt,
    lastAckAt: c.lastAckAt,
    bytesPerSecond: c.bytesPerSecond,
    state: c.state,
  }))
  const inSyncSlaves = slaves.filter((s) => s.ackedOffset >= 0 && s.lagBytes < input.haSlaveFallbehindMax).length
  return {
    haListenAddress: input.haListenAddress,
    slaves: slaves.sort((a, b) => a.remoteAddress.localeCompare(b.remoteAddress)),
    sendStatusCounts: {SEND_OK: 0, FLUSH_DISK_TIMEOUT: 0, FLUSH_SLAVE_TIMEOUT: 0, SLAVE_NOT_AVAILABLE: 0, ...input.sendStatusCounts},
    inSyncSlaves,
  }
}
