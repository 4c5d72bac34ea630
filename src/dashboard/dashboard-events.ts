/**
 * The Events timeline (pure): what changed between two successive snapshots, one event per change —
 * a node started, died, was stopped, paused or resumed; a broker's registered role changed; a broker
 * group's registered addresses changed (the route clients get); a slave's replication status changed.
 * The server diffs each new snapshot against the last one, so the page's timeline survives reloads.
 */
import type {DashboardSnapshot} from './dashboard-snapshot.js'

/** What kind of change. */
export type DashboardEventKind =
  'node-started' | 'node-died' | 'node-stopped' | 'node-paused' | 'node-resumed' | 'role-changed' | 'route-changed' | 'replication-changed' | 'control'

/** One entry of the timeline. */
export interface DashboardEvent {
  at: number
  kind: DashboardEventKind
  /** The node or broker group it is about. */
  subject: string
  text: string
}

/** The events between `prev` and `next` (none for the first snapshot). */
export function diffSnapshots(prev: DashboardSnapshot | undefined, next: DashboardSnapshot): DashboardEvent[] {
  if (prev === undefined) return []
  const at = next.takenAt
  const events: DashboardEvent[] = []
  const before = new Map(prev.nodes.map((n) => [n.name, n]))
  for (const node of next.nodes) {
    const old = before.get(node.name)
    if (old === undefined) continue
    if (old.state !== node.state) {
      const kind = stateEvent(old.state, node.state)
      const why = node.state === 'crashed' && node.note ? ` (${node.note})` : ''
      events.push({at, kind, subject: node.name, text: `${node.name}: ${old.state} → ${node.state}${why}`})
    }
    // A registered role only means something while a name server answered both times.
    if (node.kind === 'broker' && old.roleSource === 'namesrv' && node.roleSource === 'namesrv' && old.role !== node.role) {
      events.push({at, kind: 'role-changed', subject: node.name, text: `${node.name}: registered as ${old.role} → ${node.role}`})
    }
  }
  const oldRoutes = routes(prev)
  const newRoutes = routes(next)
  if (oldRoutes !== undefined && newRoutes !== undefined) {
    for (const group of [...new Set([...oldRoutes.keys(), ...newRoutes.keys()])].sort()) {
      const a = oldRoutes.get(group) ?? new Map<number, string>()
      const b = newRoutes.get(group) ?? new Map<number, string>()
      const changes: string[] = []
      for (const id of [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y)) {
        const was = a.get(id)
        const now = b.get(id)
        if (was === now) continue
        const who = id === 0 ? 'master (BID 0)' : `BID ${id}`
        if (now === undefined) changes.push(`${who} ${was} unregistered`)
        else if (was === undefined) changes.push(`${who} ${now} registered`)
        else changes.push(`${who} ${was} → ${now}`)
      }
      if (changes.length > 0) {
        const served =
          b.size === 0
            ? 'no broker registered'
            : b.has(0)
              ? `served by master ${b.get(0)}`
              : `no master registered: readable from ${[...b.values()].join(', ')}`
        events.push({at, kind: 'route-changed', subject: group, text: `${group}: ${changes.join('; ')} — ${served}`})
      }
    }
  }
  const oldSlaves = slaveStatuses(prev)
  for (const [key, status] of slaveStatuses(next)) {
    const was = oldSlaves.get(key)
    if (was !== undefined && was !== status) events.push({at, kind: 'replication-changed', subject: key, text: `${key}: replication ${was} → ${status}`})
  }
  return events
}

function stateEvent(from: string, to: string): DashboardEventKind {
  if (to === 'crashed') return 'node-died'
  if (to === 'stopped') return 'node-stopped'
  if (to === 'paused') return 'node-paused'
  if (from === 'paused') return 'node-resumed'
  return 'node-started'
}

/** Broker group → brokerId → address, from the cluster table; undefined when it could not be read. */
function routes(s: DashboardSnapshot): Map<string, Map<number, string>> | undefined {
  if (!s.cluster.ok) return undefined
  const out = new Map<string, Map<number, string>>()
  for (const row of s.cluster.value) {
    const ids = out.get(row.brokerName) ?? new Map<number, string>()
    ids.set(row.brokerId, row.addr)
    out.set(row.brokerName, ids)
  }
  return out
}

/** "broker-a slave 127.0.0.1:10921" → status, for every slave the report lists. */
function slaveStatuses(s: DashboardSnapshot): Map<string, string> {
  const out = new Map<string, string>()
  if (!s.replication.ok) return out
  for (const g of s.replication.value.groups) for (const slave of g.slaves) out.set(`${g.brokerName} slave ${slave.addr}`, slave.status)
  return out
}

/** A bounded timeline: the newest `max` events. */
export class EventLog {
  private readonly items: DashboardEvent[] = []
  constructor(private readonly max = 500) {}

  /** Adds events, kept in time order (a control is logged when it ends, stamped when it began). */
  add(...events: DashboardEvent[]): void {
    this.items.push(...events)
    this.items.sort((a, b) => a.at - b.at)
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max)
  }

  list(): DashboardEvent[] {
    return [...this.items]
  }
}
