import {BrokerStatsTable} from './stats-item-set.js'

/**
 * Message counters for GET_BROKER_RUNTIME_INFO (RocketMQ BrokerStatsManager + StoreStatsService, as far
 * as `mqadmin clusterList` reads them): totals put and got, their values at this and yesterday's
 * midnight, and throughput over the last 10 s, 1 min and 10 min.
 */
export class BrokerStatsManager {
  /** Per-topic and per-group counters (VIEW_BROKER_STATS_DATA, GET_CONSUME_STATS's TPS). */
  readonly table: BrokerStatsTable

  private putTotal = 0
  private getTotal = 0
  private putTodayMorning = 0
  private putYesterdayMorning = 0
  private getTodayMorning = 0
  private getYesterdayMorning = 0
  private day: number
  /** [start, end) of `day` in ms, so the per-message check needs no Date. */
  private dayStart = 0
  private dayEnd = 0
  /** One [time, putTotal, getTotal, pulls found, pulls missed] sample per second, the last 10 minutes. */
  private readonly samples: Sample[] = []
  /** The store's pull counters (found, missed), for getFoundTps / getMissTps / getTotalTps. */
  storePulls: () => {found: number; miss: number} = () => ({found: 0, miss: 0})

  constructor(
    private readonly clock: () => number = Date.now,
    /** Key of the BROKER_PUT_NUMS / BROKER_GET_NUMS items (RocketMQ: the cluster name). */
    readonly clusterName = '',
    /** The store's runtime info, for its pull counters (getFoundTps, getMissTps, getTotalTps). */
    storeInfo?: () => Record<string, string> | undefined,
  ) {
    if (storeInfo) {
      this.storePulls = () => {
        const info = storeInfo()
        return {found: Number(info?.getMessageTimesTotalFound ?? 0), miss: Number(info?.getMessageTimesTotalMiss ?? 0)}
      }
    }
    this.table = new BrokerStatsTable(clock)
    this.day = dayOf(clock())
    this.samples.push([clock(), 0, 0, 0, 0])
  }

  /** Counts messages stored by a send. */
  incPut(n: number, topic?: string, bytes = 0): void {
    this.rollDay()
    this.putTotal += n
    if (topic === undefined) return
    this.table.add('TOPIC_PUT_NUMS', topic, n, 1)
    this.table.add('TOPIC_PUT_SIZE', topic, bytes, 1)
    this.table.add('BROKER_PUT_NUMS', this.clusterName, n, 1)
  }

  /** Counts messages handed to consumers by a pull. */
  incGet(n: number, topic?: string, group?: string, bytes = 0): void {
    this.rollDay()
    this.getTotal += n
    if (topic === undefined || group === undefined) return
    this.table.add('GROUP_GET_NUMS', `${topic}@${group}`, n, 1)
    this.table.add('GROUP_GET_SIZE', `${topic}@${group}`, bytes, 1)
    this.table.add('BROKER_GET_NUMS', this.clusterName, n, 1)
  }

  /** Takes a throughput sample; the broker calls this once a second. */
  sample(): void {
    this.rollDay()
    this.samples.push(this.current())
    this.table.sample(this.clock())
    while (this.samples.length > 601) this.samples.shift()
  }

  /** Keys as RocketMQ names them in the runtime-info KVTable. */
  runtimeInfo(): Record<string, string> {
    this.rollDay()
    return {
      msgPutTotalYesterdayMorning: String(this.putYesterdayMorning),
      msgPutTotalTodayMorning: String(this.putTodayMorning),
      msgPutTotalTodayNow: String(this.putTotal),
      msgGetTotalYesterdayMorning: String(this.getYesterdayMorning),
      msgGetTotalTodayMorning: String(this.getTodayMorning),
      msgGetTotalTodayNow: String(this.getTotal),
      putTps: `${this.tps(10, 1)} ${this.tps(60, 1)} ${this.tps(600, 1)}`,
      getTransferedTps: `${this.tps(10, 2)} ${this.tps(60, 2)} ${this.tps(600, 2)}`,
      getFoundTps: `${this.tps(10, 3)} ${this.tps(60, 3)} ${this.tps(600, 3)}`,
      getMissTps: `${this.tps(10, 4)} ${this.tps(60, 4)} ${this.tps(600, 4)}`,
      getTotalTps: `${this.tps(10, 5)} ${this.tps(60, 5)} ${this.tps(600, 5)}`,
    }
  }

  /** Messages per second over the last `seconds`, from the samples (index 1 = put, 2 = get). */
  private tps(seconds: number, index: 1 | 2 | 3 | 4 | 5): string {
    const last = this.samples[this.samples.length - 1]!
    const now = this.clock()
    const current = this.current()
    const newest = now > last[0] ? current : last
    let oldest = this.samples[0]!
    for (const s of this.samples) {
      if (newest[0] - s[0] <= seconds * 1000) {
        oldest = s
        break
      }
    }
    const span = (newest[0] - oldest[0]) / 1000
    if (span <= 0) return '0.00'
    const value = (s: Sample) => (index === 5 ? s[3] + s[4] : s[index])
    return ((value(newest) - value(oldest)) / span).toFixed(2)
  }

  private current(): Sample {
    const pulls = this.storePulls()
    return [this.clock(), this.putTotal, this.getTotal, pulls.found, pulls.miss]
  }

  /** At midnight the totals become "this morning" and the old morning becomes "yesterday morning". */
  private rollDay(): void {
    const now = this.clock()
    if (now >= this.dayStart && now < this.dayEnd) return
    const today = dayOf(now)
    this.dayStart = now
    this.dayEnd = nextLocalMidnight(now)
    if (today === this.day) return
    this.putYesterdayMorning = today - this.day === 1 ? this.putTodayMorning : this.putTotal
    this.getYesterdayMorning = today - this.day === 1 ? this.getTodayMorning : this.getTotal
    this.putTodayMorning = this.putTotal
    this.getTodayMorning = this.getTotal
    this.day = today
  }
}

/** [time, putTotal, getTotal, pulls found, pulls missed]. */
type Sample = [number, number, number, number, number]

/** The first ms of the local day after the one holding `ms`. */
function nextLocalMidnight(ms: number): number {
  const d = new Date(ms)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime()
}

function dayOf(ms: number): number {
  const d = new Date(ms)
  return Math.floor(new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() / 86_400_000)
}
