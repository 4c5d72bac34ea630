/**
 * `mqadmin clusterList`'s view (tools/command/cluster/ClusterListSubCommand, RocketMQ 4.9.8) as rows:
 * every broker of every cluster (clusters and broker names sorted, ids ascending) with its version
 * and in/out TPS from GET_BROKER_RUNTIME_INFO. A broker whose runtime info could not be read keeps its
 * row, with the error, instead of failing the whole list. Pure.
 */
import type {ClusterInfo} from '../../../runtime/remoting/body/cluster-info.js'
import {sortedBrokerIds} from '../route/topic-route-view.js'

/** One broker's line. */
export interface ClusterListRow {
  cluster: string
  brokerName: string
  /** 0 master, > 0 slave (the BID column). */
  brokerId: number
  addr: string
  /** brokerVersionDesc, e.g. "V4_9_8". */
  version: string | undefined
  /** First number of putTps (messages/s over the last 10 s). */
  inTps: number | undefined
  /** First number of getTransferedTps. */
  outTps: number | undefined
  /** msgPutTotalTodayNow − msgPutTotalTodayMorning, when reported. */
  inTotalToday: number | undefined
  /** msgGetTotalTodayNow − msgGetTotalTodayMorning, when reported. */
  outTotalToday: number | undefined
  pageCacheLockTimeMills: number | undefined
  /** Hours since the earliest stored message (the #Hour column). */
  hoursSinceEarliestMessage: number | undefined
  /** commitLogDiskRatio (the #SPACE column). */
  commitLogDiskRatio: number | undefined
  /** Why the runtime info is missing. */
  error?: string
}

/** A broker's runtime table, or why it could not be read. */
export type RuntimeInfoOutcome = {table: Record<string, string>} | {error: string}

/** Builds the rows from the cluster info and each address's runtime info. */
export function buildClusterListRows(info: ClusterInfo, runtime: ReadonlyMap<string, RuntimeInfoOutcome>, now: number): ClusterListRow[] {
  const rows: ClusterListRow[] = []
  for (const cluster of Object.keys(info.clusterAddrTable).sort()) {
    for (const brokerName of [...new Set(info.clusterAddrTable[cluster])].sort()) {
      const bd = info.brokerAddrTable[brokerName]
      if (bd === undefined) continue
      for (const brokerId of sortedBrokerIds(bd.brokerAddrs)) {
        const addr = bd.brokerAddrs[String(brokerId)]!
        rows.push({cluster, brokerName, brokerId, addr, ...runtimeColumns(runtime.get(addr), now)})
      }
    }
  }
  return rows
}

function runtimeColumns(outcome: RuntimeInfoOutcome | undefined, now: number): Omit<ClusterListRow, 'cluster' | 'brokerName' | 'brokerId' | 'addr'> {
  const empty = {
    version: undefined,
    inTps: undefined,
    outTps: undefined,
    inTotalToday: undefined,
    outTotalToday: undefined,
    pageCacheLockTimeMills: undefined,
    hoursSinceEarliestMessage: undefined,
    commitLogDiskRatio: undefined,
  }
  if (outcome === undefined) return {...empty, error: 'runtime info not requested'}
  if ('error' in outcome) return {...empty, error: outcome.error}
  const t = outcome.table
  const earliest = firstNumber(t.earliestMessageTimeStamp)
  return {
    version: t.brokerVersionDesc,
    inTps: firstNumber(t.putTps),
    outTps: firstNumber(t.getTransferedTps),
    inTotalToday: difference(t.msgPutTotalTodayNow, t.msgPutTotalTodayMorning),
    outTotalToday: difference(t.msgGetTotalTodayNow, t.msgGetTotalTodayMorning),
    pageCacheLockTimeMills: firstNumber(t.pageCacheLockTimeMills),
    hoursSinceEarliestMessage: earliest === undefined || earliest <= 0 ? undefined : (now - earliest) / 3_600_000,
    commitLogDiskRatio: firstNumber(t.commitLogDiskRatio),
  }
}

/** The first space-separated number of a runtime value ("12.5 11.0 10.2" → 12.5), as mqadmin reads TPS. */
export function firstNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value.trim().split(/\s+/)[0])
  return Number.isFinite(n) ? n : undefined
}

function difference(now: string | undefined, morning: string | undefined): number | undefined {
  const a = firstNumber(now)
  const b = firstNumber(morning)
  return a === undefined || b === undefined ? undefined : a - b
}
