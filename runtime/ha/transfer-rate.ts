/**
 * Bytes per second over the last few seconds, for the replication report ("1.2 MB/s"). Bytes are
 * summed into 100 ms buckets; the rate is what the buckets inside the window hold divided by the
 * window (or by the time since the first byte, when that is shorter). Times are passed in.
 */

const BUCKET_MS = 100

/** A sliding-window byte rate. */
export class TransferRate {
  private buckets: Array<{at: number; bytes: number}> = []
  private since: number | undefined

  constructor(private readonly windowMs = 5000) {}

  /** Counts bytes moved at time now. */
  add(bytes: number, now: number): void {
    if (bytes <= 0) return
    if (this.since === undefined) this.since = now
    const at = now - (now % BUCKET_MS)
    const last = this.buckets[this.buckets.length - 1]
    if (last && last.at === at) {
      last.bytes += bytes
      return
    }
    this.buckets.push({at, bytes})
    this.prune(now)
  }

  /** Bytes per second at time now (0 when nothing moved within the window). */
  rate(now: number): number {
    this.prune(now)
    if (this.buckets.length === 0 || this.since === undefined) return 0
    let total = 0
    for (const b of this.buckets) total += b.bytes
    const span = Math.max(BUCKET_MS, Math.min(this.windowMs, now - this.since))
    return Math.round((total * 1000) / span)
  }

  private prune(now: number): void {
    let n = 0
    while (n < this.buckets.length && this.buckets[n]!.at + BUCKET_MS <= now - this.windowMs) n++
    if (n > 0) this.buckets.splice(0, n)
  }
}
