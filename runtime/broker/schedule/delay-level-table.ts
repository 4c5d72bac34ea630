/**
 * RocketMQ's delay levels (messageDelayLevel, default "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m
 * 30m 1h 2h"): level n (1-based) waits the n-th duration. Units s, m, h, d as in
 * ScheduleMessageService.parseDelayLevel.
 */
const UNIT_MS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000}

/** Delay in ms of each level: index 0 holds level 1. Throws on a malformed entry, naming it. */
export function parseDelayLevel(text: string): number[] {
  const levels: number[] = []
  for (const item of text.trim().split(/\s+/)) {
    if (item === '') continue
    const m = /^(\d+)([smhd])$/.exec(item)
    if (!m) throw new Error(`messageDelayLevel: "${item}" is not a number followed by s, m, h or d`)
    levels.push(Number(m[1]) * UNIT_MS[m[2]!]!)
  }
  if (levels.length === 0) throw new Error('messageDelayLevel is empty')
  return levels
}
