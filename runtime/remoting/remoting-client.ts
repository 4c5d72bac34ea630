import {silentLogger, type Logger} from '../common/logger.js'
import {realTimers, type Timers} from '../common/timers.js'
import {ClientConnection} from './client-connection.js'
import {ONEWAY_FLAG, type RemotingCommand} from './remoting-command.js'
import {RemotingClosedError, RemotingTimeoutError} from './remoting-errors.js'

/** Options of a RemotingClient. */
export interface RemotingClientOptions {
  /** Default 3000 ms, NettyClientConfig connectTimeoutMillis. */
  connectTimeoutMs?: number
  logger?: Logger
  /** Request and connect timeouts (default the real timers). */
  timers?: Timers
}

/**
 * A remoting client (NettyRemotingClient's role): one pooled connection per "host:port", opened on first
 * use and dropped from the pool when it closes, so the next call reconnects.
 */
export class RemotingClient {
  private readonly connections = new Map<string, ClientConnection>()
  private readonly serverRequestHandlers: Array<(request: RemotingCommand, addr: string) => void> = []
  private readonly connectTimeoutMs: number
  private readonly logger: Logger
  private readonly timers: Timers
  private isClosed = false

  constructor(options: RemotingClientOptions = {}) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000
    this.logger = options.logger ?? silentLogger
    this.timers = options.timers ?? realTimers
  }

  /**
   * Sends a request and resolves with the response, whatever its code. The timeout covers connecting
   * too, as Java's invokeSync counts the time spent getting the channel. Rejects with
   * RemotingConnectError, RemotingTimeoutError or RemotingClosedError.
   */
  invoke(addr: string, request: RemotingCommand, timeoutMs: number): Promise<RemotingCommand> {
    let conn: ClientConnection
    try {
      conn = this.connection(addr)
    } catch (err) {
      return Promise.reject(err)
    }
    if (conn.usable) return conn.send(request, timeoutMs)
    const started = this.timers.now()
    return this.whenReady(conn, timeoutMs, request.code).then(() => {
      const remaining = timeoutMs - (this.timers.now() - started)
      if (remaining <= 0) throw new RemotingTimeoutError(addr, timeoutMs, request.code)
      return conn.send(request, remaining)
    })
  }

  /** Sends a request with the ONEWAY flag set; resolves once written. */
  invokeOneway(addr: string, request: RemotingCommand): Promise<void> {
    let conn: ClientConnection
    try {
      conn = this.connection(addr)
    } catch (err) {
      return Promise.reject(err)
    }
    const oneway = {...request, flag: request.flag | ONEWAY_FLAG}
    if (conn.usable) return conn.sendOneway(oneway)
    return this.whenReady(conn, this.connectTimeoutMs, request.code).then(() => conn.sendOneway(oneway))
  }

  /** Receives requests the server sends on its own (e.g. NOTIFY_CONSUMER_IDS_CHANGED). */
  onServerRequest(handler: (request: RemotingCommand, addr: string) => void): void {
    this.serverRequestHandlers.push(handler)
  }

  /** Closes the pooled connection to addr, if any; its pending invokes reject with RemotingClosedError. */
  closeConnection(addr: string): void {
    this.connections.get(addr)?.close()
  }

  /** Closes every connection; later invokes reject with RemotingClosedError. */
  async close(): Promise<void> {
    this.isClosed = true
    for (const conn of this.connections.values()) conn.close('client closed')
    this.connections.clear()
  }

  private connection(addr: string): ClientConnection {
    if (this.isClosed) throw new RemotingClosedError(addr, 'client is closed')
    let conn = this.connections.get(addr)
    if (conn === undefined || conn.closed) {
      conn = new ClientConnection(
        addr,
        this.connectTimeoutMs,
        this.logger,
        (request) => {
          for (const handler of this.serverRequestHandlers) handler(request, addr)
        },
        (closed) => {
          if (this.connections.get(addr) === closed) this.connections.delete(addr)
        },
        this.timers,
      )
      this.connections.set(addr, conn)
    }
    return conn
  }

  private whenReady(conn: ClientConnection, timeoutMs: number, code: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(() => reject(new RemotingTimeoutError(conn.addr, timeoutMs, code)), timeoutMs, true)
      conn.ready.then(
        () => {
          this.timers.clearTimeout(timer)
          resolve()
        },
        (err: unknown) => {
          this.timers.clearTimeout(timer)
          reject(err)
        },
      )
    })
  }
}
