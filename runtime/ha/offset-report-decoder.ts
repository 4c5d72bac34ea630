/**
 * The slave → master stream of RocketMQ 4.x HA: nothing but 8-byte big-endian int64 values, each the
 * slave's commitlog max offset. The master acts on the last complete value it has read and drops any
 * older ones (HAConnection.ReadSocketService.processReadEvent reads at `position - position % 8`), so
 * a burst of reports costs one update. A value that cannot be a commitlog offset (negative, or beyond
 * 2^53) means the peer does not speak HA: the caller drops the connection.
 */

/** Width of one report. */
export const OFFSET_REPORT_SIZE = 8

/** The stream is not a stream of HA offset reports. */
export class OffsetReportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OffsetReportError'
  }
}

/** Encodes one report. */
export function encodeOffsetReport(offset: number): Buffer {
  const b = Buffer.allocUnsafe(OFFSET_REPORT_SIZE)
  b.writeBigInt64BE(BigInt(offset), 0)
  return b
}

/** Collects report bytes across reads. */
export class OffsetReportDecoder {
  private partial = Buffer.alloc(0)

  /** Bytes of an incomplete report held back. */
  get pendingBytes(): number {
    return this.partial.length
  }

  /**
   * Adds received bytes; returns the last complete value among them (undefined when none completed).
   * Every completed value is checked, so garbage is caught even when a later value looks fine.
   */
  feed(chunk: Buffer): number | undefined {
    const buf = this.partial.length === 0 ? chunk : Buffer.concat([this.partial, chunk])
    const whole = buf.length - (buf.length % OFFSET_REPORT_SIZE)
    let last: number | undefined
    for (let pos = 0; pos < whole; pos += OFFSET_REPORT_SIZE) {
      const v = buf.readBigInt64BE(pos)
      if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new OffsetReportError(`the peer sent ${v} (0x${buf.subarray(pos, pos + 8).toString('hex')}), which is not a commitlog offset`)
      }
      last = Number(v)
    }
    // Copy the remainder: the chunk may be a view of a socket buffer reused later.
    this.partial = Buffer.from(buf.subarray(whole))
    return last
  }
}
