/**
 * The two remoting requests the supervisor makes, behind an interface so readiness and status are
 * unit-tested with a fake: GET_BROKER_CLUSTER_INFO to one name server (it answers, and lists which
 * brokers registered) and GET_BROKER_RUNTIME_INFO to a broker (commitLogMaxOffset and friends, the
 * KVTable `mqadmin brokerStatus` prints). remoting-lab-wire.ts is the real one.
 */
import type {ClusterInfo} from '../../runtime/remoting/body/cluster-info.js'
import type {HaStatus} from '../../runtime/remoting/body/ha-status.js'

/** Requests to a lab's nodes. Each rejects when the node does not answer in time or answers with an error. */
export interface LabWire {
  /** GET_BROKER_CLUSTER_INFO from the name server at `addr`. */
  clusterInfo(addr: string, timeoutMs: number): Promise<ClusterInfo>
  /** GET_BROKER_RUNTIME_INFO from the broker at `addr`. */
  brokerRuntimeInfo(addr: string, timeoutMs: number): Promise<Record<string, string>>
  /** A raw request (e.g. DLedger's LEADERSHIP_TRANSFER on a raft port); resolves with the answer's body. */
  rawRequest?(addr: string, code: number, body: Buffer, timeoutMs: number): Promise<Buffer | undefined>
  /** MQLAB_GET_HA_STATUS from the broker at `addr`; undefined when it does not serve it (a Java broker). */
  haStatus?(addr: string, timeoutMs: number): Promise<HaStatus | undefined>
  /** Closes every connection (the CLI process cannot exit while one is open). */
  close(): Promise<void>
}
