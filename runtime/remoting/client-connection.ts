import net from 'node:net'
import type {Logger} from '../common/logger.js'
import {realTimers, type Timers} from '../common/timers.js'
import {FrameDecoder} from './frame-decoder.js'
import {encodeFrame} from './frame-encoder.js'
import {isResponse, type RemotingCommand} from './remoting-command.js'
import {decodeCommand} from './remoting-command-decoder.js'
import {RemotingClosedError, RemotingConnectError, RemotingTimeoutError, type FrameError} from './remoting-errors.js'

/** A request waiting for its response. */
interface Pending {
  resolve(response: RemotingCommand): void
  reject(err: Error): void
  timer: unknown
}

/** Splits "host:port" (the last colon separates the port); throws RemotingConnectError when malformed. */
export function parseAddress(addr: string): {host: string; port: number} {
  const colon = addr.lastIndexOf(':')
  const host = colon > 0 ? addr.slice(0, colon) : ''
  const portText = colon > 0 ? addr.slice(colon + 1) : ''
  const port = Number(portText)
  if (host === '' || !/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new RemotingConnectError(addr, 'address must be host:port')
  }
  return {host, port}
}

/**
 * The client side of one TCP connection: correlates responses to requests by opaque, times requests out,
 * and rejects everything still waiting the moment the connection closes.
 */
export class ClientConnection {
  /** Resolves once connected; rejects with RemotingConnectError. */
  readonly ready: Promise<void>
  private readonly socket: net.Socket
  private readonly pending = new Map<number, Pending>()
  private readonly decoder = new FrameDecoder()
  private open = false
  private isClosed = false
  private closeReason = 'connection closed'
  private nextOpaque = 1

  constructor(
    readonly addr: string,
    connectTimeoutMs: number,
    private readonly logger: Logger,
    private readonly onServerRequest: (request: RemotingCommand) => void,
    private readonly onClosed: (conn: ClientConnection) => void,
    private readonly timers: Timers = realTimers,
  ) {
    const {host, port} = parseAddress(addr)
    this.socket = net.connect({host, port})
    this.socket.setNoDelay(true)
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = this.timers.setTimeout(
        () => {
          this.closeReason = `connect timed out after ${connectTimeoutMs} ms`
          this.socket.destroy()
        },
        connectTimeoutMs,
        true,
      )
      this.socket.once('connect', () => {
        this.timers.clearTimeout(timer)
        this.open = true
        resolve()
      })
      this.socket.once('close', () => {
        this.timers.clearTimeout(timer)
        if (!this.open) reject(new RemotingConnectError(addr, this.closeReason))
      })
    })
    // Callers always attach their own handlers; this keeps an unobserved failure from being "unhandled".
    this.ready.catch(() => undefined)
    this.socket.on('error', (err: NodeJS.ErrnoException) => {
      this.closeReason = err.code ?? err.message
      this.logger.debug(`connection to ${addr}: ${err.message}`)
    })
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk))
    this.socket.on('close', () => this.handleClose())
  }

  /** Whether the connection is established and not closed. */
  get usable(): boolean {
    return this.open && !this.isClosed && !this.socket.destroyed
  }

  get closed(): boolean {
    return this.isClosed
  }

  /** Sends a request and resolves with its response, or rejects after timeoutMs or when the connection closes. */
  send(request: RemotingCommand, timeoutMs: number): Promise<RemotingCommand> {
    if (this.isClosed) return Promise.reject(new RemotingClosedError(this.addr, this.closeReason))
    const opaque = this.freeOpaque(request.opaque)
    const frame = encodeFrame(opaque === request.opaque ? request : {...request, opaque})
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(
        () => {
          this.pending.delete(opaque)
          reject(new RemotingTimeoutError(this.addr, timeoutMs, request.code))
        },
        timeoutMs,
        true,
      )
      this.pending.set(opaque, {resolve, reject, timer})
      this.write(frame)
    })
  }

  /** Writes a frame; requests issued in the same tick go out in one writev (see ServerConnection.write). */
  private write(frame: Buffer, callback?: (err?: Error | null) => void): void {
    if (!this.corked) {
      this.corked = true
      this.socket.cork()
      process.nextTick(this.uncork)
    }
    this.socket.write(frame, callback)
  }

  private corked = false
  private readonly uncork = (): void => {
    this.corked = false
    this.socket.uncork()
  }

  /** Writes a request without waiting for an answer; resolves once it is handed to the OS. */
  sendOneway(request: RemotingCommand): Promise<void> {
    if (this.isClosed) return Promise.reject(new RemotingClosedError(this.addr, this.closeReason))
    const frame = encodeFrame(request)
    return new Promise((resolve, reject) => {
      this.write(frame, (err) => (err ? reject(new RemotingClosedError(this.addr, err.message)) : resolve()))
    })
  }

  /** Closes the connection; pending requests reject with RemotingClosedError. */
  close(reason = 'connection closed by client'): void {
    if (!this.isClosed) this.closeReason = reason
    this.socket.destroy()
  }

  /** Uses the request's own opaque (as Java does) unless a request with that opaque is still waiting. */
  private freeOpaque(wanted: number): number {
    if (!this.pending.has(wanted)) return wanted
    let opaque = this.nextOpaque
    while (this.pending.has(opaque)) opaque = (opaque + 1) & 0x7fffffff
    this.nextOpaque = (opaque + 1) & 0x7fffffff
    return opaque
  }

  private receive(chunk: Buffer): void {
    if (this.decoder.error !== undefined) return // already closing
    for (const frame of this.decoder.feed(chunk)) {
      let cmd: RemotingCommand
      try {
        cmd = decodeCommand(frame)
      } catch (err) {
        this.logger.warn(`closing connection to ${this.addr}: ${(err as Error).message}`)
        this.close((err as Error).message)
        return
      }
      if (isResponse(cmd)) {
        const waiting = this.pending.get(cmd.opaque)
        if (waiting === undefined) continue // answered after its timeout: nobody waits any more
        this.pending.delete(cmd.opaque)
        this.timers.clearTimeout(waiting.timer)
        waiting.resolve(cmd)
      } else {
        try {
          this.onServerRequest(cmd)
        } catch (err) {
          this.logger.error(`server request handler failed for code ${cmd.code}`, err)
        }
      }
    }
    // Re-read: feed() above may have set it (the early return narrowed the type to undefined).
    const corrupt = this.decoder.error as FrameError | undefined
    if (corrupt !== undefined) {
      this.logger.warn(`closing connection to ${this.addr}: ${corrupt.message}`)
      this.close(corrupt.message)
    }
  }

  private handleClose(): void {
    if (this.isClosed) return
    this.isClosed = true
    for (const [opaque, waiting] of this.pending) {
      this.pending.delete(opaque)
      this.timers.clearTimeout(waiting.timer)
      waiting.reject(new RemotingClosedError(this.addr, this.closeReason))
    }
    this.onClosed(this)
  }
}
