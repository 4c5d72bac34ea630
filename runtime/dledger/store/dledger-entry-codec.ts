/**
 * DLedger 0.3.1.2's on-disk entry and index record (DLedgerEntry, DLedgerEntryCoder), big-endian:
 *
 *   entry:  magic:int32 (1) | size:int32 (48 + body) | index:int64 | term:int64 | pos:int64 (absolute
 *           offset of the entry) | channel:int32 (0) | chainCrc:int32 (0) | bodyCrc:int32 (0) |
 *           bodyLength:int32 | body
 *   index:  magic:int32 | pos:int64 | size:int32 | index:int64 | term:int64   (32 bytes at index × 32)
 *   blank:  int32 −1 | int32 bytes left in the file — ends a data file when an entry + 8 would not fit.
 *
 * DLedger never computes the CRC fields in this version; they are written as 0 and not checked.
 */

/** DLedgerEntry.CURRENT_MAGIC. */
export const ENTRY_MAGIC = 1
/** Bytes before the body. */
export const ENTRY_HEADER_SIZE = 48
/** Offset of the pos field. */
export const POS_OFFSET = 24
/** One index record. */
export const INDEX_UNIT_SIZE = 32
/** MmapFileList.BLANK_MAGIC_CODE. */
export const BLANK_MAGIC = -1
/** MmapFileList.MIN_BLANK_LEN: an entry is placed only if 8 bytes are left after it. */
export const MIN_BLANK_LEN = 8

/** A decoded entry header. */
export interface EntryHeader {
  readonly magic: number
  readonly size: number
  readonly index: number
  readonly term: number
  readonly pos: number
  readonly channel: number
  readonly chainCrc: number
  readonly bodyCrc: number
  readonly bodyLength: number
}

/** Encodes an entry; `body` is copied after the header. */
export function encodeEntry(index: number, term: number, pos: number, body: Uint8Array): Buffer {
  const buf = Buffer.alloc(ENTRY_HEADER_SIZE + body.length)
  buf.writeInt32BE(ENTRY_MAGIC, 0)
  buf.writeInt32BE(buf.length, 4)
  buf.writeBigInt64BE(BigInt(index), 8)
  buf.writeBigInt64BE(BigInt(term), 16)
  buf.writeBigInt64BE(BigInt(pos), POS_OFFSET)
  // channel, chainCrc and bodyCrc stay 0.
  buf.writeInt32BE(body.length, 44)
  buf.set(body, ENTRY_HEADER_SIZE)
  return buf
}

/** Decodes the 48-byte header at `offset`. */
export function decodeEntryHeader(buf: Buffer, offset = 0): EntryHeader {
  return {
    magic: buf.readInt32BE(offset),
    size: buf.readInt32BE(offset + 4),
    index: Number(buf.readBigInt64BE(offset + 8)),
    term: Number(buf.readBigInt64BE(offset + 16)),
    pos: Number(buf.readBigInt64BE(offset + POS_OFFSET)),
    channel: buf.readInt32BE(offset + 32),
    chainCrc: buf.readInt32BE(offset + 36),
    bodyCrc: buf.readInt32BE(offset + 40),
    bodyLength: buf.readInt32BE(offset + 44),
  }
}

/** A decoded index record. */
export interface IndexRecord {
  readonly magic: number
  readonly pos: number
  readonly size: number
  readonly index: number
  readonly term: number
}

/** Encodes an index record. */
export function encodeIndexRecord(r: IndexRecord): Buffer {
  const buf = Buffer.alloc(INDEX_UNIT_SIZE)
  buf.writeInt32BE(r.magic, 0)
  buf.writeBigInt64BE(BigInt(r.pos), 4)
  buf.writeInt32BE(r.size, 12)
  buf.writeBigInt64BE(BigInt(r.index), 16)
  buf.writeBigInt64BE(BigInt(r.term), 24)
  return buf
}

/** Decodes an index record at `offset`. */
export function decodeIndexRecord(buf: Buffer, offset = 0): IndexRecord {
  return {
    magic: buf.readInt32BE(offset),
    pos: Number(buf.readBigInt64BE(offset + 4)),
    size: buf.readInt32BE(offset + 12),
    index: Number(buf.readBigInt64BE(offset + 16)),
    term: Number(buf.readBigInt64BE(offset + 24)),
  }
}

/** The 8-byte blank that closes a data file, followed by zeros up to `remaining` bytes. */
export function encodeBlank(remaining: number): Buffer {
  const buf = Buffer.alloc(remaining)
  buf.writeInt32BE(BLANK_MAGIC, 0)
  buf.writeInt32BE(remaining, 4)
  return buf
}

/** Whether a header at absolute position `at` is a whole, plausible entry for a file with `left` bytes left. */
export function isValidEntryHeader(h: EntryHeader, at: number, left: number): boolean {
  return h.magic === ENTRY_MAGIC && h.size >= ENTRY_HEADER_SIZE && h.size <= left && h.bodyLength + ENTRY_HEADER_SIZE === h.size && h.pos === at
}

/** 20-digit, zero-padded file name of a file starting at `offset` (as RocketMQ and DLedger name files). */
export function fileNameOf(offset: number): string {
  return String(offset).padStart(20, '0')
}
