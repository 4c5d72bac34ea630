/**
 * The offset rules of HA replication, apart from sockets so they are unit-tested: where a master
 * starts sending, which slave reports it accepts, which frames a slave may append, and whether the
 * bytes at the slave's end look like the start of a record of the same commitlog.
 */
import {BLANK_MAGIC_CODE, MAGICCODE_POS, MESSAGE_MAGIC_CODE, PHYSICALOFFSET_POS, TOTALSIZE_POS} from '../../message/stored-record-layout.js'

/** The commitlog a master sends from (what transferStartOffset reads). */
export interface MasterLogBounds {
  /** First readable offset (getMinPhyOffset). */
  min: number
  /** End of the written log (getMaxPhyOffset). */
  max: number
  /** mappedFileSizeCommitLog. */
  segmentSize: number
}

/**
 * Where a master starts sending to a slave that reported `reported` on connecting
 * (HAConnection.WriteSocketService, docs/rocketmq-facts.md §4). A slave with data continues from its
 * end. A slave with an empty store (0) starts, as in RocketMQ 4.9.8, at the beginning of the master's
 * LAST segment (maxOffset − maxOffset % mappedFileSizeCommitLog): older messages exist only on the
 * master, and a new slave cannot serve them when the master dies. `copyEverything` (an mqlab opt-in)
 * sends an empty slave everything the master still holds instead.
 */
export function transferStartOffset(reported: number, log: MasterLogBounds, copyEverything = false): number {
  if (reported > 0) return reported
  if (copyEverything) return Math.max(0, log.min)
  return Math.max(0, log.max - (log.max % log.segmentSize))
}

/**
 * Checks a slave's report against what the master sent on this connection; returns why it is
 * impossible, or undefined. The first report may be anything (it says where the slave's log ends);
 * later reports only move forward and never past the bytes sent.
 */
export function checkSlaveReport(value: number, previous: number | undefined, sentUpTo: number): string | undefined {
  if (previous === undefined) return undefined
  if (value < previous) return `the slave's acknowledged offset went back from ${previous} to ${value}`
  if (value > sentUpTo) return `the slave acknowledged offset ${value}, beyond the ${sentUpTo} sent to it`
  return undefined
}

/**
 * Whether a slave may append a frame (HAClient.dispatchReadRequest): it must start exactly where the
 * slave's commitlog ends, unless the slave's commitlog is empty. Returns why not, or undefined.
 */
export function checkFrameOffset(slaveMaxOffset: number, frameOffset: number): string | undefined {
  if (slaveMaxOffset === 0 || slaveMaxOffset === frameOffset) return undefined
  return `the master sent data for offset ${frameOffset}, but this slave's commitlog ends at ${slaveMaxOffset}`
}

/** Bytes needed to judge whether data starts a record: through PHYSICALOFFSET. */
export const RECORD_START_CHECK_BYTES = PHYSICALOFFSET_POS + 8

/**
 * Whether `data`, which the master says lies at commitlog offset `offset` (the end of the slave's log,
 * always a record boundary there), starts a record of the same log: a message whose PHYSICALOFFSET
 * field names `offset`, or a segment's blank end. Anything else means the master's log has no record
 * boundary where the slave's log ends: the two logs diverged. Returns why, or undefined when it is
 * fine; 'need-more' when data is too short to judge (wait for more bytes).
 */
export function checkRecordStart(data: Buffer, offset: number, segmentSize: number): string | undefined | 'need-more' {
  if (data.length < 8) return 'need-more'
  const size = data.readInt32BE(TOTALSIZE_POS)
  const magic = data.readInt32BE(MAGICCODE_POS)
  const toSegmentEnd = segmentSize - (offset % segmentSize)
  if (magic === BLANK_MAGIC_CODE) {
    return size === toSegmentEnd ? undefined : `the master's blank segment end at ${offset} is ${size} bytes, but ${toSegmentEnd} remain in the segment`
  }
  if (magic !== MESSAGE_MAGIC_CODE) return `the master's bytes at ${offset} are not a record start (magic 0x${(magic >>> 0).toString(16)})`
  if (size <= RECORD_START_CHECK_BYTES || size > toSegmentEnd) return `the master's record at ${offset} claims ${size} bytes`
  if (data.length < RECORD_START_CHECK_BYTES) return 'need-more'
  const physical = Number(data.readBigInt64BE(PHYSICALOFFSET_POS))
  if (physical !== offset) return `the master's record at ${offset} says it was written at ${physical}`
  return undefined
}
