/**
 * One look at the whole lab, as the dashboard pushes it to the page: every node the lab expects (state,
 * role registered now and in its file), rocketmq-console's cluster table, replication per group, user
 * topics with their queues, consumer groups with lag per queue. Each part is read independently, so a
 * part that fails (no name server left) carries its error and the others still show.
 */
import type {ClusterListRow} from '../client/admin/cluster-list.js'
import type {GroupProgress} from '../client/admin/group-admin.js'
import type {ReplicationReport} from '../client/admin/ha-replication-report.js'
import type {TopicStatusResult} from '../client/admin/topic-admin.js'
import type {NodeRow} from '../lab/lab-status.js'
import type {NodeState} from '../lab/node-state.js'

/** A part of the snapshot, or why it could not be read. */
export type Part<T> = {ok: true; value: T} | {ok: false; error: string}

/** The lab at one instant. */
export interface DashboardSnapshot {
  /** Dashboard clock, ms since the epoch. */
  takenAt: number
  dir: string
  nodes: NodeRow[]
  /** The name server whose cluster info gave the roles, or null when none answered. */
  rolesFrom: string | null
  cluster: Part<ClusterListRow[]>
  replication: Part<ReplicationReport>
  topics: Part<TopicStatusResult[]>
  groups: Part<GroupProgress[]>
}

/**
 * The snapshot with fresher node states (pure): the same object when nothing differs, else a copy taken
 * at `at` (the wire-derived parts, roles included, wait for the next look).
 */
export function withStates(snap: DashboardSnapshot, states: ReadonlyMap<string, {state: NodeState; pid: number | null}>, at: number): DashboardSnapshot {
  let changed = false
  const nodes = snap.nodes.map((n) => {
    const s = states.get(n.name)
    if (s === undefined || s.state === n.state) return n
    changed = true
    return {...n, state: s.state, pid: s.pid}
  })
  return changed ? {...snap, takenAt: Math.max(at, snap.takenAt), nodes} : snap
}
