/**
 * The raw loopback request/response probe: a plain Node TCP echo of length-prefixed frames (4-byte
 * big-endian length, then the payload, as a remoting frame starts) with `inflight` requests
 * outstanding on one connection. No protocol, no store: it is the ceiling for any request/response over
 * loopback in Node on this machine right now, so other figures are reported as ratios to it (absolute
 * rates drift on shared machines). The echo side runs in its own process (see loopback-echo-main.ts),
 * as a broker does.
 */
import net from 'node:net'
import {once} from 'node:events'
import {summarizeLatencies, type LatencySummary} from '../client/stats/latency-stats.js'

/** What to measure. */
export interface ProbeOptions {
  /** Whole frame size in bytes, length word included (≥ 8). */
  frameSize: number
  inflight: number
  durationMs: number
  host?: string
}

/** What the probe measured. */
export interface ProbeResult {
  frameSize: number
  inflight: number
  count: number
  elapsedMs: number
  /** Round trips per second. */
  rate: number
  /** Round-trip time of each request, ms. */
  latency: LatencySummary
}

/**
 * Splits a byte stream into frames: `feed` returns the whole frames completed by a chunk (slices of
 * the input when a frame lies in one chunk). Pure apart from its buffer.
 */
export class FrameSplitter {
  private pending: Buffer[] = []
  private pendingBytes = 0

  /** Whole frames (length word included) completed by `chunk`. */
  feed(chunk: Buffer): Buffer[] {
    let data = chunk
    if (this.pendingBytes > 0) {
      this.pending.push(chunk)
      data = Buffer.concat(this.pending, this.pendingBytes + chunk.length)
      this.pending = []
      this.pendingBytes = 0
    }
    const frames: Buffer[] = []
    let pos = 0
    while (data.length - pos >= 4) {
      const size = 4 + data.readUInt32BE(pos)
      if (data.length - pos < size) break
      frames.push(data.subarray(pos, pos + size))
      pos += size
    }
    if (pos < data.length) {
      this.pending.push(data.subarray(pos))
      this.pendingBytes = data.length - pos
    }
    return frames
  }
}

/** A frame of exactly `frameSize` bytes. */
export function probeFrame(frameSize: number): Buffer {
  if (!Number.isInteger(frameSize) || frameSize < 8) throw new RangeError(`frame size must be an integer ≥ 8, not ${frameSize}`)
  const frame = Buffer.alloc(frameSize, 0x61)
  frame.writeUInt32BE(frameSize - 4, 0)
  return frame
}

/** Echoes every frame it receives, on each connection (the probe's server side). */
export function createEchoServer(): net.Server {
  return net.createServer({noDelay: true}, (socket) => {
    const splitter = new FrameSplitter()
    socket.on('data', (chunk: Buffer) => {
      for (const frame of splitter.feed(chunk)) socket.write(frame)
    })
    socket.on('error', () => socket.destroy())
  })
}

/** Runs the probe against an echo server at `port`: `inflight` frames outstanding for `durationMs`. */
export async function runLoopbackProbe(port: number, options: ProbeOptions): Promise<ProbeResult> {
  const frame = probeFrame(options.frameSize)
  const socket = net.connect({host: options.host ?? '127.0.0.1', port, noDelay: true})
  await once(socket, 'connect')
  const splitter = new FrameSplitter()
  const sentAt: number[] = []
  let head = 0
  const latencies: number[] = []
  let stopAt = Infinity
  let outstanding = 0
  let started = 0
  const finished = new Promise<number>((resolve, reject) => {
    socket.on('error', reject)
    socket.on('data', (chunk: Buffer) => {
      const now = performance.now()
      const frames = splitter.feed(chunk).length
      for (let i = 0; i < frames; i++) {
        latencies.push(now - sentAt[head++]!)
        outstanding--
        if (now < stopAt) send(now)
        else if (outstanding === 0) resolve(now)
      }
      if (head > 65_536) {
        sentAt.splice(0, head)
        head = 0
      }
    })
  })
  const send = (now: number) => {
    sentAt.push(now)
    outstanding++
    socket.write(frame)
  }
  started = performance.now()
  stopAt = started + options.durationMs
  for (let i = 0; i < options.inflight; i++) send(started)
  const ended = await finished
  socket.destroy()
  const elapsedMs = ended - started
  return {
    frameSize: options.frameSize,
    inflight: options.inflight,
    count: latencies.length,
    elapsedMs,
    rate: (latencies.length * 1000) / elapsedMs,
    latency: summarizeLatencies(latencies),
  }
}
