/**
 * Put outcomes of the last minute by status, for the replication report (how many sends of the last
 * 60 s were SEND_OK, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE or FLUSH_DISK_TIMEOUT). One bucket per
 * second; times are passed in.
 */
import type {PutMessageStatus} from './message-store.js'

/** The statuses a stored put can end with, named as the client sees them (SendStatus). */
const SEND_STATUS: Partial<Record<PutMessageStatus, string>> = {
  PUT_OK: 'SEND_OK',
  FLUSH_DISK_TIMEOUT: 'FLUSH_DISK_TIMEOUT',
  FLUSH_SLAVE_TIMEOUT: 'FLUSH_SLAVE_TIMEOUT',
  SLAVE_NOT_AVAILABLE: 'SLAVE_NOT_AVAILABLE',
}

const WINDOW_SECONDS = 60

/** Per-second counts of stored put outcomes over a sliding minute (cheap enough for every put). */
export class RecentPutStatus {
  private buckets: Array<{second: number; counts: Record<string, number>}> = []
  private current: {second: number; counts: Record<string, number>} | undefined

  /** Counts one put (a batch counts once, as one send); refused puts are not sends that stored anything. */
  count(status: PutMessageStatus, now: number): void {
    const name = SEND_STATUS[status]
    if (!name) return
    const second = Math.floor(now / 1000)
    let bucket = this.current
    if (!bucket || bucket.second !== second) {
      bucket = {second, counts: {}}
      this.current = bucket
      this.buckets.push(bucket)
      this.prune(second)
    }
    bucket.counts[name] = (bucket.counts[name] ?? 0) + 1
  }

  /** Counts of the last 60 s; the four send statuses are always present. */
  counts(now: number): Record<string, number> {
    this.prune(Math.floor(now / 1000))
    const out: Record<string, number> = {SEND_OK: 0, FLUSH_DISK_TIMEOUT: 0, FLUSH_SLAVE_TIMEOUT: 0, SLAVE_NOT_AVAILABLE: 0}
    for (const b of this.buckets) for (const [k, n] of Object.entries(b.counts)) out[k] = (out[k] ?? 0) + n
    return out
  }

  private prune(second: number): void {
    let n = 0
    while (n < this.buckets.length && this.buckets[n]!.second <= second - WINDOW_SECONDS) n++
    if (n > 0) this.buckets.splice(0, n)
    if (this.buckets.length === 0) this.current = undefined
  }
}
