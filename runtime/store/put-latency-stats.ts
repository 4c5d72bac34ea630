/**
 * Put latencies as StoreStatsService reports them in GET_BROKER_RUNTIME_INFO: the longest put
 * (putMessageEntireTimeMax, ms), the count per latency bucket over the last full minute
 * (putMessageDistributeTime: "[<=0ms]:n [0~10ms]:n … [10s~]:n "), and p99/p999 interpolated within
 * those buckets (putLatency99, putLatency999, "%.2f" ms). RocketMQ's percentile buckets are finer; the
 * interpolation is the same.
 */

const DESC = [
  '[<=0ms]',
  '[0~10ms]',
  '[10~50ms]',
  '[50~100ms]',
  '[100~200ms]',
  '[200~500ms]',
  '[500ms~1s]',
  '[1~2s]',
  '[2~3s]',
  '[3~4s]',
  '[4~5s]',
  '[5~10s]',
  '[10s~]',
]
// Upper bounds (ms) of the buckets, for setPutMessageEntireTimeMax's bucketing.
const BOUNDS = [0, 10, 50, 100, 200, 500, 1000, 2000, 3000, 4000, 5000, 10000]

/** Latency counters; the distribution rolls once a minute as RocketMQ's sampling thread does. */
export class PutLatencyStats {
  max = 0
  private current = new Array<number>(DESC.length).fill(0)
  private last = new Array<number>(DESC.length).fill(0)
  private rollAt = 0

  /** Counts one put that took `ms`. */
  add(ms: number, now: number): void {
    this.roll(now)
    const v = Math.floor(ms)
    if (v > this.max) this.max = v
    let i = v <= 0 ? 0 : BOUNDS.findIndex((b, k) => k > 0 && v < b)
    if (i < 0) i = DESC.length - 1
    this.current[i]!++
  }

  /** The runtime-info keys. */
  toRuntimeInfo(now: number): Record<string, string> {
    this.roll(now)
    return {
      putMessageEntireTimeMax: String(this.max),
      putMessageDistributeTime: DESC.map((d, i) => `${d}:${this.last[i]} `).join(''),
      putLatency99: this.percentile(0.99).toFixed(2),
      putLatency999: this.percentile(0.999).toFixed(2),
    }
  }

  /** findPutMessageEntireTimePX over the last minute's buckets. */
  percentile(px: number): number {
    const total = this.last.reduce((a, b) => a + b, 0)
    const index = Math.floor(total * px)
    let passed = 0
    for (let i = 0; i < this.last.length; i++) {
      const count = this.last[i]!
      if (index <= passed + count) {
        const upper = i < BOUNDS.length ? BOUNDS[i]! : BOUNDS[BOUNDS.length - 1]! * 2
        const lower = i === 0 ? 0 : BOUNDS[i - 1]!
        return count === 0 ? lower : lower + ((upper - lower) * (index - passed)) / count
      }
      passed += count
    }
    return 0
  }

  private roll(now: number): void {
    if (this.rollAt === 0) this.rollAt = now + 60_000
    if (now < this.rollAt) return
    this.last = this.current
    this.current = new Array<number>(DESC.length).fill(0)
    this.rollAt = now + 60_000
  }
}
