/**
 * Settings shared by mqlab's producer, consumer and admin client (RocketMQ's ClientConfig), and the
 * parsing of a name-server list.
 */
import type {Logger} from '../../runtime/common/logger.js'
import {MQClientError} from './client-errors.js'
import type {FailoverMode} from './failover-timing.js'

/** Settings of a client instance. */
export interface ClientOptions {
  /** Name servers: "host:port;host:port" as RocketMQ's namesrvAddr, or a list. */
  namesrvAddr: string | readonly string[]
  /** The IP this client reports in its clientID (default: the first non-internal IPv4, else 127.0.0.1). */
  clientIP?: string
  /** Instance name for the clientID (default: "<pid>#<hrtime>", as Java's changeInstanceNameToPID). */
  instanceName?: string
  /** Timeout of name-server and admin requests, ms (default 3000, Java's default RPC timeout). */
  requestTimeoutMs?: number
  /**
   * How often a cached route is re-read from the name servers, ms (default 30 000, Java's
   * pollNameServerInterval).
   */
  pollNameServerIntervalMs?: number
  /**
   * 'java' (default): notice a dead broker as RocketMQ's Java client does, at the next route poll;
   * 'fast': mqlab's opt-in, re-read the route at once after a connection failure (failover-timing.ts).
   */
  failover?: FailoverMode
  logger?: Logger
}

/** Splits a namesrvAddr value into "host:port" entries; throws INVALID_ARGUMENT on a malformed one. */
export function parseNamesrvAddrList(value: string | readonly string[]): string[] {
  const parts = (typeof value === 'string' ? value.split(';') : [...value]).map((s) => s.trim()).filter((s) => s !== '')
  if (parts.length === 0) {
    throw new MQClientError('INVALID_ARGUMENT', 'no name server address given', {
      suggestion: 'pass --namesrv "host:port;host:port", or run the command inside a lab folder',
    })
  }
  for (const part of parts) {
    const colon = part.lastIndexOf(':')
    const port = Number(part.slice(colon + 1))
    if (colon <= 0 || !/^\d{1,5}$/.test(part.slice(colon + 1)) || port < 1 || port > 65535) {
      throw new MQClientError('INVALID_ARGUMENT', `name server address ${JSON.stringify(part)} is not host:port`, {
        suggestion: 'write name servers as "127.0.0.1:9876;127.0.0.1:9877"',
      })
    }
  }
  return parts
}
