/**
 * `mqlab status`: one row per node. The role is the one registered now (from a running name server's
 * GET_BROKER_CLUSTER_INFO: brokerId 0 is the master), or the conf file's when no name server answers;
 * the commitlog max offset comes from the broker's GET_BROKER_RUNTIME_INFO (commitLogMaxOffset); a
 * crashed node carries its last log lines and log path.
 */
import type {ClusterInfo} from '../../runtime/remoting/body/cluster-info.js'
import type {LabContext} from './lab-context.js'
import type {FileRole, LabNodeSpec} from './lab-node-spec.js'
import type {NodeState} from './node-state.js'
import {registeredBrokerId} from './readiness.js'
import type {CrashReport} from './supervisor-outcomes.js'

/** One node's row. */
export interface NodeRow {
  name: string
  kind: 'namesrv' | 'broker'
  /** namesrv | master | slave | dledger member | not registered. */
  role: string
  /** Where the role came from: a name server's cluster info, or the conf file. */
  roleSource: 'namesrv' | 'file'
  fileRole: FileRole
  brokerName: string | null
  /** As registered (or as in the file when not registered). */
  brokerId: number | null
  state: NodeState
  pid: number | null
  addr: string
  ports: Array<{host: string; port: number; use: string}>
  commitLogMaxOffset: number | null
  /** ms since mqlab started it. */
  uptimeMs: number | null
  /** A DLedger member's raft state (from GET_BROKER_RUNTIME_INFO), null for other nodes or when it does not answer. */
  raft: RaftRow | null
  /** Anything worth saying ("killed with SIGKILL by mqlab kill", "does not answer"). */
  note: string | null
  crash: CrashReport | null
}

/** Raft role, term, leader and indexes of a DLedger member. */
export interface RaftRow {
  role: string
  term: number
  leaderId: string | null
  selfId: string
  committedIndex: number
  endIndex: number
}

/** Reads the dLedger* entries a DLedger broker adds to its runtime info. */
export function raftRowOf(info: Record<string, string> | Error | undefined): RaftRow | null {
  if (!info || info instanceof Error || info.dLedgerRole === undefined) return null
  return {
    role: info.dLedgerRole,
    term: Number(info.dLedgerTerm),
    leaderId: info.dLedgerLeaderId || null,
    selfId: info.dLedgerSelfId ?? '',
    committedIndex: Number(info.dLedgerCommittedIndex),
    endIndex: Number(info.dLedgerEndIndex),
  }
}

/** The whole status. */
export interface StatusResult {
  dir: string
  nodes: NodeRow[]
  /** The name server whose cluster info gave the roles, or null when none answered. */
  rolesFrom: string | null
  /** Crashed nodes, with their last log lines. */
  crashed: CrashReport[]
}

/** Collects the status of every node. */
export async function collectStatus(ctx: LabContext): Promise<StatusResult> {
  const {supervisor, deps} = ctx
  const timeoutMs = supervisor.timings.probeTimeoutMs
  const statuses = new Map(ctx.specs.map((s) => [s.name, supervisor.status(s.name)]))
  const running = (s: LabNodeSpec) => statuses.get(s.name)?.state === 'running'
  const cluster = await firstClusterInfo(
    ctx.specs.filter((s) => s.kind === 'namesrv' && running(s)),
    ctx,
    timeoutMs,
  )
  const runtime = new Map<string, Record<string, string> | Error>()
  await Promise.all(
    ctx.specs
      .filter((s) => s.kind === 'broker' && running(s))
      .map(async (s) => {
        try {
          runtime.set(s.name, await deps.wire.brokerRuntimeInfo(s.addr, timeoutMs))
        } catch (err) {
          runtime.set(s.name, err instanceof Error ? err : new Error(String(err)))
        }
      }),
  )
  const now = deps.clock.now()
  const nodes = ctx.specs.map((spec): NodeRow => {
    const status = statuses.get(spec.name)!
    const role = roleOf(spec, cluster?.info, status.state)
    const info = runtime.get(spec.name)
    const notes: string[] = []
    if (role.note) notes.push(role.note)
    if (info instanceof Error) notes.push(`does not answer: ${info.message}`)
    if (status.signalled && status.state === 'crashed') notes.push(`${status.signalled.signal} sent by mqlab kill`)
    if (status.state === 'paused') notes.push('paused (SIGSTOP): mqlab resume ' + spec.name)
    const offset = info && !(info instanceof Error) ? Number(info.commitLogMaxOffset) : NaN
    return {
      name: spec.name,
      kind: spec.kind,
      role: role.role,
      roleSource: role.source,
      fileRole: spec.fileRole,
      brokerName: spec.brokerName ?? null,
      brokerId: role.brokerId ?? null,
      state: status.state,
      pid: status.pid ?? null,
      addr: spec.addr,
      ports: spec.ports.map((p) => ({host: p.host, port: p.port, use: p.use})),
      commitLogMaxOffset: Number.isFinite(offset) ? offset : null,
      raft: raftRowOf(info),
      uptimeMs: (status.state === 'running' || status.state === 'paused') && status.startedAt !== undefined ? Math.max(0, now - status.startedAt) : null,
      note: notes.length > 0 ? notes.join('; ') : null,
      crash: status.state === 'crashed' ? supervisor.crashReport(spec.name, status) : null,
    }
  })
  return {dir: ctx.dir, nodes, rolesFrom: cluster?.addr ?? null, crashed: nodes.flatMap((n) => (n.crash ? [n.crash] : []))}
}

async function firstClusterInfo(namesrvs: LabNodeSpec[], ctx: LabContext, timeoutMs: number): Promise<{addr: string; info: ClusterInfo} | undefined> {
  const answers = await Promise.all(
    namesrvs.map(async (ns) => {
      try {
        return {addr: ns.addr, info: await ctx.deps.wire.clusterInfo(ns.addr, timeoutMs)}
      } catch {
        return undefined
      }
    }),
  )
  return answers.find((a) => a !== undefined)
}

/** A node's role: registered (when a name server answered and the node is live) or from its file (pure). */
export function roleOf(
  spec: LabNodeSpec,
  info: ClusterInfo | undefined,
  state: NodeState,
): {role: string; source: 'namesrv' | 'file'; brokerId?: number; note?: string} {
  if (spec.kind === 'namesrv') return {role: 'namesrv', source: 'file'}
  const fromFile = {role: fileRoleName(spec.fileRole), source: 'file' as const, ...(spec.brokerId === undefined ? {} : {brokerId: spec.brokerId})}
  if (info === undefined || (state !== 'running' && state !== 'paused')) return fromFile
  const id = registeredBrokerId(info, spec.brokerName, spec.addr)
  if (id === undefined)
    return {...fromFile, role: 'not registered', note: `${fileRoleName(spec.fileRole)} in its file, but not registered with the name servers`}
  return {role: id === 0 ? 'master' : 'slave', source: 'namesrv', brokerId: id}
}

function fileRoleName(role: FileRole): string {
  if (role === 'ASYNC_MASTER' || role === 'SYNC_MASTER') return 'master'
  if (role === 'SLAVE') return 'slave'
  if (role === 'DLEDGER') return 'dledger member'
  return 'namesrv'
}
