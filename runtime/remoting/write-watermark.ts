/**
 * Read back-pressure for one server connection, as Netty's channel writability gives RocketMQ: a peer
 * that keeps sending requests but never reads the answers would otherwise make the server queue
 * answers without limit (every answer sits in the socket's user-space write buffer). Past a high-water
 * mark of unwritten bytes the connection stops being read (socket.pause(): the kernel's receive window
 * fills and TCP itself slows the peer); once the buffer drains below the low-water mark, reading
 * resumes. Frames already decoded when the mark is crossed wait here instead of being dispatched, so
 * what one connection holds is bounded by the mark plus the answers to requests already in progress.
 * Other connections are not affected: each has its own socket and buffer.
 */
import type net from 'node:net'

/** Netty's WriteBufferWaterMark defaults (RocketMQ 4.9.8 keeps them unless writeBufferHighWaterMark is set). */
export const DEFAULT_WRITE_HIGH_WATER_MARK = 64 * 1024
export const DEFAULT_WRITE_LOW_WATER_MARK = 32 * 1024

/** Watches one socket's unwritten output and pauses/resumes its reading. */
export class WriteWatermark {
  private paused = false
  private readonly held: Buffer[] = []
  private dispatch: ((frame: Buffer) => void) | undefined

  constructor(
    private readonly socket: net.Socket,
    private readonly high = DEFAULT_WRITE_HIGH_WATER_MARK,
    private readonly low = DEFAULT_WRITE_LOW_WATER_MARK,
  ) {
    socket.on('drain', () => this.check())
  }

  /** Unwritten bytes queued on the socket (Node's user-space write buffer). */
  get bufferedBytes(): number {
    return this.socket.writableLength
  }

  /** True while reading is stopped because the peer is not reading its answers. */
  get readingPaused(): boolean {
    return this.paused
  }

  /**
   * Hands decoded frames to `dispatch` while the connection is writable; once it is not, the rest are
   * held (in order) until it is again.
   */
  deliver(frames: Buffer[], dispatch: (frame: Buffer) => void): void {
    this.dispatch = dispatch
    for (const frame of frames) {
      if (this.paused || this.held.length > 0) this.held.push(frame)
      else dispatch(frame)
      this.afterWrite()
    }
  }

  /** Call after anything is written to the socket: pauses reading past the high-water mark. */
  afterWrite(): void {
    if (!this.paused && this.socket.writableLength > this.high) {
      this.paused = true
      this.socket.pause()
    }
  }

  /** Resumes reading (and dispatches held frames) once the buffer is below the low-water mark. */
  private check(): void {
    if (!this.paused || this.socket.writableLength > this.low || this.socket.destroyed) return
    this.paused = false
    const dispatch = this.dispatch
    while (!this.paused && this.held.length > 0 && dispatch) {
      dispatch(this.held.shift()!)
      this.afterWrite()
    }
    if (!this.paused) this.socket.resume()
  }
}
