/**
 * The clientID a RocketMQ client announces in heartbeats and that brokers list in
 * GET_CONSUMER_LIST_BY_GROUP: "clientIP@instanceName" (ClientConfig.buildMQClientId), where the
 * default instance name becomes "pid#nanoTime" (ClientConfig.changeInstanceNameToPID), so two
 * clients in one machine — or two runs of one command — never share an id.
 */
import {networkInterfaces} from 'node:os'

/** The first non-internal IPv4 address of this machine, else 127.0.0.1 (RemotingUtil.getLocalAddress's preference). */
export function localClientIP(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) return info.address
    }
  }
  return '127.0.0.1'
}

/** A default instance name: "<pid>#<monotonic ns>". */
export function defaultInstanceName(): string {
  return `${process.pid}#${process.hrtime.bigint()}`
}

/** Builds "clientIP@instanceName". */
export function buildClientId(clientIP: string, instanceName: string): string {
  return `${clientIP}@${instanceName}`
}
