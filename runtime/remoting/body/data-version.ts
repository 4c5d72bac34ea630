/**
 * RocketMQ's DataVersion (common/DataVersion.java): a timestamp and a counter bumped on every change to
 * a broker's topic or subscription-group table. The name server keeps a broker's queue data only when
 * the version it registers changes.
 */
export interface DataVersion {
  timestamp: number
  counter: number
}

/** A fresh version stamped with `now`. */
export function newDataVersion(now: number): DataVersion {
  return {timestamp: now, counter: 0}
}

/** The next version after a change. */
export function nextDataVersion(v: DataVersion, now: number): DataVersion {
  return {timestamp: now, counter: v.counter + 1}
}

/** Reads a DataVersion from parsed JSON, or undefined when absent or malformed. */
export function dataVersionFromJson(value: unknown): DataVersion | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  const timestamp = Number(v.timestamp)
  const counter = Number(v.counter)
  if (!Number.isFinite(timestamp) || !Number.isFinite(counter)) return undefined
  return {timestamp, counter}
}
