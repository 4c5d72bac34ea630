/**
 * Master/slave roles across files (classic mode; DLedger members get roles from raft):
 * `master-duplicate` one master per brokerName; `broker-id-duplicate` brokerIds unique within a brokerName;
 * `slave-without-master`; `sync-master-without-slave` (RocketMQ answers every send SLAVE_NOT_AVAILABLE,
 * CommitLog.submitReplicaRequest); `cluster-name` one brokerClusterName per lab (warning).
 * The per-file `role-broker-id` (brokerId 0 ⇔ master) runs in runtime/config.
 */
import type {ConfigProblem} from '../../../runtime/config/config-problem.js'
import {brokersOf, problemAt, usable, type BrokerNode} from '../lab-model.js'
import type {TopologyRule} from './topology-rule.js'

/** The role rules. */
export const roleRules: TopologyRule = {
  ids: ['master-duplicate', 'broker-id-duplicate', 'slave-without-master', 'sync-master-without-slave', 'cluster-name'],
  check(lab) {
    const problems: ConfigProblem[] = []
    const classic = brokersOf(lab).filter((b) => !b.config.enableDLegerCommitLog && usable(b, 'brokerRole', 'brokerId', 'brokerName'))
    const groups = new Map<string, BrokerNode[]>()
    for (const b of classic) groups.set(b.config.brokerName, [...(groups.get(b.config.brokerName) ?? []), b])
    for (const [brokerName, members] of groups) {
      // After `mqlab promote`, the most recently promoted master is the group's master; the others are former masters.
      const masters = members.filter((m) => m.config.brokerRole !== 'SLAVE').sort((a, b) => (b.promotedAt ?? '').localeCompare(a.promotedAt ?? ''))
      const slaves = members.filter((m) => m.config.brokerRole === 'SLAVE')
      for (const extra of masters.slice(1)) {
        const promoted = masters[0].promotedAt
        problems.push(
          problemAt(extra, 'brokerRole', {
            severity: 'error',
            rule: 'master-duplicate',
            message: promoted
              ? `${brokerName} has more than one master: ${masters[0].name} was promoted to master (mqlab promote, ${promoted}) and ${extra.name} still is one in its file`
              : `${brokerName} has more than one master: ${masters[0].name} and ${extra.name} (masters are brokerId 0)`,
            fix: promoted
              ? `make ${extra.name} a slave of ${masters[0].name} (brokerRole=SLAVE, brokerId=${nextId(members)}); if its store holds messages ${masters[0].name} never got, move the store aside first`
              : `make ${extra.name} a slave (brokerRole=SLAVE, brokerId=${nextId(members)}), or give it another brokerName`,
          }),
        )
      }
      const byId = new Map<number, BrokerNode>()
      for (const s of slaves) {
        const first = byId.get(s.config.brokerId)
        if (first) {
          problems.push(
            problemAt(s, 'brokerId', {
              severity: 'error',
              rule: 'broker-id-duplicate',
              message: `${s.name} and ${first.name} both have brokerId ${s.config.brokerId} in ${brokerName}: the name server keeps only one of them`,
              fix: `give ${s.name} brokerId=${nextId(members)}`,
            }),
          )
        } else byId.set(s.config.brokerId, s)
      }
      if (masters.length === 0) {
        for (const s of slaves) {
          problems.push(
            problemAt(s, 'brokerName', {
              severity: 'error',
              rule: 'slave-without-master',
              message: `${s.name} is a SLAVE of ${brokerName}, but no master in the lab has brokerName=${brokerName}`,
              fix: `add a master with brokerName=${brokerName}, or correct ${s.name}'s brokerName`,
            }),
          )
        }
      }
      for (const m of masters) {
        if (m.config.brokerRole === 'SYNC_MASTER' && slaves.length === 0) {
          problems.push(
            problemAt(m, 'brokerRole', {
              severity: 'warning',
              rule: 'sync-master-without-slave',
              message: `${m.name} is a SYNC_MASTER with no slave: every send would return SLAVE_NOT_AVAILABLE`,
              fix: `add a slave with brokerName=${brokerName}, or make ${m.name} an ASYNC_MASTER`,
            }),
          )
        }
      }
    }
    problems.push(...clusterNames(brokersOf(lab)))
    return problems
  },
}

function nextId(members: BrokerNode[]): number {
  return Math.max(0, ...members.map((m) => m.config.brokerId)) + 1
}

function clusterNames(brokers: BrokerNode[]): ConfigProblem[] {
  const counts = new Map<string, number>()
  for (const b of brokers) counts.set(b.config.brokerClusterName, (counts.get(b.config.brokerClusterName) ?? 0) + 1)
  if (counts.size <= 1) return []
  const main = [...counts].sort((x, y) => y[1] - x[1])[0][0]
  return brokers
    .filter((b) => b.config.brokerClusterName !== main)
    .map((b) =>
      problemAt(b, 'brokerClusterName', {
        severity: 'warning',
        rule: 'cluster-name',
        message: `${b.name} is in cluster ${b.config.brokerClusterName}, the rest of the lab in ${main}`,
        fix: `write brokerClusterName=${main}, unless two clusters are intended`,
      }),
    )
}
