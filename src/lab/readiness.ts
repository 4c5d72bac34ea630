/**
 * Readiness over the wire (docs/architecture.md "The process model"): a name server is ready when it answers
 * GET_BROKER_CLUSTER_INFO; a broker when it answers GET_BROKER_RUNTIME_INFO itself and every name
 * server of its namesrvAddr that answers lists its address under its brokerName (RocketMQ brokers
 * register with all of them at startup, BrokerController.start). A broker whose name servers are all
 * down is ready once it answers, with a note that it is not registered anywhere.
 *
 * A slave whose master is registered is ready once it replicates: its HA link is up and has sent its
 * first offset report. RocketMQ 4.9.8 sends that report only haSendHeartbeatInterval (5 s) after
 * connecting, and a SYNC_MASTER's sends meanwhile wait for a slave that says nothing and end
 * FLUSH_SLAVE_TIMEOUT, so `up` waits that window out instead of handing the user a lab that times out.
 * A slave with no live master (or one that cannot connect) is ready with a note.
 */
import type {ClusterInfo} from '../../runtime/remoting/body/cluster-info.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import type {LabWire} from './lab-wire.js'

/** The outcome of one probe. */
export interface ProbeResult {
  ready: boolean
  /** What is missing when not ready, or a caveat when ready ("registered with no name server"). */
  detail?: string
}

/** The brokerId under which `addr` is registered for `brokerName`, if it is (pure). */
export function registeredBrokerId(info: ClusterInfo, brokerName: string | undefined, addr: string): number | undefined {
  const tables = brokerName !== undefined && info.brokerAddrTable[brokerName] ? [info.brokerAddrTable[brokerName]!] : Object.values(info.brokerAddrTable)
  for (const bd of tables) {
    for (const [id, a] of Object.entries(bd.brokerAddrs)) if (a === addr) return Number(id)
  }
  return undefined
}

/** Probes a node once; never throws. */
export async function probeNode(spec: LabNodeSpec, wire: LabWire, timeoutMs: number): Promise<ProbeResult> {
  if (spec.kind === 'namesrv') {
    try {
      await wire.clusterInfo(spec.addr, timeoutMs)
      return {ready: true}
    } catch (err) {
      return {ready: false, detail: `${spec.addr} does not answer (${message(err)})`}
    }
  }
  try {
    await wire.brokerRuntimeInfo(spec.addr, timeoutMs)
  } catch (err) {
    return {ready: false, detail: `${spec.addr} does not answer (${message(err)})`}
  }
  const answers = await Promise.all(
    spec.namesrvAddrs.map(async (ns) => {
      try {
        return {ns, info: await wire.clusterInfo(ns, timeoutMs)}
      } catch {
        return {ns, info: undefined}
      }
    }),
  )
  const answered = answers.filter((a): a is {ns: string; info: ClusterInfo} => a.info !== undefined)
  if (answered.length === 0) {
    return {
      ready: true,
      detail:
        spec.namesrvAddrs.length === 0
          ? 'no namesrvAddr: registered with no name server'
          : `not registered: no name server answered (${spec.namesrvAddrs.join(';')})`,
    }
  }
  const missing = answered.filter((a) => registeredBrokerId(a.info, spec.brokerName, spec.addr) === undefined).map((a) => a.ns)
  if (missing.length > 0) return {ready: false, detail: `${spec.addr} is not yet registered with ${missing.join(', ')}`}
  if (spec.fileRole !== 'SLAVE' || !wire.haStatus) return {ready: true}
  const masterRegistered = answered.some((a) => a.info.brokerAddrTable[spec.brokerName ?? '']?.brokerAddrs['0'] !== undefined)
  return slaveReplication(spec, masterRegistered, wire.haStatus.bind(wire), timeoutMs)
}

/** Whether a registered slave replicates (see the file comment). */
async function slaveReplication(
  spec: LabNodeSpec,
  masterRegistered: boolean,
  haStatus: NonNullable<LabWire['haStatus']>,
  timeoutMs: number,
): Promise<ProbeResult> {
  let slave
  try {
    slave = (await haStatus(spec.addr, timeoutMs))?.slave
  } catch (err) {
    return {ready: false, detail: `${spec.addr} does not answer its HA status (${message(err)})`}
  }
  if (slave === undefined || slave.reporting === undefined) return {ready: true}
  if (slave.state === 'CONNECTED' && slave.reporting) return {ready: true}
  if (!masterRegistered) return {ready: true, detail: 'not replicating: its master is not running'}
  if (slave.state === 'DISCONNECTED' || slave.state === 'DIVERGED') return {ready: true, detail: `not replicating: ${slave.lastError ?? slave.state}`}
  return {
    ready: false,
    detail:
      slave.state === 'CONNECTED'
        ? `${spec.addr} is connected to its master and sends its first offset report after haSendHeartbeatInterval`
        : `${spec.addr} is ${slave.state} to its master`,
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
