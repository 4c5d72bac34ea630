/**
 * One randomized schedule of the raft simulation: a 3-node group under crashes, restarts, partitions
 * (symmetric and one-way), loss, duplication and reordering, with client appends throughout, checked by
 * RaftInvariants after every step. Everything random comes from the seed, so a seed replays exactly.
 */
import {RaftCluster} from './raft-cluster.js'
import {RaftInvariants} from './raft-invariants.js'

/** Outcome of one schedule. */
export interface ScheduleResult {
  readonly seed: number
  readonly violation?: string
  readonly trace: string[]
  readonly acknowledged: number
  readonly leaderAtEnd: boolean
  readonly checks: number
}

/** Runs schedule `seed` (DLedger's default timings at 100 ms per tick). */
export function runSchedule(
  seed: number,
  options: {ticks?: number; strictCommitSafety?: boolean; keepTrace?: boolean; fifoLinks?: boolean} = {},
): ScheduleResult {
  const cluster = new RaftCluster({seed, tickMs: 100})
  if (options.keepTrace) cluster.traceLimit = Infinity
  cluster.fifoLinks = options.fifoLinks ?? true
  const rng = cluster.rng
  const invariants = new RaftInvariants(options.strictCommitSafety ?? false)
  cluster.observer = invariants
  cluster.loss = [0, 0.02, 0.1][rng.int(3)]!
  cluster.duplicate = [0, 0.02, 0.1][rng.int(3)]!
  cluster.maxDelayTicks = [0, 1, 4][rng.int(3)]!
  cluster.log(`seed ${seed} loss=${cluster.loss} dup=${cluster.duplicate} delay<=${cluster.maxDelayTicks}`)
  const ticks = options.ticks ?? 220
  const faultRate = [0.005, 0.02, 0.05][rng.int(3)]!
  let proposals = 0
  try {
    for (let t = 0; t < ticks; t++) {
      if (rng.chance(faultRate)) fault(cluster)
      if (rng.chance(0.3)) {
        const id = cluster.ids[rng.int(cluster.ids.length)]!
        if (cluster.alive(id)) cluster.propose(id, `s${seed}-${proposals++}`)
      }
      if (t % 30 === 0) cluster.checkpoint()
      cluster.tick()
    }
    // Heal and let the group settle, still checking.
    cluster.cut.clear()
    cluster.loss = 0
    for (const id of cluster.ids) if (!cluster.alive(id)) cluster.start(id)
    cluster.log('heal')
    const settled = cluster.runUntil(() => cluster.leaders().length === 1, 400)
    return {
      seed,
      trace: options.keepTrace ? cluster.trace : [],
      acknowledged: cluster.acks.filter((a) => a.code === 200).length,
      leaderAtEnd: settled,
      checks: invariants.checks,
    }
  } catch (error) {
    cluster.log(`VIOLATION ${(error as Error).message}`)
    cluster.log(`state:\n${cluster.summary()}`)
    return {seed, violation: (error as Error).message, trace: cluster.trace, acknowledged: 0, leaderAtEnd: false, checks: invariants.checks}
  }
}

function fault(cluster: RaftCluster): void {
  const rng = cluster.rng
  const ids = cluster.ids
  const a = ids[rng.int(ids.length)]!
  const b = ids.filter((x) => x !== a)[rng.int(ids.length - 1)]!
  switch (rng.int(6)) {
    case 0:
      if (cluster.alive(a)) cluster.crash(a)
      break
    case 1:
      for (const id of ids) if (!cluster.alive(id)) cluster.start(id)
      break
    case 2:
      cluster.cut.add(`${a}>${b}`)
      cluster.cut.add(`${b}>${a}`)
      cluster.log(`partition ${a}<->${b}`)
      break
    case 3:
      cluster.cut.add(`${a}>${b}`)
      cluster.log(`one-way cut ${a}->${b}`)
      break
    case 4:
      // Isolate one node completely.
      for (const o of ids)
        if (o !== a) {
          cluster.cut.add(`${a}>${o}`)
          cluster.cut.add(`${o}>${a}`)
        }
      cluster.log(`isolate ${a}`)
      break
    default:
      cluster.cut.clear()
      cluster.log('heal links')
  }
}
