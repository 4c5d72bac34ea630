import {FrameError} from './remoting-errors.js'

/**
 * Incremental splitter of a remoting byte stream into frames.
 *
 * Wire: [length:int32 BE][length bytes], where length counts the 4-byte serialize-type/header-length
 * word, the header and the body, but not itself. RocketMQ's NettyDecoder is a Netty
 * LengthFieldBasedFrameDecoder(16 MiB, 0, 4, 0, 4): the limit applies to the whole frame including the
 * length field, and any decode failure closes the channel. The limit and the minimum length are checked
 * as soon as the 4 length bytes are in, before anything is allocated for the frame.
 */

/** RocketMQ's default `com.rocketmq.remoting.frameMaxLength`: 16 MiB, length field included. */
export const FRAME_MAX_LENGTH = 16 * 1024 * 1024

/** The smallest legal length value: the serialize-type/header-length word alone. */
const MIN_LENGTH = 4

/** Splits a stream into frames. Each frame is the bytes after the length field ([type|hlen][header][body]). */
export class FrameDecoder {
  private chunks: Buffer[] = []
  private buffered = 0
  /** Total bytes of the frame being assembled (length field included), or -1 while unknown. */
  private need = -1

  constructor(private readonly maxFrameLength = FRAME_MAX_LENGTH) {}

  /** Bytes received but not yet returned as a frame. */
  get pendingBytes(): number {
    return this.buffered
  }

  /**
   * Set once the stream is found corrupt (bad length, frame over the limit). Frames before the corrupt
   * point are still returned, as Netty's decoder delivers what it decoded before failing; the caller
   * must then close the connection.
   */
  error: FrameError | undefined

  /**
   * Adds bytes and returns every frame now complete, in order. A frame that lies inside one chunk is a
   * view of it (no copy); one split across chunks is copied once. Check `error` afterwards; feeding a
   * decoder that already failed throws it.
   */
  feed(chunk: Buffer): Buffer[] {
    if (this.error !== undefined) throw this.error
    const frames: Buffer[] = []
    try {
      this.split(chunk, frames)
    } catch (err) {
      if (!(err instanceof FrameError)) throw err
      this.error = err
      this.chunks = []
      this.buffered = 0
    }
    return frames
  }

  private split(chunk: Buffer, frames: Buffer[]): void {
    if (chunk.length === 0) return
    // Fast path: nothing pending, and the chunk starts with whole frames.
    if (this.buffered === 0) {
      let pos = 0
      while (chunk.length - pos >= 4) {
        const total = this.frameTotal(chunk.readInt32BE(pos))
        if (chunk.length - pos < total) break
        frames.push(chunk.subarray(pos + 4, pos + total))
        pos += total
      }
      if (pos === chunk.length) return
      chunk = chunk.subarray(pos)
    }
    this.chunks.push(chunk)
    this.buffered += chunk.length
    for (;;) {
      if (this.need < 0) {
        if (this.buffered < 4) break
        this.need = this.frameTotal(this.peekInt32())
      }
      if (this.buffered < this.need) break
      frames.push(this.take(this.need).subarray(4))
      this.need = -1
    }
  }

  private frameTotal(length: number): number {
    if (length < MIN_LENGTH) throw new FrameError(`bad frame length ${length}`)
    if (length + 4 > this.maxFrameLength) {
      throw new FrameError(`frame of ${length + 4} bytes exceeds the limit of ${this.maxFrameLength}`)
    }
    return length + 4
  }

  /** Reads the int32 at the start of the buffered bytes, which may span chunks. */
  private peekInt32(): number {
    const first = this.chunks[0]!
    if (first.length >= 4) return first.readInt32BE(0)
    const four = Buffer.allocUnsafe(4)
    let filled = 0
    for (const c of this.chunks) {
      filled += c.copy(four, filled, 0, Math.min(c.length, 4 - filled))
      if (filled === 4) break
    }
    return four.readInt32BE(0)
  }

  /** Removes and returns exactly n buffered bytes. */
  private take(n: number): Buffer {
    this.buffered -= n
    const first = this.chunks[0]!
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift()
      else this.chunks[0] = first.subarray(n)
      return first.subarray(0, n)
    }
    const out = Buffer.allocUnsafe(n)
    let filled = 0
    while (filled < n) {
      const c = this.chunks[0]!
      const want = n - filled
      if (c.length <= want) {
        c.copy(out, filled)
        filled += c.length
        this.chunks.shift()
      } else {
        c.copy(out, filled, 0, want)
        this.chunks[0] = c.subarray(want)
        filled += want
      }
    }
    return out
  }
}
