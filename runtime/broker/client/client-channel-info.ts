import type {RemotingCommand} from '../../remoting/remoting-command.js'

/**
 * The side of a client connection the client managers use. runtime/remoting's RemotingConnection
 * satisfies it; keeping the managers on this narrow shape keeps them unit-testable.
 */
export interface ClientChannel {
  /** Connection number within its server (ids repeat across the main and fast servers: managers key by the object). */
  readonly id: number
  /** "ip:port" of the client. */
  readonly remoteAddress: string
  readonly closed: boolean
  /** Broker → client request that expects no answer (NOTIFY_CONSUMER_IDS_CHANGED). */
  sendOneway(cmd: RemotingCommand): void
  close(): void
}

/** A registered client connection (RocketMQ broker/client/ClientChannelInfo.java). */
export interface ClientChannelInfo {
  channel: ClientChannel
  /** `ip@instance` as the client names itself in HEART_BEAT. */
  clientId: string
  /** LanguageCode name from the request header. */
  language: string
  /** The client's MQVersion ordinal. */
  version: number
  lastUpdateTimestamp: number
}
