/**
 * The 40-byte header at the start of an index file (RocketMQ store/index/IndexHeader.java), big-endian:
 *
 *    0 beginTimestamp 8 | 8 endTimestamp 8 | 16 beginPhyOffset 8 | 24 endPhyOffset 8
 *   32 hashSlotCount 4  | 36 indexCount 4
 *
 * indexCount starts at 1: entry 0 is never used, so 0 in a hash slot or an entry's "previous" field
 * means "none".
 */
import {readInt64BE, writeInt64BE} from '../../message/int64.js'

/** IndexHeader.INDEX_HEADER_SIZE. */
export const INDEX_HEADER_SIZE = 40

/** The header's fields. */
export class IndexHeader {
  beginTimestamp = 0
  endTimestamp = 0
  beginPhyOffset = 0
  endPhyOffset = 0
  hashSlotCount = 0
  indexCount = 1

  /** The 40 bytes as RocketMQ writes them. */
  encode(): Buffer {
    const b = Buffer.alloc(INDEX_HEADER_SIZE)
    writeInt64BE(b, this.beginTimestamp, 0)
    writeInt64BE(b, this.endTimestamp, 8)
    writeInt64BE(b, this.beginPhyOffset, 16)
    writeInt64BE(b, this.endPhyOffset, 24)
    b.writeInt32BE(this.hashSlotCount, 32)
    b.writeInt32BE(this.indexCount, 36)
    return b
  }

  /** Reads the 40 bytes (IndexHeader.load; a zero indexCount, as in a fresh file, becomes 1). */
  static decode(b: Buffer): IndexHeader {
    const h = new IndexHeader()
    h.beginTimestamp = readInt64BE(b, 0)
    h.endTimestamp = readInt64BE(b, 8)
    h.beginPhyOffset = readInt64BE(b, 16)
    h.endPhyOffset = readInt64BE(b, 24)
    h.hashSlotCount = b.readInt32BE(32)
    h.indexCount = Math.max(1, b.readInt32BE(36))
    return h
  }
}
