/**
 * A lab-controlled TCP relay for one directed link (toxiproxy's model, rootless): the dialler is
 * configured to connect to the relay's port, the relay dials the real upstream, and bytes are copied
 * both ways through the link's current fault. Works for any node process, Java included, because the
 * lab writes the address the dialler uses (a slave's haMasterAddress, a broker's namesrvAddr, a
 * client's name-server list).
 *
 * Partition = stall: the relay holds the stalled direction's bytes (in its queue up to `maxQueuedBytes`,
 * then it stops reading and they wait in kernel buffers, as a real partition leaves TCP retransmitting), and a connection accepted while
 * the dialler→listener direction is stalled is not dialled upstream until it heals. Healing resumes
 * with every byte intact. Reset destroys the connections with an RST. Memory stays bounded: a direction
 * whose queue holds more than `maxQueuedBytes` stops reading its source until it drains.
 */
import net from 'node:net'
import {realTimers, type Timers} from '../../runtime/common/timers.js'
import {NO_FAULT, noLinkFault, releaseTime, shapes, type DirectionFault, type LinkFault} from './link-fault.js'

/** Where to listen and whom to dial. */
export interface RelayOptions {
  name: string
  upstreamHost: string
  upstreamPort: number
  listenHost?: string
  /** 0 (default): any free port. */
  listenPort?: number
  timers?: Timers
  random?: () => number
  maxQueuedBytes?: number
}

/** Counters, for tests and status. */
export interface RelayStats {
  connections: number
  accepted: number
  bytesUp: number
  bytesDown: number
  /** Bytes held in the relay right now (stalled or delayed). */
  heldUp: number
  heldDown: number
}

type Chunk = {buf: Buffer; release: number}

type Conn = {client: net.Socket; upstream: net.Socket | undefined; pipes: Pipe[]; dial: () => void}

/** One direction of one connection: source → (queue) → sink. */
class Pipe {
  private readonly queue: Chunk[] = []
  private held = 0
  private last = {release: 0}
  private timer: unknown
  private closed = false

  constructor(
    private readonly source: net.Socket,
    private readonly sink: net.Socket,
    private readonly fault: () => DirectionFault,
    private readonly timers: Timers,
    private readonly random: () => number,
    private readonly maxQueued: number,
    private readonly count: (n: number, held: number) => void,
  ) {
    source.on('data', (buf: Buffer) => this.onData(buf))
  }

  get heldBytes(): number {
    return this.held
  }

  private onData(buf: Buffer): void {
    const f = this.fault()
    if (!shapes(f) && this.queue.length === 0) {
      this.write(buf)
      return
    }
    const now = this.timers.now()
    const release = releaseTime(f, now, buf.length, this.last, this.random())
    this.last = {release}
    this.queue.push({buf, release})
    this.held += buf.length
    this.count(0, this.held)
    if (this.held > this.maxQueued) this.source.pause()
    this.pump()
  }

  /** Re-evaluates after a fault change: resumes a healed direction. */
  pump(): void {
    if (this.closed) return
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer)
      this.timer = undefined
    }
    const f = this.fault()
    if (f.stalled) return
    const now = this.timers.now()
    while (this.queue.length > 0) {
      const head = this.queue[0]!
      // A chunk held by a stall that is over leaves now, and so do those shaped under an older fault.
      if (head.release > now && shapes(f)) {
        this.timer = this.timers.setTimeout(() => {
          this.timer = undefined
          this.pump()
        }, head.release - now)
        break
      }
      this.queue.shift()
      this.held -= head.buf.length
      this.write(head.buf)
    }
    if (this.queue.length === 0) this.last = {release: now}
    this.count(0, this.held)
    if (this.held <= this.maxQueued && this.source.isPaused() && !this.source.destroyed) this.source.resume()
  }

  private write(buf: Buffer): void {
    if (this.sink.destroyed) return
    this.count(buf.length, this.held)
    this.sink.write(buf)
  }

  close(): void {
    this.closed = true
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer)
    this.queue.length = 0
    this.held = 0
  }
}

/** A relay; start() binds it. */
export class TcpRelay {
  readonly name: string
  private readonly options: Required<Omit<RelayOptions, 'timers' | 'random'>> & {timers: Timers; random: () => number}
  private server: net.Server | undefined
  private fault: LinkFault = noLinkFault()
  private readonly conns = new Set<Conn>()
  private readonly totals = {accepted: 0, bytesUp: 0, bytesDown: 0}

  constructor(options: RelayOptions) {
    this.name = options.name
    this.options = {
      name: options.name,
      upstreamHost: options.upstreamHost,
      upstreamPort: options.upstreamPort,
      listenHost: options.listenHost ?? '127.0.0.1',
      listenPort: options.listenPort ?? 0,
      maxQueuedBytes: options.maxQueuedBytes ?? 4 * 1024 * 1024,
      timers: options.timers ?? realTimers,
      random: options.random ?? Math.random,
    }
  }

  /** Binds; resolves with the port. */
  async start(): Promise<number> {
    const server = net.createServer((socket) => this.accept(socket))
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen({host: this.options.listenHost, port: this.options.listenPort, exclusive: true}, () => resolve())
    })
    return this.port
  }

  get port(): number {
    return (this.server?.address() as net.AddressInfo | null)?.port ?? this.options.listenPort
  }

  get address(): string {
    return `${this.options.listenHost}:${this.port}`
  }

  get upstream(): string {
    return `${this.options.upstreamHost}:${this.options.upstreamPort}`
  }

  /** The fault now in force. */
  get current(): LinkFault {
    return {up: {...this.fault.up}, down: {...this.fault.down}}
  }

  /** Sets the fault of one or both directions (missing fields keep their value). */
  setFault(change: {up?: Partial<DirectionFault>; down?: Partial<DirectionFault>}): void {
    this.fault = {up: {...this.fault.up, ...change.up}, down: {...this.fault.down, ...change.down}}
    for (const c of this.conns) {
      if (c.upstream === undefined && !this.fault.up.stalled) c.dial()
      for (const p of c.pipes) p.pump()
    }
  }

  /** Lifts every fault: held bytes flow on, in order. */
  heal(): void {
    this.fault = noLinkFault()
    this.setFault({up: NO_FAULT, down: NO_FAULT})
  }

  /** Connection reset: every open connection is destroyed with an RST (the dialler sees ECONNRESET). */
  reset(): number {
    const n = this.conns.size
    for (const c of [...this.conns]) this.drop(c, true)
    return n
  }

  stats(): RelayStats {
    let heldUp = 0
    let heldDown = 0
    for (const c of this.conns) {
      heldUp += c.pipes[0]?.heldBytes ?? 0
      heldDown += c.pipes[1]?.heldBytes ?? 0
    }
    return {connections: this.conns.size, ...this.totals, heldUp, heldDown}
  }

  async close(): Promise<void> {
    for (const c of [...this.conns]) this.drop(c, false)
    const server = this.server
    this.server = undefined
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private accept(client: net.Socket): void {
    this.totals.accepted++
    client.setNoDelay(true)
    client.pause()
    const conn: Conn = {client, upstream: undefined, pipes: [], dial: () => undefined}
    conn.dial = () => {
      if (conn.upstream !== undefined) return
      const upstream = net.connect({host: this.options.upstreamHost, port: this.options.upstreamPort})
      upstream.setNoDelay(true)
      conn.upstream = upstream
      const {timers, random, maxQueuedBytes} = this.options
      conn.pipes = [
        new Pipe(
          client,
          upstream,
          () => this.fault.up,
          timers,
          random,
          maxQueuedBytes,
          (n) => (this.totals.bytesUp += n),
        ),
        new Pipe(
          upstream,
          client,
          () => this.fault.down,
          timers,
          random,
          maxQueuedBytes,
          (n) => (this.totals.bytesDown += n),
        ),
      ]
      upstream.on('error', () => this.drop(conn, false))
      upstream.on('close', () => this.drop(conn, false))
      upstream.on('connect', () => {
        for (const p of conn.pipes) p.pump()
        if (!this.fault.up.stalled) client.resume()
      })
    }
    client.on('error', () => this.drop(conn, false))
    client.on('close', () => this.drop(conn, false))
    this.conns.add(conn)
    // While the dialler's direction is stalled, the connection waits here, like a SYN lost in a partition.
    if (!this.fault.up.stalled) conn.dial()
  }

  private drop(conn: Conn, rst: boolean): void {
    if (!this.conns.delete(conn)) return
    for (const p of conn.pipes) p.close()
    for (const s of [conn.client, conn.upstream]) {
      if (s === undefined || s.destroyed) continue
      if (rst) s.resetAndDestroy()
      else s.destroy()
    }
  }
}
