/**
 * After `mqlab kill` of a DLedger leader: watches the surviving members until one of them is raft leader
 * and until the name servers list a master for the group again, and says when each happened. Reads the
 * members' GET_BROKER_RUNTIME_INFO (dLedgerRole/dLedgerTerm) and a name server's cluster info.
 */
import type {LabContext} from './lab-context.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import {registeredBrokerId} from './readiness.js'

/** What the watch saw. */
export interface ElectionWatch {
  group: string
  /** The killed leader and its term. */
  formerLeader: string
  formerTerm: number
  newLeader: string | null
  newTerm: number | null
  /** ms after the kill. */
  electedAfterMs: number | null
  registeredAfterMs: number | null
  timedOut: boolean
}

/** The raft role and term of a DLedger member, or undefined when it does not answer. */
export async function raftRole(ctx: LabContext, spec: LabNodeSpec): Promise<{role: string; term: number} | undefined> {
  const info = await ctx.deps.wire.brokerRuntimeInfo(spec.addr, ctx.supervisor.timings.probeTimeoutMs).catch(() => undefined)
  return info?.dLedgerRole === undefined ? undefined : {role: info.dLedgerRole, term: Number(info.dLedgerTerm)}
}

/** Watches `group` after its leader `formerLeader` was killed at `killedAt`. */
export async function watchElection(
  ctx: LabContext,
  former: {spec: LabNodeSpec; term: number},
  killedAt: number,
  options: {timeoutMs: number; onProgress?: (line: string) => void},
): Promise<ElectionWatch> {
  const group = former.spec.brokerName!
  const others = ctx.specs.filter((s) => s.fileRole === 'DLEDGER' && s.brokerName === group && s.name !== former.spec.name)
  const ns = ctx.specs.filter((s) => s.kind === 'namesrv')
  const result: ElectionWatch = {
    group,
    formerLeader: former.spec.name,
    formerTerm: former.term,
    newLeader: null,
    newTerm: null,
    electedAfterMs: null,
    registeredAfterMs: null,
    timedOut: false,
  }
  const deadline = killedAt + options.timeoutMs
  while (ctx.deps.clock.now() < deadline) {
    const now = () => ctx.deps.clock.now() - killedAt
    if (result.newLeader === null) {
      for (const s of others) {
        const r = await raftRole(ctx, s)
        if (r?.role === 'LEADER') {
          result.newLeader = s.name
          result.newTerm = r.term
          result.electedAfterMs = now()
          options.onProgress?.(`${s.name} won the election: leader of term ${r.term} after ${(now() / 1000).toFixed(1)} s`)
        }
      }
    }
    if (result.newLeader !== null) {
      const leaderSpec = others.find((s) => s.name === result.newLeader)!
      for (const n of ns) {
        const info = await ctx.deps.wire.clusterInfo(n.addr, ctx.supervisor.timings.probeTimeoutMs).catch(() => undefined)
        if (info && registeredBrokerId(info, group, leaderSpec.addr) === 0) {
          result.registeredAfterMs = now()
          options.onProgress?.(`${leaderSpec.name} registered as ${group}'s master (brokerId 0) after ${(now() / 1000).toFixed(1)} s; sends succeed again`)
          return result
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  result.timedOut = true
  return result
}
