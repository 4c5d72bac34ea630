/**
 * The part of runtime/remoting's RemotingClient the client library uses. Producer, consumer and admin
 * take it as a dependency, so a test can count or delay calls while still talking to real servers.
 */
import type {RemotingCommand} from '../../runtime/remoting/remoting-command.js'

/** Request/response and oneway calls to "host:port" addresses, plus server-initiated requests. */
export interface RemotingInvoker {
  invoke(addr: string, request: RemotingCommand, timeoutMs: number): Promise<RemotingCommand>
  invokeOneway(addr: string, request: RemotingCommand): Promise<void>
  onServerRequest(handler: (request: RemotingCommand, addr: string) => void): void
  closeConnection(addr: string): void
  close(): Promise<void>
}
