/**
 * Time-based lookups over a consume queue (SEARCH_OFFSET_BY_TIMESTAMP, earliest message time), reading
 * each candidate record's store timestamp from the commitlog (CommitLog.pickupStoreTimestamp).
 */
import {readInt64BE} from '../message/int64.js'
import {MessageSysFlag} from '../message/message-sys-flag.js'
import {SYSFLAG_POS, storeTimestampPos} from '../message/stored-record-layout.js'
import type {CommitLog} from './commit-log.js'
import {BLANK_SIZE, type ConsumeQueue} from './consume-queue.js'

/** Store timestamp of the record at a commitlog offset, or -1. */
export async function pickupStoreTimestamp(commitLog: Pick<CommitLog, 'getData'>, offset: number, size: number): Promise<number> {
  const head = await commitLog.getData(offset, Math.min(size, 96))
  if (!head || head.length < 80) return -1
  const sysFlag = head.readInt32BE(SYSFLAG_POS)
  const bornLen = (sysFlag & MessageSysFlag.BORNHOST_V6_FLAG) === 0 ? 8 : 20
  return readInt64BE(head, storeTimestampPos(bornLen))
}

/** Store time of the message at a queue offset, or -1 (a filler or a deleted record). */
async function timeAt(cq: ConsumeQueue, commitLog: Pick<CommitLog, 'getData'>, index: number): Promise<number> {
  const e = await cq.getEntry(index)
  if (!e || e.sizePy === BLANK_SIZE) return -1
  return pickupStoreTimestamp(commitLog, e.offsetPy, e.sizePy)
}

/** First queue offset whose store time is ≥ timestamp; the max offset when every message is older. */
export async function getOffsetInQueueByTime(cq: ConsumeQueue, commitLog: Pick<CommitLog, 'getData'>, timestamp: number): Promise<number> {
  let lo = cq.getMinOffsetInQueue()
  let hi = cq.getMaxOffsetInQueue()
  // Store times are non-decreasing along a queue (assigned in append order), so binary search works.
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2)
    const t = await timeAt(cq, commitLog, mid)
    if (t >= 0 && t >= timestamp) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** Store time of the first readable message, or -1. */
export async function getEarliestMessageTime(cq: ConsumeQueue, commitLog: Pick<CommitLog, 'getData'>): Promise<number> {
  const min = cq.getMinOffsetInQueue()
  if (min >= cq.getMaxOffsetInQueue()) return -1
  return timeAt(cq, commitLog, min)
}
