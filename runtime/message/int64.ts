/**
 * int64 fields as JS numbers without BigInt (allocation-free, several times faster on the put path).
 * Exact for |v| < 2^53, which every offset, timestamp and int32 tagsCode is.
 */

const TWO_32 = 4294967296

/** Writes v as a big-endian signed int64 at pos; returns pos + 8. */
export function writeInt64BE(buf: Buffer, v: number, pos: number): number {
  const hi = Math.floor(v / TWO_32)
  buf.writeInt32BE(hi | 0, pos)
  buf.writeUInt32BE(v - hi * TWO_32, pos + 4)
  return pos + 8
}

/** Reads a big-endian signed int64 at pos as a number. */
export function readInt64BE(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * TWO_32 + buf.readUInt32BE(pos + 4)
}
