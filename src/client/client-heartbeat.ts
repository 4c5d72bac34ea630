/**
 * HEART_BEAT (34) and UNREGISTER_CLIENT (35) to brokers (MQClientInstance.sendHeartbeatToAllBroker,
 * unregisterClient): a client with consumers heart-beats every broker of its routes, masters and
 * slaves; a producer-only client only the masters. Failures are returned per broker, never thrown: one
 * dead broker must not stop the others from hearing about the client.
 */
import {encodeHeartbeatData, type HeartbeatData} from '../../runtime/remoting/body/heartbeat-data.js'
import {encodeUnregisterClientRequestHeader} from '../../runtime/remoting/header/unregister-client-request-header.js'
import {createRequest} from '../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../runtime/remoting/response-code.js'
import {MQBrokerError} from './client-errors.js'
import type {MQClientInstance} from './mq-client-instance.js'

/** The outcome of a call to one broker. */
export interface BrokerCallOutcome {
  addr: string
  error?: unknown
}

/** The addresses a heartbeat goes to: every known broker, or only masters for a producer-only client. */
export function heartbeatTargets(client: MQClientInstance, mastersOnly: boolean): string[] {
  return client.brokerAddrTable
    .allBrokers()
    .filter((b) => !mastersOnly || !b.slave)
    .map((b) => b.addr)
}

/** Sends one heartbeat to each address in parallel. */
export async function sendHeartbeat(client: MQClientInstance, data: HeartbeatData, addrs: readonly string[]): Promise<BrokerCallOutcome[]> {
  const body = encodeHeartbeatData(data)
  return Promise.all(
    addrs.map(async (addr): Promise<BrokerCallOutcome> => {
      try {
        const response = await client.remoting.invoke(addr, createRequest(RequestCode.HEART_BEAT, undefined, body), client.requestTimeoutMs)
        if (response.code !== ResponseCode.SUCCESS) return {addr, error: new MQBrokerError(response.code, response.remark, addr)}
        return {addr}
      } catch (error) {
        client.logger.warn(`heartbeat to ${addr} failed: ${String(error)}`)
        return {addr, error}
      }
    }),
  )
}

/** Tells each broker the client's group is leaving (awaited, so offsets and membership settle first). */
export async function unregisterClient(
  client: MQClientInstance,
  groups: {producerGroup?: string; consumerGroup?: string},
  addrs: readonly string[],
): Promise<BrokerCallOutcome[]> {
  const header = encodeUnregisterClientRequestHeader({clientID: client.clientId, ...groups})
  return Promise.all(
    addrs.map(async (addr): Promise<BrokerCallOutcome> => {
      try {
        const response = await client.remoting.invoke(addr, createRequest(RequestCode.UNREGISTER_CLIENT, header), client.requestTimeoutMs)
        if (response.code !== ResponseCode.SUCCESS) return {addr, error: new MQBrokerError(response.code, response.remark, addr)}
        return {addr}
      } catch (error) {
        return {addr, error}
      }
    }),
  )
}
