import net from 'node:net'
import {once} from 'node:events'
import {FrameDecoder} from '../../runtime/remoting/frame-decoder.js'
import type {RemotingCommand} from '../../runtime/remoting/remoting-command.js'
import {decodeCommand} from '../../runtime/remoting/remoting-command-decoder.js'

/** Which way a recorded frame went. */
export type FrameDirection = 'toServer' | 'toClient'

/** One whole frame seen by the recorder. */
export interface RecordedFrame {
  /** Accepted-connection number, from 1. */
  connection: number
  direction: FrameDirection
  /** The frame's bytes, length field included, as lowercase hex. */
  hex: string
}

/**
 * A loopback TCP proxy that forwards bytes both ways unchanged and records every whole remoting frame
 * in each direction. Point a real client (ali-ons) at `address` instead of the server to capture the
 * bytes it sends and receives as fixtures. Bytes are forwarded as they arrive, so recording never
 * changes timing-dependent behaviour beyond one loopback hop.
 */
export class FrameRecorder {
  readonly frames: RecordedFrame[] = []
  private readonly server: net.Server
  private readonly sockets = new Set<net.Socket>()
  private connections = 0

  private constructor(private readonly target: {host: string; port: number}) {
    this.server = net.createServer((client) => this.accept(client))
  }

  /** Starts a recorder on a free loopback port, forwarding to target. */
  static async start(target: {host?: string; port: number}): Promise<FrameRecorder> {
    const recorder = new FrameRecorder({host: target.host ?? '127.0.0.1', port: target.port})
    recorder.server.listen(0, '127.0.0.1')
    await once(recorder.server, 'listening')
    return recorder
  }

  /** The port clients should connect to. */
  get port(): number {
    return (this.server.address() as net.AddressInfo).port
  }

  /** "127.0.0.1:port", the address to give clients. */
  get address(): string {
    return `127.0.0.1:${this.port}`
  }

  /** Recorded frames decoded, for finding the ones a test wants. */
  commands(direction?: FrameDirection): Array<RecordedFrame & {command: RemotingCommand}> {
    return this.frames
      .filter((f) => direction === undefined || f.direction === direction)
      .map((f) => ({...f, command: decodeCommand(Buffer.from(f.hex, 'hex').subarray(4))}))
  }

  /** Stops listening and closes every proxied connection. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(client: net.Socket): void {
    const id = ++this.connections
    const upstream = net.connect(this.target)
    for (const s of [client, upstream]) {
      this.sockets.add(s)
      s.setNoDelay(true)
      s.on('error', () => undefined)
      s.on('close', () => {
        this.sockets.delete(s)
        client.destroy()
        upstream.destroy()
      })
    }
    this.relay(client, upstream, id, 'toServer')
    this.relay(upstream, client, id, 'toClient')
  }

  private relay(from: net.Socket, to: net.Socket, connection: number, direction: FrameDirection): void {
    const decoder = new FrameDecoder()
    from.on('data', (chunk: Buffer) => {
      to.write(chunk)
      // A corrupt stream is still forwarded (the server decides what to do with it), just not recorded.
      if (decoder.error !== undefined) return
      for (const frame of decoder.feed(chunk)) {
        const length = Buffer.allocUnsafe(4)
        length.writeInt32BE(frame.length)
        this.frames.push({connection, direction, hex: Buffer.concat([length, frame]).toString('hex')})
      }
    })
  }
}
