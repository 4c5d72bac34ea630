/**
 * Reading a consume queue for a pull (RocketMQ DefaultMessageStore.getMessage): the status and next
 * offset for each situation of the table in docs/rocketmq-facts.md §2.5, tag filtering on consume-queue tagsCodes, RocketMQ's batch
 * limits, and whole records read byte-exact from the commitlog (neighbouring records in one read).
 */
import type {CommitLog} from './commit-log.js'
import {BLANK_SIZE, CQ_STORE_UNIT_SIZE, type ConsumeQueue, readEntry} from './consume-queue.js'
import type {GetMessageResult, GetMessageStatus, MessageFilter} from './message-store.js'

// MessageStoreConfig defaults: maxTransfer{Bytes,Count}OnMessageIn{Memory,Disk}.
const MAX_TRANSFER_BYTES_IN_MEMORY = 256 * 1024
const MAX_TRANSFER_COUNT_IN_MEMORY = 32
const MAX_TRANSFER_BYTES_ON_DISK = 64 * 1024
const MAX_TRANSFER_COUNT_ON_DISK = 8
/** Records closer than this are fetched with one read. */
const COALESCE_GAP = 64 * 1024
const COALESCE_MAX = 1024 * 1024

/** The commitlog reads getMessage makes (DLedger mode serves them from its entry files). */
export type CommitLogView = Pick<CommitLog, 'getMaxOffset' | 'getMinOffset' | 'rollNextFile' | 'getData' | 'getMessage'>

/** What getMessage needs from the store. */
export interface GetMessageContext {
  commitLog: CommitLogView
  findConsumeQueue(topic: string, queueId: number): ConsumeQueue | undefined
  /** A slave keeps the requested offset instead of correcting it, unless offsetCheckInSlave. */
  correctOffsets: boolean
  /** Bytes behind the commitlog end beyond which data is assumed out of memory (total RAM × accessMessageInMemoryMaxRatio). */
  memoryBytes: number
}

/** Whether a pull batch is full before adding a record of sizePy (DefaultMessageStore.isTheBatchFull). */
export function isTheBatchFull(sizePy: number, maxMsgNums: number, bufferTotal: number, messageTotal: number, isInDisk: boolean): boolean {
  if (bufferTotal === 0 || messageTotal === 0) return false
  if (maxMsgNums <= messageTotal) return true
  if (isInDisk) return bufferTotal + sizePy > MAX_TRANSFER_BYTES_ON_DISK || messageTotal > MAX_TRANSFER_COUNT_ON_DISK - 1
  return bufferTotal + sizePy > MAX_TRANSFER_BYTES_IN_MEMORY || messageTotal > MAX_TRANSFER_COUNT_IN_MEMORY - 1
}

interface Selected {
  offsetPy: number
  sizePy: number
  tagsCode: number
}

/** Runs one pull against the store. */
export async function getMessage(
  ctx: GetMessageContext,
  topic: string,
  queueId: number,
  offset: number,
  maxMsgNums: number,
  filter?: MessageFilter,
): Promise<GetMessageResult> {
  const correction = (next: number) => (ctx.correctOffsets ? next : offset)
  const result = (
    status: GetMessageStatus,
    nextBeginOffset: number,
    minOffset = 0,
    maxOffset = 0,
    messages: Buffer[] = [],
    suggest = false,
  ): GetMessageResult => ({
    status,
    nextBeginOffset,
    minOffset,
    maxOffset,
    messages,
    suggestPullingFromSlave: suggest,
  })
  if (!Number.isSafeInteger(offset)) throw new RangeError(`queue offset must be an integer, not ${offset}`)
  const cq = ctx.findConsumeQueue(topic, queueId)
  if (!cq) return result('NO_MATCHED_LOGIC_QUEUE', correction(0))
  const minOffset = cq.getMinOffsetInQueue()
  const maxOffset = cq.getMaxOffsetInQueue()
  if (maxOffset === 0) return result('NO_MESSAGE_IN_QUEUE', correction(0), minOffset, maxOffset)
  if (offset < minOffset) return result('OFFSET_TOO_SMALL', correction(minOffset), minOffset, maxOffset)
  if (offset === maxOffset) return result('OFFSET_OVERFLOW_ONE', correction(offset), minOffset, maxOffset)
  if (offset > maxOffset) return result('OFFSET_OVERFLOW_BADLY', correction(maxOffset), minOffset, maxOffset)

  const maxFilterBytes = Math.max(16000, maxMsgNums * CQ_STORE_UNIT_SIZE)
  const index = await cq.getIndexBuffer(offset, maxFilterBytes)
  if (!index) return result('OFFSET_FOUND_NULL', correction(cq.rollNextFile(offset)), minOffset, maxOffset)

  const maxOffsetPy = ctx.commitLog.getMaxOffset()
  const minOffsetPy = ctx.commitLog.getMinOffset()
  let status: GetMessageStatus = 'NO_MATCHED_MESSAGE'
  const selected: Selected[] = []
  let bufferTotal = 0
  let nextPhyFileStartOffset = Number.MIN_SAFE_INTEGER
  let maxPhyOffsetPulling = 0
  let i = 0
  for (; i + CQ_STORE_UNIT_SIZE <= index.buf.length; i += CQ_STORE_UNIT_SIZE) {
    const {offsetPy, sizePy, tagsCode} = readEntry(index.buf, i)
    if (sizePy === BLANK_SIZE) continue // a filler before a queue's first entry: nothing to read
    maxPhyOffsetPulling = offsetPy
    if (offsetPy < nextPhyFileStartOffset) continue
    const isInDisk = maxOffsetPy - offsetPy > ctx.memoryBytes
    if (isTheBatchFull(sizePy, maxMsgNums, bufferTotal, selected.length, isInDisk)) break
    if (filter && !filter(tagsCode)) {
      if (bufferTotal === 0) status = 'NO_MATCHED_MESSAGE'
      continue
    }
    if (offsetPy < minOffsetPy || offsetPy + sizePy > maxOffsetPy) {
      // The segment is deleted (retention) or the entry is a filler: skip to the next segment.
      if (bufferTotal === 0) status = 'MESSAGE_WAS_REMOVING'
      nextPhyFileStartOffset = ctx.commitLog.rollNextFile(offsetPy)
      continue
    }
    selected.push({offsetPy, sizePy, tagsCode})
    bufferTotal += sizePy
    nextPhyFileStartOffset = Number.MIN_SAFE_INTEGER
  }
  const nextBeginOffset = offset + i / CQ_STORE_UNIT_SIZE
  const records = await readRecords(ctx.commitLog, selected)
  const messages: Buffer[] = []
  const wantsRecord = filter !== undefined && filter.length >= 2
  for (const [k, rec] of records.entries()) {
    if (!rec) {
      if (messages.length === 0) status = 'MESSAGE_WAS_REMOVING'
      continue
    }
    if (wantsRecord && !filter(selected[k].tagsCode, rec)) continue
    messages.push(rec)
    status = 'FOUND'
  }
  const suggest = maxOffsetPy - maxPhyOffsetPulling > ctx.memoryBytes
  return result(status, nextBeginOffset, minOffset, maxOffset, messages, suggest)
}

/** Reads the selected records, one read per run of neighbouring records. */
async function readRecords(commitLog: CommitLogView, selected: Selected[]): Promise<Array<Buffer | undefined>> {
  const out: Array<Buffer | undefined> = new Array(selected.length)
  const segment = (o: number) => commitLog.rollNextFile(o)
  let g = 0
  while (g < selected.length) {
    const start = selected[g].offsetPy
    let end = start + selected[g].sizePy
    let h = g + 1
    while (
      h < selected.length &&
      segment(selected[h].offsetPy) === segment(start) &&
      selected[h].offsetPy >= end &&
      selected[h].offsetPy - end <= COALESCE_GAP &&
      selected[h].offsetPy + selected[h].sizePy - start <= COALESCE_MAX
    ) {
      end = selected[h].offsetPy + selected[h].sizePy
      h++
    }
    const block = h - g > 1 ? await commitLog.getData(start, end - start, true) : undefined
    for (let k = g; k < h; k++) {
      const s = selected[k]
      out[k] = block ? block.subarray(s.offsetPy - start, s.offsetPy - start + s.sizePy) : await commitLog.getMessage(s.offsetPy, s.sizePy)
    }
    g = h
  }
  return out
}
