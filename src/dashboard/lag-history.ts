/**
 * Replication lag over time (pure), for the Replication view's charts: per broker group, one series per
 * slave (lag in bytes), the group's in-sync count, and the master's send results of the last 60 s by status
 * (SEND_OK, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE…, mqlab brokers only), sampled at each snapshot,
 * the newest `max` kept.
 */
import type {ReplicationReport} from '../client/admin/ha-replication-report.js'

/** One group's samples: times, and per slave address its lag (null when unknown at that instant). */
export interface GroupLagSeries {
  brokerName: string
  times: number[]
  inSync: Array<number | null>
  slaves: Record<string, Array<number | null>>
  /** Send results of the 60 s before each sample, by status (null: the master did not say). */
  sends: Record<string, Array<number | null>>
}

/** Keeps the last `max` samples of every group. */
export class LagHistory {
  private readonly groups = new Map<string, GroupLagSeries>()
  constructor(private readonly max = 300) {}

  add(report: ReplicationReport): void {
    for (const g of report.groups) {
      let s = this.groups.get(g.brokerName)
      if (s === undefined) {
        s = {brokerName: g.brokerName, times: [], inSync: [], slaves: {}, sends: {}}
        this.groups.set(g.brokerName, s)
      }
      const n = s.times.length
      s.times.push(report.takenAt)
      s.inSync.push(g.slaves.length === 0 && g.master === null ? null : g.slaves.filter((x) => x.status === 'in-sync').length)
      for (const slave of g.slaves) s.slaves[slave.addr] ??= new Array<number | null>(n).fill(null)
      for (const [addr, series] of Object.entries(s.slaves)) series.push(g.slaves.find((x) => x.addr === addr)?.lagBytes ?? null)
      const counts = g.master?.sendStatusCounts ?? null
      for (const status of Object.keys(counts ?? {})) s.sends[status] ??= new Array<number | null>(n).fill(null)
      for (const [status, series] of Object.entries(s.sends)) series.push(counts === null ? null : (counts[status] ?? 0))
      if (s.times.length > this.max) {
        const drop = s.times.length - this.max
        s.times.splice(0, drop)
        s.inSync.splice(0, drop)
        for (const series of [...Object.values(s.slaves), ...Object.values(s.sends)]) series.splice(0, drop)
      }
    }
  }

  list(): GroupLagSeries[] {
    return [...this.groups.values()].sort((a, b) => a.brokerName.localeCompare(b.brokerName))
  }
}
