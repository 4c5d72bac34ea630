/**
 * DLedger groups across files (RocketMQ docs/en/dledger/deploy_guide.md; conf/dledger/broker-n*.conf):
 * `dledger-mixed` a brokerName is all-DLedger or all-classic; `dledger-group` members of a brokerName share
 * one dLegerGroup and a dLegerGroup one brokerName; `dledger-peers` dLegerPeers identical on every member;
 * `dledger-self-id` unique within the group; `dledger-quorum` fewer than 3 peers cannot survive a
 * failure (warning); `dledger-member-missing` a peer with no node in the lab (warning).
 * Per-file DLedger checks (format, self id among peers, controller mode) run in runtime/config.
 */
import type {ConfigProblem} from '../../../runtime/config/config-problem.js'
import {parseDLedgerPeers, formatDLedgerPeers} from '../../../runtime/config/dledger-peers.js'
import {brokersOf, problemAt, usable, type BrokerNode} from '../lab-model.js'
import type {TopologyRule} from './topology-rule.js'

/** The DLedger rules. */
export const dledgerRules: TopologyRule = {
  ids: ['dledger-mixed', 'dledger-group', 'dledger-peers', 'dledger-self-id', 'dledger-quorum', 'dledger-member-missing'],
  check(lab) {
    const problems: ConfigProblem[] = []
    const brokers = brokersOf(lab)
    const members = brokers.filter((b) => b.config.enableDLegerCommitLog && usable(b, 'enableDLegerCommitLog', 'brokerName'))
    if (members.length === 0) return problems

    for (const m of members) {
      const classic = brokers.find((b) => !b.config.enableDLegerCommitLog && b.config.brokerName === m.config.brokerName)
      if (classic) {
        problems.push(
          problemAt(m, 'enableDLegerCommitLog', {
            severity: 'error',
            rule: 'dledger-mixed',
            message: `${m.config.brokerName} mixes DLedger members (${m.name}) with a classic broker (${classic.name})`,
            fix: `use enableDLegerCommitLog=true on every broker of ${m.config.brokerName}, or on none`,
          }),
        )
        break
      }
    }

    const byName = groupBy(members, (m) => m.config.brokerName)
    for (const [brokerName, group] of byName) {
      const first = group[0]
      for (const m of group.slice(1)) {
        if (usable(m, 'dLegerGroup') && usable(first, 'dLegerGroup') && m.config.dLegerGroup !== first.config.dLegerGroup) {
          problems.push(
            problemAt(m, 'dLegerGroup', {
              severity: 'error',
              rule: 'dledger-group',
              message: `${m.name} has dLegerGroup ${m.config.dLegerGroup ?? '(none)'} but ${first.name}, also of ${brokerName}, has ${first.config.dLegerGroup ?? '(none)'}`,
              fix: `write dLegerGroup=${first.config.dLegerGroup ?? brokerName} on every member of ${brokerName}`,
            }),
          )
        }
      }
    }

    const byGroup = groupBy(
      members.filter((m) => m.config.dLegerGroup),
      (m) => m.config.dLegerGroup!,
    )
    for (const [dLegerGroup, group] of byGroup) {
      const first = group[0]
      for (const m of group.slice(1)) {
        if (m.config.brokerName !== first.config.brokerName) {
          problems.push(
            problemAt(m, 'brokerName', {
              severity: 'error',
              rule: 'dledger-group',
              message: `${m.name} is in dLegerGroup ${dLegerGroup} with ${first.name} but has brokerName ${m.config.brokerName}, not ${first.config.brokerName}`,
              fix: `write brokerName=${first.config.brokerName}: every member of a raft group is the same broker`,
            }),
          )
        }
      }
      problems.push(...peerAgreement(group, dLegerGroup))
    }
    return problems
  },
}

function peerAgreement(group: BrokerNode[], dLegerGroup: string): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const parsed = group
    .filter((m) => usable(m, 'dLegerPeers') && m.config.dLegerPeers)
    .map((m) => ({m, peers: parseDLedgerPeers(m.config.dLegerPeers!)}))
    .flatMap(({m, peers}) => (peers.ok ? [{m, peers: peers.peers}] : []))
  if (parsed.length === 0) return problems
  const reference = parsed[0]
  const canonical = (peers: typeof reference.peers) => formatDLedgerPeers([...peers].sort((a, b) => a.id.localeCompare(b.id)))
  for (const {m, peers} of parsed.slice(1)) {
    if (canonical(peers) !== canonical(reference.peers)) {
      problems.push(
        problemAt(m, 'dLegerPeers', {
          severity: 'error',
          rule: 'dledger-peers',
          message: `${m.name}'s dLegerPeers differs from ${reference.m.name}'s (${reference.m.config.dLegerPeers}); raft members must agree on the group`,
          fix: `write dLegerPeers=${reference.m.config.dLegerPeers} on every member of ${dLegerGroup}`,
        }),
      )
    }
  }
  const seen = new Map<string, BrokerNode>()
  for (const m of group) {
    const id = m.config.dLegerSelfId
    if (!id || !usable(m, 'dLegerSelfId')) continue
    const other = seen.get(id)
    if (other) {
      const free = reference.peers.map((p) => p.id).find((p) => !group.some((g) => g.config.dLegerSelfId === p))
      problems.push(
        problemAt(m, 'dLegerSelfId', {
          severity: 'error',
          rule: 'dledger-self-id',
          message: `${m.name} and ${other.name} both have dLegerSelfId ${id} in ${dLegerGroup}`,
          fix: free ? `give ${m.name} dLegerSelfId=${free}` : `give ${m.name} an id of its own, listed in dLegerPeers`,
        }),
      )
    } else seen.set(id, m)
  }
  const peers = reference.peers
  if (peers.length < 3) {
    problems.push(
      problemAt(reference.m, 'dLegerPeers', {
        severity: 'warning',
        rule: 'dledger-quorum',
        message: `${dLegerGroup} has ${peers.length} peer${peers.length === 1 ? '' : 's'}: raft needs a majority, so fewer than 3 cannot survive losing one`,
        fix: 'list 3 (or 5) peers in dLegerPeers and add a node for each',
      }),
    )
  }
  const missing = peers.filter((p) => !group.some((m) => m.config.dLegerSelfId === p.id))
  if (missing.length > 0) {
    problems.push(
      problemAt(reference.m, 'dLegerPeers', {
        severity: 'warning',
        rule: 'dledger-member-missing',
        message: `${missing.map((p) => p.id).join(', ')} listed in dLegerPeers of ${dLegerGroup} but no node in the lab has that dLegerSelfId`,
        fix: `add a node with dLegerSelfId=${missing[0].id}, or remove it from dLegerPeers on every member`,
      }),
    )
  }
  return problems
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item])
  return out
}
