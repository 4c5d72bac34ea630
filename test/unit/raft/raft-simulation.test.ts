/**
 * Randomized simulation of a 3-member DLedger group (see test/helpers/raft/random-schedule.ts): by default
 * 10,000 seeded schedules, each checked after every step. MQLAB_RAFT_SEEDS=N runs N schedules;
 * MQLAB_RAFT_SEED=S replays one and prints its whole trace.
 */
import test from 'ava'
import {runSchedule} from '../../helpers/raft/random-schedule.js'

const single = process.env.MQLAB_RAFT_SEED
const count = Number(process.env.MQLAB_RAFT_SEEDS ?? 10_000)

test(`randomized schedules keep election safety, log matching, leader completeness and acknowledged entries (${single ? `seed ${single}` : `${count} seeds`})`, (t) => {
  const seeds = single ? [Number(single)] : Array.from({length: count}, (_, i) => i + 1)
  let checks = 0
  let acknowledged = 0
  let settled = 0
  for (const seed of seeds) {
    const r = runSchedule(seed, {keepTrace: single !== undefined})
    if (single) t.log(r.trace.join('\n'))
    if (r.violation) {
      t.fail(`seed ${seed}: ${r.violation}\nreplay: MQLAB_RAFT_SEED=${seed} npx ava test/unit/raft/raft-simulation.test.ts\n${r.trace.slice(-60).join('\n')}`)
      return
    }
    checks += r.checks
    acknowledged += r.acknowledged
    if (r.leaderAtEnd) settled++
  }
  t.log(`${seeds.length} schedules, ${checks} invariant checks, ${acknowledged} acknowledged appends, ${settled} with one leader after healing`)
  t.true(acknowledged > seeds.length, 'the schedules must actually commit appends')
  t.is(settled, seeds.length, 'every schedule elects a leader once healed')
})
