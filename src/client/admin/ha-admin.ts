/**
 * `mqlab replication`'s data: the name servers' cluster info, one HA sample per registered broker (in
 * parallel), the report built from them, and the lag in messages of each slave that lags (a few
 * max-offset requests; see ha-message-lag.ts). Works against any RocketMQ 4.x cluster, as far as its
 * runtime info allows.
 */
import type {BrokerHaSample} from './ha-status-fetch.js'
import {fetchHaSample} from './ha-status-fetch.js'
import {masterQueues, maxOffsets, messageLag} from './ha-message-lag.js'
import {buildReplicationReport, type ReplicationReport} from './ha-replication-report.js'
import type {MQAdmin} from './mq-admin.js'

/** Options of one report. */
export interface ReplicationReportOptions {
  /** The last report (under --watch): gives transfer rates where brokers report none. */
  previous?: ReplicationReport
  /** Count the lag of lagging slaves in messages (default true). */
  messageLag?: boolean
}

import {fetchDLedgerState} from './dledger-replication.js'

/** Reads the cluster's replication state once. */
export async function collectReplication(admin: MQAdmin, options: ReplicationReportOptions = {}): Promise<ReplicationReport> {
  const {client} = admin
  const info = await admin.clusterInfo()
  const addrs = new Set<string>()
  for (const bd of Object.values(info.brokerAddrTable)) for (const addr of Object.values(bd.brokerAddrs)) addrs.add(addr)
  const deps = {remoting: client.remoting, now: client.now, timeoutMs: client.requestTimeoutMs}
  const samples = new Map<string, BrokerHaSample>(await Promise.all([...addrs].map(async (addr) => [addr, await fetchHaSample(addr, deps)] as const)))
  const report = buildReplicationReport(info, samples, client.now(), options.previous)
  await Promise.all(
    report.groups.map(async (group) => {
      const addrsOf = info.brokerAddrTable[group.brokerName]?.brokerAddrs
      if (addrsOf) group.dledger = await fetchDLedgerState(addrsOf, deps)
    }),
  )
  if (options.messageLag ?? true) {
    await Promise.all(
      report.groups.map(async (group) => {
        const lagging = group.slaves.filter((s) => s.lagBytes !== null && s.lagBytes > 0 && s.error === null)
        if (group.master === null || group.master.error !== null || lagging.length === 0) return
        const queues = await masterQueues(client.remoting, group.master.addr, deps.timeoutMs)
        if (queues === undefined) return
        const [master, ...slaves] = await Promise.all(
          [group.master.addr, ...lagging.map((s) => s.addr)].map((addr) => maxOffsets(client.remoting, addr, queues, deps.timeoutMs)),
        )
        lagging.forEach((s, i) => {
          const offsets = slaves[i]
          if (master !== undefined && offsets !== undefined) s.lagMessages = messageLag(master, offsets)
        })
      }),
    )
  }
  return report
}
