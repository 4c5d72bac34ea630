/**
 * Per-key counters with minute, hour and day windows (RocketMQ common/stats/StatsItemSet.java and
 * StatsItem.java), behind VIEW_BROKER_STATS_DATA (315): e.g. TOPIC_PUT_NUMS keyed by topic,
 * GROUP_GET_NUMS keyed by `topic@group`, BROKER_PUT_NUMS keyed by the cluster name.
 *
 * Each item adds up a value and a count of events; snapshots are taken every 10 s (the minute window
 * keeps 7, spanning 60 s), every 10 min (hour: 7) and every hour (day: 25). A window reports the value
 * added between its oldest and newest snapshot, that per second, and the value per event (avgpt) —
 * StatsItem.computeStatsData.
 */

/** One window's figures (StatsSnapshot). */
export interface StatsSnapshot {
  sum: number
  tps: number
  avgpt: number
}

interface Sample {
  at: number
  value: number
  times: number
}

const WINDOWS = {minute: {every: 10_000, keep: 7}, hour: {every: 600_000, keep: 7}, day: {every: 3_600_000, keep: 25}} as const
type WindowName = keyof typeof WINDOWS

/** One counter. */
export class StatsItem {
  value = 0
  times = 0
  private readonly samples: Record<WindowName, Sample[]>
  private readonly next: Record<WindowName, number>

  constructor(now: number) {
    const first = (): Sample[] => [{at: now, value: 0, times: 0}]
    this.samples = {minute: first(), hour: first(), day: first()}
    this.next = {minute: now + WINDOWS.minute.every, hour: now + WINDOWS.hour.every, day: now + WINDOWS.day.every}
  }

  add(value: number, times: number): void {
    this.value += value
    this.times += times
  }

  /** Takes the snapshots that are due at `now`. */
  sample(now: number): void {
    for (const name of Object.keys(WINDOWS) as WindowName[]) {
      if (now < this.next[name]) continue
      const list = this.samples[name]
      list.push({at: now, value: this.value, times: this.times})
      if (list.length > WINDOWS[name].keep) list.shift()
      this.next[name] = now + WINDOWS[name].every
    }
  }

  /** getStatsDataInMinute / InHour / InDay. */
  window(name: WindowName): StatsSnapshot {
    const list = this.samples[name]
    const first = list[0]!
    const last = list[list.length - 1]!
    const sum = last.value - first.value
    const span = last.at - first.at
    const times = last.times - first.times
    return {sum, tps: span > 0 ? (sum * 1000) / span : 0, avgpt: times > 0 ? sum / times : 0}
  }
}

/** Counters of one stats name, by key. */
export class StatsItemSet {
  private readonly items = new Map<string, StatsItem>()

  constructor(private readonly clock: () => number) {}

  /** Adds to a key's counter (creating it). */
  add(key: string, value: number, times: number): void {
    let item = this.items.get(key)
    if (!item) this.items.set(key, (item = new StatsItem(this.clock())))
    item.add(value, times)
  }

  get(key: string): StatsItem | undefined {
    return this.items.get(key)
  }

  sample(now: number): void {
    for (const item of this.items.values()) item.sample(now)
  }

  /** Forgets keys (a deleted topic or group). */
  removeWhere(match: (key: string) => boolean): void {
    for (const key of [...this.items.keys()]) if (match(key)) this.items.delete(key)
  }
}

/** BrokerStatsManager's stats names that mqlab counts. */
export const STATS_NAMES = ['TOPIC_PUT_NUMS', 'TOPIC_PUT_SIZE', 'GROUP_GET_NUMS', 'GROUP_GET_SIZE', 'BROKER_PUT_NUMS', 'BROKER_GET_NUMS'] as const
export type StatsName = (typeof STATS_NAMES)[number]

/** Every counted stats name. */
export class BrokerStatsTable {
  private readonly sets = new Map<string, StatsItemSet>()

  constructor(clock: () => number) {
    for (const name of STATS_NAMES) this.sets.set(name, new StatsItemSet(clock))
  }

  add(name: StatsName, key: string, value: number, times = 1): void {
    this.sets.get(name)!.add(key, value, times)
  }

  /** BrokerStatsManager.getStatsItem. */
  getStatsItem(name: string, key: string): StatsItem | undefined {
    return this.sets.get(name)?.get(key)
  }

  sample(now: number): void {
    for (const set of this.sets.values()) set.sample(now)
  }

  /** tpsGroupGetNums: the group's messages per second on a topic over the last minute. */
  tpsGroupGetNums(group: string, topic: string): number {
    return this.getStatsItem('GROUP_GET_NUMS', `${topic}@${group}`)?.window('minute').tps ?? 0
  }

  /** BrokerStatsManager.onGroupDeleted. */
  onGroupDeleted(group: string): void {
    for (const name of ['GROUP_GET_NUMS', 'GROUP_GET_SIZE']) this.sets.get(name)!.removeWhere((k) => k.endsWith(`@${group}`))
  }
}
