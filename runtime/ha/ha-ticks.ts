/** The clock of an HA connection's core: a tick a few times per heartbeat and housekeeping interval. */
import type {Timers} from '../common/timers.js'

/** How often a core is ticked: often enough to honour both intervals within a few percent. */
export function tickInterval(config: {haSendHeartbeatInterval: number; haHousekeepingInterval: number}): number {
  return Math.max(10, Math.min(1000, Math.floor(config.haSendHeartbeatInterval / 2), Math.floor(config.haHousekeepingInterval / 4)))
}

/** Calls `tick` every tickInterval(config) (read anew each time: a run-time change applies) until stopped. */
export function startTicks(timers: Timers, config: {haSendHeartbeatInterval: number; haHousekeepingInterval: number}, tick: () => void): () => void {
  let handle: unknown
  let stopped = false
  const next = () => {
    handle = timers.setTimeout(() => {
      if (stopped) return
      tick()
      if (!stopped) next()
    }, tickInterval(config))
  }
  next()
  return () => {
    stopped = true
    timers.clearTimeout(handle)
  }
}
