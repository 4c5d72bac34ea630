import type net from 'node:net'
import {encodeFrame} from './frame-encoder.js'
import {ONEWAY_FLAG, type RemotingCommand} from './remoting-command.js'
import type {RemotingConnection} from './remoting-server.js'
import {WriteWatermark} from './write-watermark.js'

/** Node reports IPv4 peers on dual-stack sockets as "::ffff:a.b.c.d"; RocketMQ addresses are plain IPv4. */
export function toIpv4Form(host: string | undefined): string {
  if (host === undefined) return '0.0.0.0'
  return host.startsWith('::ffff:') ? host.slice(7) : host
}

/** The server side of one TCP connection (RocketMQ's Channel as processors use it). */
export class ServerConnection implements RemotingConnection {
  readonly remoteHost: string
  readonly remotePort: number
  readonly remoteAddress: string
  readonly localPort: number
  private isClosed = false
  private readonly closeListeners: Array<() => void> = []
  /** Stops reading this connection while its peer leaves too many answers unread. */
  readonly watermark: WriteWatermark

  constructor(
    readonly id: number,
    private readonly socket: net.Socket,
  ) {
    this.remoteHost = toIpv4Form(socket.remoteAddress)
    this.remotePort = socket.remotePort ?? 0
    this.remoteAddress = `${this.remoteHost}:${this.remotePort}`
    this.localPort = socket.localPort ?? 0
    this.watermark = new WriteWatermark(socket)
  }

  get closed(): boolean {
    return this.isClosed || this.socket.destroyed
  }

  /**
   * Writes one encoded frame; dropped if the connection is gone. Frames written in the same tick (the
   * answers to a chunk of pipelined requests, or to promises settled together) are corked into one
   * writev system call instead of one write each.
   */
  write(frame: Buffer): void {
    if (this.isClosed || this.socket.destroyed) return
    if (!this.corked) {
      this.corked = true
      this.socket.cork()
      process.nextTick(this.uncork)
    }
    this.socket.write(frame)
    this.watermark.afterWrite()
  }

  private corked = false
  private readonly uncork = (): void => {
    this.corked = false
    this.socket.uncork()
  }

  sendOneway(cmd: RemotingCommand): void {
    this.write(encodeFrame({...cmd, flag: cmd.flag | ONEWAY_FLAG}))
  }

  close(): void {
    // Hand answers already written in this tick to the OS before the socket goes.
    if (this.corked) this.uncork()
    this.socket.destroy()
  }

  onClose(listener: () => void): void {
    if (this.isClosed) queueMicrotask(listener)
    else this.closeListeners.push(listener)
  }

  /** Called by the server when the socket has closed; runs the close listeners once. */
  markClosed(): void {
    if (this.isClosed) return
    this.isClosed = true
    for (const listener of this.closeListeners.splice(0)) {
      try {
        listener()
      } catch {
        // A listener's failure must not stop the others or the server's own bookkeeping.
      }
    }
  }
}
