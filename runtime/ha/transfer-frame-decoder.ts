/**
 * The master → slave stream of RocketMQ 4.x HA (HAConnection.WriteSocketService, read by
 * HAService.HAClient.dispatchReadRequest): frames of
 *
 *   0 physical offset int64 | 8 body size int32 | 12 body (raw commitlog bytes)
 *
 * big-endian; a body size of 0 is a heartbeat (the offset is then the master's next transfer position).
 * Incremental: feed() takes whatever the socket delivered and returns the whole frames it completed;
 * a frame body is a view of the received bytes, copied only when it spans chunks. A negative or
 * oversized length or offset means the stream is not HA data: the decoder fails for good.
 */

/** One decoded frame. */
export interface TransferFrame {
  /** Commitlog offset of data[0] (the next transfer position for a heartbeat). */
  offset: number
  /** Raw commitlog bytes; empty for a heartbeat. */
  data: Buffer
}

/** Header bytes before each body (8 + 4). */
export const TRANSFER_HEADER_SIZE = 12

/**
 * Largest body a frame may carry: RocketMQ's slave reads into a 4 MiB buffer (HAClient
 * READ_MAX_BUFFER_SIZE), so a larger frame could never reach a Java slave either.
 */
export const MAX_TRANSFER_BODY = 4 * 1024 * 1024 - TRANSFER_HEADER_SIZE

/** The stream is not an HA transfer stream. */
export class TransferStreamError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TransferStreamError'
  }
}

/** Encodes a frame header (body sent separately, so the commitlog bytes are never copied). */
export function encodeTransferHeader(offset: number, size: number): Buffer {
  const h = Buffer.allocUnsafe(TRANSFER_HEADER_SIZE)
  h.writeBigInt64BE(BigInt(offset), 0)
  h.writeInt32BE(size, 8)
  return h
}

/** Splits the master's byte stream into frames. */
export class TransferFrameDecoder {
  private chunks: Buffer[] = []
  private length = 0
  private failed: TransferStreamError | undefined

  /** Bytes received but not yet part of a whole frame. */
  get pendingBytes(): number {
    return this.length
  }

  /** Adds received bytes; returns the frames now complete. Throws TransferStreamError on corrupt input (and for every later call). */
  feed(chunk: Buffer): TransferFrame[] {
    if (this.failed) throw this.failed
    if (chunk.length > 0) {
      this.chunks.push(chunk)
      this.length += chunk.length
    }
    const frames: TransferFrame[] = []
    while (this.length >= TRANSFER_HEADER_SIZE) {
      const head = this.peek(TRANSFER_HEADER_SIZE)
      const offset = head.readBigInt64BE(0)
      const size = head.readInt32BE(8)
      if (offset < 0n || offset > BigInt(Number.MAX_SAFE_INTEGER)) throw this.fail(`frame offset ${offset} is not a commitlog offset`)
      if (size < 0 || size > MAX_TRANSFER_BODY) throw this.fail(`frame body size ${size} is outside 0..${MAX_TRANSFER_BODY}`)
      if (this.length < TRANSFER_HEADER_SIZE + size) break
      const whole = this.take(TRANSFER_HEADER_SIZE + size)
      frames.push({offset: Number(offset), data: whole.subarray(TRANSFER_HEADER_SIZE)})
    }
    return frames
  }

  private fail(reason: string): TransferStreamError {
    this.failed = new TransferStreamError(`corrupt HA transfer stream: ${reason}`)
    this.chunks = []
    this.length = 0
    return this.failed
  }

  /** The first n bytes as one buffer (joining the chunks they span into one). */
  private peek(n: number): Buffer {
    const first = this.chunks[0]!
    if (first.length >= n) return first
    let joined = 0
    let k = 0
    while (joined < n) joined += this.chunks[k++]!.length
    const merged = Buffer.concat(this.chunks.slice(0, k), joined)
    this.chunks.splice(0, k, merged)
    return merged
  }

  /** Removes and returns the first n bytes. */
  private take(n: number): Buffer {
    const head = this.peek(n)
    if (head.length === n) this.chunks.shift()
    else this.chunks[0] = head.subarray(n)
    this.length -= n
    return head.subarray(0, n)
  }
}
