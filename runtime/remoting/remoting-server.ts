import net from 'node:net'
import type {AddressInfo} from 'node:net'
import {silentLogger, type Logger} from '../common/logger.js'
import {FrameDecoder} from './frame-decoder.js'
import {encodeFrame} from './frame-encoder.js'
import {createResponse, isOneway, isResponse, ONEWAY_FLAG, RESPONSE_FLAG, type RemotingCommand} from './remoting-command.js'
import {decodeCommand} from './remoting-command-decoder.js'
import {ListenError, PortInUseError} from './remoting-errors.js'
import {requestCodeName} from './request-code.js'
import {ResponseCode} from './response-code.js'
import {ServerConnection} from './server-connection.js'

/** One accepted client connection, as processors see it. */
export interface RemotingConnection {
  readonly id: number
  /** "ip:port" of the peer, IPv4 form ("::ffff:" stripped). */
  readonly remoteAddress: string
  readonly remoteHost: string
  readonly remotePort: number
  /** Which of the server's ports the connection came in on. */
  readonly localPort: number
  readonly closed: boolean
  /** Sends a server → client request with the ONEWAY flag, e.g. NOTIFY_CONSUMER_IDS_CHANGED. */
  sendOneway(cmd: RemotingCommand): void
  close(): void
  onClose(listener: () => void): void
}

/** Handles one request code; returns the response, or undefined to send nothing. */
export type RequestProcessor = (request: RemotingCommand, connection: RemotingConnection) => Promise<RemotingCommand | undefined> | RemotingCommand | undefined

/** Options of a RemotingServer. */
export interface RemotingServerOptions {
  host: string
  /** 0 = pick a free port. */
  port: number
  /** What the port is for, used in errors, e.g. "broker-a listenPort". */
  name: string
  /** Close connections idle this long; default 120 000 (NettyServerConfig serverChannelMaxIdleTimeSeconds). */
  idleTimeoutMs?: number
  logger?: Logger
}

/** Default idle timeout: RocketMQ's serverChannelMaxIdleTimeSeconds = 120. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000

/**
 * A remoting server (NettyRemotingServer's role): accepts connections, splits frames, dispatches each
 * request to the processor registered for its code and writes the answer back with the request's opaque
 * and serialize type. Requests on one connection run concurrently (a held long-poll pull does not block
 * a send behind it). A corrupt stream closes that connection only.
 */
export class RemotingServer {
  private readonly processors = new Map<number, RequestProcessor>()
  private defaultProcessor: RequestProcessor | undefined
  private readonly connections = new Set<ServerConnection>()
  private readonly closedListeners: Array<(c: RemotingConnection) => void> = []
  private readonly logger: Logger
  private readonly idleTimeoutMs: number
  private server: net.Server | undefined
  private nextId = 1
  private closing: Promise<void> | undefined

  constructor(private readonly options: RemotingServerOptions) {
    this.logger = options.logger ?? silentLogger
    this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS
  }

  /** Registers (or replaces) the processor for a request code. */
  registerProcessor(code: number, processor: RequestProcessor): void {
    this.processors.set(code, processor)
  }

  /**
   * The processor for codes with none of their own (NettyRemotingAbstract's defaultRequestProcessor).
   * Without one, such a code is answered REQUEST_CODE_NOT_SUPPORTED, as RocketMQ's brokers do.
   */
  registerDefaultProcessor(processor: RequestProcessor): void {
    this.defaultProcessor = processor
  }

  /** Binds host:port; rejects with PortInUseError when the port is taken, ListenError otherwise. */
  listen(): Promise<void> {
    const {host, port, name} = this.options
    const server = net.createServer((socket) => this.accept(socket))
    this.server = server
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        this.server = undefined
        if (err.code === 'EADDRINUSE') reject(new PortInUseError(host, port, name, {cause: err}))
        else reject(new ListenError(host, port, name, err.code ?? err.message, {cause: err}))
      }
      server.once('error', onError)
      server.listen({host, port}, () => {
        server.off('error', onError)
        server.on('error', (err) => this.logger.error(`${name} server error`, err))
        this.logger.info(`${name} listening on ${host}:${this.port}`)
        resolve()
      })
    })
  }

  /** The bound port (the configured one before listen()). */
  get port(): number {
    const address = this.server?.address()
    return address !== null && typeof address === 'object' ? (address as AddressInfo).port : this.options.port
  }

  /** Live connections, for diagnostics and tests. */
  get connectionCount(): number {
    return this.connections.size
  }

  /** Answers written but not yet taken by the OS, over every connection (bounded by the watermarks). */
  get bufferedBytes(): number {
    let total = 0
    for (const c of this.connections) total += c.watermark.bufferedBytes
    return total
  }

  /** Stops accepting, closes every connection, resolves once the listener is closed. */
  close(): Promise<void> {
    if (this.closing) return this.closing
    const server = this.server
    for (const c of this.connections) c.close()
    this.closing = server === undefined ? Promise.resolve() : new Promise((resolve) => server.close(() => resolve()))
    return this.closing
  }

  /** Called after any connection closes (peer gone, idle timeout, corrupt stream, close()). */
  onConnectionClosed(listener: (c: RemotingConnection) => void): void {
    this.closedListeners.push(listener)
  }

  private accept(socket: net.Socket): void {
    if (this.closing) {
      socket.destroy()
      return
    }
    socket.setNoDelay(true)
    const conn = new ServerConnection(this.nextId++, socket)
    this.connections.add(conn)
    const decoder = new FrameDecoder()
    socket.setTimeout(this.idleTimeoutMs)
    socket.on('timeout', () => {
      this.logger.info(`closing idle connection ${conn.remoteAddress} after ${this.idleTimeoutMs} ms`)
      conn.close()
    })
    socket.on('error', (err) => this.logger.debug(`connection ${conn.remoteAddress}: ${err.message}`))
    socket.on('close', () => {
      this.connections.delete(conn)
      conn.markClosed()
      for (const listener of this.closedListeners) {
        try {
          listener(conn)
        } catch (err) {
          this.logger.error('connection-closed listener failed', err)
        }
      }
    })
    const dispatchFrame = (frame: Buffer): void => {
      if (conn.closed) return
      let cmd: RemotingCommand
      try {
        cmd = decodeCommand(frame)
      } catch (err) {
        this.dropCorrupt(conn, err)
        return
      }
      this.dispatch(cmd, conn)
    }
    socket.on('data', (chunk: Buffer) => {
      if (decoder.error !== undefined) return // already closing
      // Through the connection's watermark: a peer that does not read its answers stops being read.
      conn.watermark.deliver(decoder.feed(chunk), dispatchFrame)
      if (decoder.error !== undefined) this.dropCorrupt(conn, decoder.error)
    })
  }

  private dropCorrupt(conn: ServerConnection, err: unknown): void {
    this.logger.warn(`closing ${conn.remoteAddress}: ${(err as Error).message}`)
    conn.close()
  }

  private dispatch(request: RemotingCommand, conn: ServerConnection): void {
    // Clients do not answer our oneway notifications; a stray response has nobody waiting for it.
    if (isResponse(request)) return
    const processor = this.processors.get(request.code) ?? this.defaultProcessor
    if (processor === undefined) {
      this.logger.debug(`${conn.remoteAddress}: request code ${request.code} not supported`)
      this.reply(conn, request, createResponse(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, `request type ${request.code} not supported`))
      return
    }
    let result: ReturnType<RequestProcessor>
    try {
      result = processor(request, conn)
    } catch (err) {
      this.replyError(conn, request, err)
      return
    }
    if (result !== undefined && typeof (result as Promise<unknown>).then === 'function') {
      ;(result as Promise<RemotingCommand | undefined>).then(
        (response) => this.reply(conn, request, response),
        (err: unknown) => this.replyError(conn, request, err),
      )
    } else {
      this.reply(conn, request, result as RemotingCommand | undefined)
    }
  }

  private replyError(conn: ServerConnection, request: RemotingCommand, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err)
    this.logger.warn(`${requestCodeName(request.code)} from ${conn.remoteAddress} failed: ${message}`)
    if (err instanceof Error && err.stack) this.logger.debug(err.stack)
    this.reply(conn, request, createResponse(request, ResponseCode.SYSTEM_ERROR, message))
  }

  private reply(conn: ServerConnection, request: RemotingCommand, response: RemotingCommand | undefined): void {
    if (response === undefined || isOneway(request) || conn.closed) return
    const out: RemotingCommand = {
      ...response,
      opaque: request.opaque,
      flag: (response.flag | RESPONSE_FLAG) & ~ONEWAY_FLAG,
      serializeType: request.serializeType,
    }
    let frame: Buffer
    try {
      frame = encodeFrame(out)
    } catch (err) {
      // Too large to send: tell the client instead of leaving it to time out.
      this.logger.error(`cannot encode response to ${requestCodeName(request.code)}`, err)
      frame = encodeFrame(createResponse(request, ResponseCode.SYSTEM_ERROR, (err as Error).message))
    }
    conn.write(frame)
  }
}
