/**
 * Unavailability per broker group and fault, as OpenChaos's RTO checker measures it but per group and
 * for reads too. Pure. For each fault window that touches a group:
 * - writes: from the fault to the first send acknowledged by that group afterwards (classic
 *   master/slave never promotes, so for a dead master this is its return; a DLedger group's new
 *   leader takes writes after the election), and to the first acknowledged send anywhere (what a
 *   producer with retries sees);
 * - reads: from the fault (or the consumers' start, when later) to the first message of the group delivered afterwards, and who served it
 *   (brokerId > 0: the slave; a new leader; or the master back). Only meaningful when something of
 *   the group was waiting to be read at the fault; otherwise `readWaiting` is false.
 * - waited for the restart: acknowledged messages of the group, stored before the fault and not yet
 *   delivered, that were first delivered only after the fault ended (or never): what a master/slave
 *   group could not serve from its survivors. A message that stayed there is what "async: a little may
 *   be lost" means if the master's disk had gone with it.
 */
import type {FaultWindow, History} from './history.js'
import {sendIndex} from './queue-checker.js'

/** One group's view of one fault. */
export interface GroupUnavailability {
  group: string
  fault: string
  start: number
  end: number | null
  /** ms from the fault to the group's first acknowledged send after it; null: none in the run. */
  writeUnavailableMs: number | null
  /** ms from the fault to the first acknowledged send anywhere after it; null: none. */
  anyWriteUnavailableMs: number | null
  /** Whether an acknowledged message of the group was still unread when the fault started. */
  readWaiting: boolean
  /** ms from the fault to the first delivery of the group's messages after it; null: none. */
  readUnavailableMs: number | null
  /** brokerId that served that first delivery (0 master, > 0 slave). */
  firstReadBrokerId: number | null
  /** Messages of the group unread at the fault, first delivered only after the fault ended, or never. */
  waitedForRestart: number
  /** …of which never delivered at all. */
  neverDelivered: number
}

export function checkAvailability(history: Pick<History, 'sends' | 'consumes' | 'consumersFrom'>, windows: readonly FaultWindow[]): GroupUnavailability[] {
  const find = sendIndex(history.sends)
  const firstDelivery = new Map<number, number>()
  const consumes = [...history.consumes].sort((a, b) => a.t - b.t)
  for (const c of consumes) {
    const s = find(c)
    if (s !== undefined && !firstDelivery.has(s.seq)) firstDelivery.set(s.seq, c.t)
  }
  const acked = history.sends.filter((s) => s.outcome === 'ok').map((s) => ({s, done: s.t + s.latencyMs}))
  acked.sort((a, b) => a.done - b.done)
  const out: GroupUnavailability[] = []
  for (const w of windows) {
    for (const group of w.groups) {
      const firstGroupWrite = acked.find((a) => a.s.broker === group && a.s.t >= w.start)
      const firstAnyWrite = acked.find((a) => a.s.t >= w.start)
      const waiting = acked.filter((a) => a.s.broker === group && a.done <= w.start && (firstDelivery.get(a.s.seq) ?? Infinity) > w.start)
      const firstRead = consumes.find((c) => c.broker === group && c.t >= w.start)
      // Reads are timed from the fault, or from the consumers' start when they began after it.
      const readFrom = Math.max(w.start, history.consumersFrom ?? 0)
      const after = w.end ?? Infinity
      const waited = waiting.filter((a) => (firstDelivery.get(a.s.seq) ?? Infinity) >= after || !firstDelivery.has(a.s.seq))
      out.push({
        group,
        fault: w.label,
        start: w.start,
        end: w.end,
        writeUnavailableMs: firstGroupWrite === undefined ? null : firstGroupWrite.done - w.start,
        anyWriteUnavailableMs: firstAnyWrite === undefined ? null : firstAnyWrite.done - w.start,
        readWaiting: waiting.length > 0,
        readUnavailableMs: firstRead === undefined ? null : Math.max(0, firstRead.t - readFrom),
        firstReadBrokerId: firstRead?.brokerId ?? null,
        waitedForRestart: w.end === null ? waited.filter((a) => !firstDelivery.has(a.s.seq)).length : waited.length,
        neverDelivered: waited.filter((a) => !firstDelivery.has(a.s.seq)).length,
      })
    }
  }
  return out
}
