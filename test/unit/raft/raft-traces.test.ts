/**
 * Scripted runs of a 3-member group with DLedger's default timings (10 ms ticks, as DLedger's state
 * maintainer loop), each trace compared with a text file under test/fixtures/raft/. The invariant checker
 * runs after every step of every script as well.
 */
import test from 'ava'
import {RaftCluster} from '../../helpers/raft/raft-cluster.js'
import {RaftInvariants} from '../../helpers/raft/raft-invariants.js'
import {matchTraceFixture} from '../../helpers/raft/trace-fixture.js'

function cluster(seed = 7, strict = true): RaftCluster {
  const c = new RaftCluster({seed, tickMs: 10})
  c.traceLimit = Infinity
  c.observer = new RaftInvariants(strict)
  return c
}

function finish(c: RaftCluster): string {
  return `${c.trace.join('\n')}\n--- final\n${c.summary()}\n`
}

const oneLeader = (c: RaftCluster) => () => c.leaders().length === 1 && c.ids.every((id) => !c.alive(id) || c.node(id).status().leaderId !== null)

test('election from scratch: same-term votes split, term 1 wins through TERM_NOT_READY and an immediate revote', (t) => {
  const c = cluster()
  t.true(c.runUntil(oneLeader(c), 2000))
  matchTraceFixture(t, 'election-from-scratch', finish(c))
})

test('leader crash: followers wait 3 missed heartbeats, vote in the same term first, then term + 1', (t) => {
  const c = cluster()
  t.true(c.runUntil(oneLeader(c), 2000))
  const old = c.leaders()[0]!
  for (let i = 0; i < 3; i++) c.propose(old, `m${i}`)
  c.run(200)
  c.crash(old)
  const crashedAt = c.now
  t.true(c.runUntil(() => c.leaders().length === 1, 3000))
  const leader = c.leaders()[0]!
  c.log(`new leader ${leader} after ${(c.now - crashedAt) * 10} ms`)
  t.true(c.propose(leader, 'after-failover'))
  c.run(200)
  t.is(c.node(leader).status().committedIndex, 3)
  matchTraceFixture(t, 'leader-crash-failover', finish(c))
})

test('isolated leader: it keeps accepting appends that never commit, steps down after 6 s, and is truncated on return', (t) => {
  const c = cluster()
  t.true(c.runUntil(oneLeader(c), 2000))
  const old = c.leaders()[0]!
  c.propose(old, 'committed')
  c.run(100)
  for (const o of c.ids)
    if (o !== old) {
      c.cut.add(`${old}>${o}`)
      c.cut.add(`${o}>${old}`)
    }
  c.log(`isolate ${old}`)
  c.propose(old, 'never-committed')
  t.true(c.runUntil(() => c.leaders().some((id) => id !== old), 3000))
  const leader = c.leaders().find((id) => id !== old)!
  c.propose(leader, 'new-term')
  c.run(300)
  c.cut.clear()
  c.log('heal')
  t.true(c.runUntil(() => c.node(old).status().role === 'FOLLOWER' && c.node(old).status().committedIndex === 1, 3000))
  t.is(new TextDecoder().decode(c.disks.get(old)!.log.get(1)!.body), 'new-term')
  matchTraceFixture(t, 'isolated-leader-truncated', finish(c))
})

test('leadership transfer: the transferee takes term + 1 and the old leader refuses appends while it runs', (t) => {
  const c = cluster()
  t.true(c.runUntil(oneLeader(c), 2000))
  const old = c.leaders()[0]!
  const target = c.ids.find((id) => id !== old)!
  c.propose(old, 'before')
  c.run(100)
  let answer: number | undefined
  c.apply(
    old,
    c.node(old).transferLeadership(target, (code) => (answer = code)),
  )
  t.false(c.propose(old, 'during'))
  t.true(c.runUntil(() => answer !== undefined, 1000))
  c.log(`transfer answered ${answer}`)
  t.is(answer, 200)
  t.true(c.runUntil(() => c.leaders().length === 1 && c.leaders()[0] === target, 1000))
  c.run(300)
  matchTraceFixture(t, 'leadership-transfer', finish(c))
})

test('asymmetric partition: a follower that cannot hear the leader keeps voting but cannot depose it', (t) => {
  const c = cluster()
  t.true(c.runUntil(oneLeader(c), 2000))
  const leader = c.leaders()[0]!
  const deaf = c.ids.find((id) => id !== leader)!
  c.cut.add(`${leader}>${deaf}`)
  c.log(`one-way cut ${leader}->${deaf}`)
  c.propose(leader, 'x')
  c.run(1500)
  t.deepEqual(c.leaders(), [leader])
  matchTraceFixture(t, 'asymmetric-partition', finish(c))
})
