/**
 * messageDelayLevel ("1s 5s 10s 30s 1m … 2h"): delay level n (1-based) waits the n-th duration
 * (RocketMQ ScheduleMessageService.parseDelayLevel). A delayed message's consume-queue tagsCode in
 * SCHEDULE_TOPIC_XXXX is its delivery time (ScheduleMessageService.computeDeliverTimestamp).
 */

const UNIT_MS: Record<string, number> = {s: 1000, m: 60_000, h: 3600_000, d: 86_400_000}

/** Durations in ms, index 0 = level 1; throws on an unknown unit. */
export function parseMessageDelayLevel(text: string): number[] {
  return text
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map((t) => {
      const m = /^(\d+)([smhd])$/.exec(t)
      if (!m) throw new Error(`messageDelayLevel: cannot read "${t}" (expected a number and one of s, m, h, d)`)
      return Number(m[1]) * UNIT_MS[m[2]]
    })
}

/** storeTimestamp + the level's delay (levels above the last use the last). */
export function computeDeliverTimestamp(levels: number[], delayLevel: number, storeTimestamp: number): number {
  if (levels.length === 0) return storeTimestamp
  const i = Math.min(Math.max(delayLevel, 1), levels.length) - 1
  return storeTimestamp + levels[i]
}
