/**
 * HaStatus: the body of mqlab's MQLAB_GET_HA_STATUS (10201) response, a JSON object describing one
 * broker's side of master/slave replication. RocketMQ 4.9 has no request listing HA connections (its
 * GET_BROKER_RUNTIME_INFO carries no HA keys), so this is an mqlab addition; a real RocketMQ broker
 * answers the code with REQUEST_CODE_NOT_SUPPORTED and callers fall back to the runtime info.
 *
 *   {brokerName, brokerId, role, maxPhyOffset, now,
 *    master?: {haListenAddress, slaves: [{remoteAddress, ackedOffset, lagBytes, connectedAt, lastAckAt,
 *              bytesPerSecond, state}], sendStatusCounts: {SEND_OK: n, …}, inSyncSlaves},
 *    slave?:  {masterHaAddress, masterAddress, state, lastError, reportedOffset, lastContactAt, bytesPerSecond}}
 *
 * Times are the broker's clock in ms since the epoch (`now` is included so ages are computed against it).
 */

/** A broker's role as its store sees it. */
export type HaRole = 'ASYNC_MASTER' | 'SYNC_MASTER' | 'SLAVE'

/** One slave connected to a master's haListenPort. */
export interface HaSlaveConnectionStatus {
  /** The slave's side of the HA connection (ip:port). */
  remoteAddress: string
  /** The last offset the slave reported (its commitlog max offset); -1 before its first report. */
  ackedOffset: number
  /** Master max offset minus ackedOffset (the whole master log before the first report). */
  lagBytes: number
  connectedAt: number
  /** When the last report arrived; 0 before the first. */
  lastAckAt: number
  /** Commitlog bytes sent to this slave per second, recently. */
  bytesPerSecond: number
  /** HANDSHAKE until the slave reported where to start, TRANSFER after. */
  state: 'TRANSFER' | 'HANDSHAKE'
}

/** The master half of a status. */
export interface HaMasterStatus {
  /** brokerIP2:haListenPort. */
  haListenAddress: string
  slaves: HaSlaveConnectionStatus[]
  /** Send results of the last 60 s by status: SEND_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE. */
  sendStatusCounts: Record<string, number>
  /** Slaves within haSlaveFallbehindMax of the master (RocketMQ's isSlaveOK). */
  inSyncSlaves: number
}

/** What a slave's HA client is doing. */
export type HaSlaveState = 'CONNECTED' | 'CONNECTING' | 'DISCONNECTED' | 'NO_MASTER' | 'DIVERGED'

/** The slave half of a status. */
export interface HaSlaveStatus {
  /** From haMasterAddress or the REGISTER_BROKER response. */
  masterHaAddress: string | null
  /** The master's broker address (metadata sync). */
  masterAddress: string | null
  state: HaSlaveState
  /** Why the last connection failed or ended, e.g. "connect ECONNREFUSED 127.0.0.1:10912". */
  lastError: string | null
  /** The last offset reported to the master. */
  reportedOffset: number
  /** Last bytes (data or heartbeat) from the master. */
  lastContactAt: number | null
  /** Commitlog bytes received per second, recently. */
  bytesPerSecond: number
  /**
   * Whether the current connection has sent its first offset report (RocketMQ 4.9.8 sends it only
   * haSendHeartbeatInterval after connecting; until then the master sends nothing). Absent from older brokers.
   */
  reporting?: boolean
}

/** One broker's replication status. */
export interface HaStatus {
  brokerName: string
  brokerId: number
  role: HaRole
  /** This broker's commitlog max offset. */
  maxPhyOffset: number
  /** The broker's clock, ms. */
  now: number
  master?: HaMasterStatus
  slave?: HaSlaveStatus
}

/** Encodes a status as the response body. */
export function encodeHaStatus(status: HaStatus): Buffer {
  return Buffer.from(JSON.stringify(status))
}

/** Decodes a response body; throws with a reason when it is not a HaStatus. */
export function decodeHaStatus(body: Buffer | string): HaStatus {
  const v = object(JSON.parse(typeof body === 'string' ? body : body.toString('utf8')), 'HA status')
  const role = v.role
  if (role !== 'ASYNC_MASTER' && role !== 'SYNC_MASTER' && role !== 'SLAVE') throw new Error(`HA status: unknown role ${String(role)}`)
  const out: HaStatus = {
    brokerName: str(v.brokerName, 'brokerName'),
    brokerId: num(v.brokerId, 'brokerId'),
    role,
    maxPhyOffset: num(v.maxPhyOffset, 'maxPhyOffset'),
    now: num(v.now, 'now'),
  }
  if (v.master !== undefined && v.master !== null) out.master = decodeMaster(object(v.master, 'master'))
  if (v.slave !== undefined && v.slave !== null) out.slave = decodeSlave(object(v.slave, 'slave'))
  return out
}

function decodeMaster(m: Record<string, unknown>): HaMasterStatus {
  if (!Array.isArray(m.slaves)) throw new Error('HA status: master.slaves is not an array')
  const counts: Record<string, number> = {}
  for (const [k, n] of Object.entries(object(m.sendStatusCounts ?? {}, 'sendStatusCounts'))) counts[k] = num(n, `sendStatusCounts.${k}`)
  return {
    haListenAddress: str(m.haListenAddress, 'haListenAddress'),
    slaves: m.slaves.map((s: unknown) => {
      const c = object(s, 'slave connection')
      const state = c.state === 'HANDSHAKE' ? 'HANDSHAKE' : 'TRANSFER'
      return {
        remoteAddress: str(c.remoteAddress, 'remoteAddress'),
        ackedOffset: num(c.ackedOffset, 'ackedOffset'),
        lagBytes: num(c.lagBytes, 'lagBytes'),
        connectedAt: num(c.connectedAt, 'connectedAt'),
        lastAckAt: num(c.lastAckAt, 'lastAckAt'),
        bytesPerSecond: num(c.bytesPerSecond, 'bytesPerSecond'),
        state,
      }
    }),
    sendStatusCounts: counts,
    inSyncSlaves: num(m.inSyncSlaves, 'inSyncSlaves'),
  }
}

const SLAVE_STATES = new Set<HaSlaveState>(['CONNECTED', 'CONNECTING', 'DISCONNECTED', 'NO_MASTER', 'DIVERGED'])

function decodeSlave(s: Record<string, unknown>): HaSlaveStatus {
  const state = s.state as HaSlaveState
  if (!SLAVE_STATES.has(state)) throw new Error(`HA status: unknown slave state ${String(s.state)}`)
  return {
    masterHaAddress: optStr(s.masterHaAddress, 'masterHaAddress'),
    masterAddress: optStr(s.masterAddress, 'masterAddress'),
    state,
    lastError: optStr(s.lastError, 'lastError'),
    reportedOffset: num(s.reportedOffset, 'reportedOffset'),
    lastContactAt: s.lastContactAt === null || s.lastContactAt === undefined ? null : num(s.lastContactAt, 'lastContactAt'),
    bytesPerSecond: num(s.bytesPerSecond, 'bytesPerSecond'),
    ...(typeof s.reporting === 'boolean' ? {reporting: s.reporting} : {}),
  }
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`HA status: ${what} is not a JSON object`)
  return v as Record<string, unknown>
}

function num(v: unknown, what: string): number {
  const n = typeof v === 'string' ? Number(v) : v
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`HA status: ${what} is not a number`)
  return n
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new Error(`HA status: ${what} is not a string`)
  return v
}

function optStr(v: unknown, what: string): string | null {
  return v === null || v === undefined ? null : str(v, what)
}
