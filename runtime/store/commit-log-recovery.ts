/**
 * Finding the end of the commitlog after a restart (RocketMQ CommitLog.recoverNormally /
 * recoverAbnormally): scan records from a known-good point, checking each (magic, size, position, body
 * CRC), until the first invalid one; everything before it is kept, everything after is cut.
 *
 * - Normal (clean shutdown, no abort file): scan the last three segments (RocketMQ), except what the
 *   consume queues vouch for: a clean shutdown dispatched and flushed every record before it deleted the
 *   abort file, so the scan starts at the end of the last indexed record once that record itself checks
 *   out (magic, size, position, CRC); anything after it is scanned as before.
 * - Abnormal (abort file present): scan from the newest segment whose first record is older than the
 *   checkpoint's min(physic, logics) − 3 s; records from there on are re-dispatched to the consume queues.
 */
import {readInt64BE} from '../message/int64.js'
import type {Logger} from '../common/logger.js'
import {MESSAGE_MAGIC_CODE, MAGICCODE_POS, SYSFLAG_POS, storeTimestampPos} from '../message/stored-record-layout.js'
import {MessageSysFlag} from '../message/message-sys-flag.js'
import {scanRecords, type ScanResult} from './check-message-and-return-size.js'
import type {DispatchRequest} from './dispatch-request.js'
import type {MappedFile} from './mapped-file.js'
import type {MappedFileQueue} from './mapped-file-queue.js'

const WINDOW = 8 * 1024 * 1024

/** Where recovery found the end of valid data. */
export interface RecoveryOutcome {
  /** Commitlog offset just after the last valid record: the new end. */
  processOffset: number
  /** Where to (re)start dispatching (abnormal recovery: the first scanned segment). */
  scanFrom: number
  /** Valid records scanned. */
  records: number
  /** Why the scan stopped, when it stopped on something other than a clean end. */
  stopReason?: string
}

/** Re-indexing while scanning (abnormal recovery): what to call per valid record. */
export interface ScanDispatch {
  onRecord: (req: DispatchRequest) => void
  /** Whether a record still needs indexing (its properties are parsed only then). */
  needsDispatch: (topic: string, queueId: number, commitLogOffset: number, msgSize: number) => boolean
}

/** Scans one segment from startPos with bounded reads; returns where and why it stopped. */
export async function scanSegment(file: MappedFile, startPos: number, checkCRC: boolean, dispatch?: ScanDispatch): Promise<ScanResult> {
  let pos = startPos
  let records = 0
  let window = WINDOW
  for (;;) {
    const len = Math.min(window, file.fileSize - pos)
    if (len <= 0) return {position: pos, stop: 'invalid', reason: 'segment ends without a blank marker', records}
    const buf = await file.read(pos, len)
    if (!buf) return {position: pos, stop: 'invalid', reason: 'segment unreadable', records}
    const base = {checkCRC, bufferOffset: file.fileFromOffset + pos, bytesToSegmentEnd: file.fileSize - pos}
    const r = dispatch
      ? scanRecords(buf, 0, {...base, readProperties: dispatch.needsDispatch}, dispatch.onRecord)
      : scanRecords(buf, 0, {...base, readProperties: false, validateOnly: true})
    records += r.records
    pos += r.position
    if (r.stop !== 'incomplete') return {...r, position: pos, records}
    // The window ended inside a record: read again from that record, big enough to hold it.
    window = r.records === 0 && buf.length - r.position >= 4 ? Math.max(WINDOW, buf.readInt32BE(r.position)) : WINDOW
  }
}

/** Scans segments from index (at startPos in that one) onward; blank markers move to the next segment. */
async function scanFrom(
  queue: MappedFileQueue,
  index: number,
  checkCRC: boolean,
  logger: Logger,
  dispatch?: ScanDispatch,
  startPos = 0,
): Promise<RecoveryOutcome> {
  const files = queue.files
  const scanStart = files[index].fileFromOffset + startPos
  let records = 0
  for (let i = index; i < files.length; i++) {
    const f = files[i]
    const r = await scanSegment(f, i === index ? startPos : 0, checkCRC, dispatch)
    records += r.records
    if (r.stop === 'blank' && i + 1 < files.length) continue
    const processOffset = f.fileFromOffset + r.position
    const clean = r.stop === 'blank' || r.reason === 'end of data (zeros)'
    if (!clean) logger.warn(`recovery: commitlog ends at ${processOffset} in ${f.fileName}: ${r.reason}; cutting what follows`)
    return {processOffset, scanFrom: scanStart, records, stopReason: clean ? undefined : r.reason}
  }
  return {processOffset: scanStart, scanFrom: scanStart, records}
}

/** A commitlog record known to have been written, dispatched and flushed (a consume queue's last entry). */
export interface VouchedRecord {
  offset: number
  size: number
}

/**
 * Recovery after a clean shutdown: the last three segments, or, when `vouched` lies in them and checks
 * out, only from its end on (see the top of this file).
 */
export async function recoverNormally(queue: MappedFileQueue, checkCRC: boolean, logger: Logger, vouched?: VouchedRecord): Promise<RecoveryOutcome> {
  const files = queue.files
  if (files.length === 0) return {processOffset: 0, scanFrom: 0, records: 0}
  const index = Math.max(0, files.length - 3)
  if (vouched !== undefined && vouched.offset >= files[index].fileFromOffset) {
    const at = files.findIndex((f) => vouched.offset >= f.fileFromOffset && vouched.offset < f.fileFromOffset + f.fileSize)
    const f = at < 0 ? undefined : files[at]
    const pos = f === undefined ? 0 : vouched.offset - f.fileFromOffset
    if (f !== undefined && pos + vouched.size < f.fileSize && (await recordChecksOut(f, pos, vouched.size, checkCRC))) {
      const outcome = await scanFrom(queue, at, checkCRC, logger, undefined, pos + vouched.size)
      return {...outcome, records: outcome.records + 1}
    }
    logger.warn(
      `recovery: the last indexed record [${vouched.offset}, +${vouched.size}) does not check out; scanning the last ${files.length - index} segments`,
    )
  }
  return scanFrom(queue, index, checkCRC, logger)
}

/** Whether a whole valid record of exactly `size` bytes starts at `pos` of `file`. */
async function recordChecksOut(file: MappedFile, pos: number, size: number, checkCRC: boolean): Promise<boolean> {
  const buf = await file.read(pos, size)
  if (!buf || buf.length !== size) return false
  const r = scanRecords(buf, 0, {
    checkCRC,
    readProperties: false,
    validateOnly: true,
    bufferOffset: file.fileFromOffset + pos,
    bytesToSegmentEnd: file.fileSize - pos,
  })
  return r.records === 1 && r.position === size
}

/**
 * Recovery after a crash: from the segment the checkpoint vouches for. With dispatch, every valid
 * record is re-indexed during the same pass (RocketMQ does the same); consume-queue entries past the
 * cut are removed afterwards.
 */
export async function recoverAbnormally(
  queue: MappedFileQueue,
  minTimestamp: number,
  checkCRC: boolean,
  logger: Logger,
  dispatch?: ScanDispatch,
): Promise<RecoveryOutcome> {
  const files = queue.files
  if (files.length === 0) return {processOffset: 0, scanFrom: 0, records: 0}
  let index = files.length - 1
  for (; index >= 0; index--) if (await isMappedFileMatchedRecover(files[index], minTimestamp)) break
  if (index < 0) index = 0
  logger.info(`recovery: abnormal shutdown, scanning from ${files[index].fileName}`)
  return scanFrom(queue, index, checkCRC, logger, dispatch)
}

/** Whether a segment's first record is a message stored no later than minTimestamp. */
async function isMappedFileMatchedRecover(file: MappedFile, minTimestamp: number): Promise<boolean> {
  const head = await file.read(0, Math.min(file.fileSize, 128))
  if (!head || head.length < 80 || head.readInt32BE(MAGICCODE_POS) !== MESSAGE_MAGIC_CODE) return false
  const sysFlag = head.readInt32BE(SYSFLAG_POS)
  const bornLen = (sysFlag & MessageSysFlag.BORNHOST_V6_FLAG) === 0 ? 8 : 20
  const storeTimestamp = readInt64BE(head, storeTimestampPos(bornLen))
  return storeTimestamp !== 0 && storeTimestamp <= minTimestamp
}
