/**
 * The flow a first-time user follows (README): `send --topic <new> -n 1000` → `kill broker-a-master` →
 * `consume`, through the built CLI, on 2m-2s-sync and 2m-noslave, checking that the lab does what
 * RocketMQ 4.9.8 does and that `kill` says so truthfully:
 *   - the fresh, auto-created topic spreads over both masters (the producer keeps TBW102's route until
 *     its 30 s poll), as a Java producer's burst does — not 1000/0;
 *   - the kill's prediction names exactly the user topics with queues on broker-a and says, from the live
 *     slave's own topic table, which of them stay readable (a topic created long enough ago: yes; the
 *     fresh one: only if a 10 s metadata sync happened to copy it before the kill);
 *   - `consume` then gets exactly what was predicted.
 * The consumers here start after the kill, so they read the new route at once; a consumer that was
 * already running would keep pulling the dead master until its 30 s route poll (the prediction's
 * route-notice claim; covered by test/integration/client/failover-timing.test.ts).
 */
import test, {type ExecutionContext} from 'ava'
import {startHaLab, waitSlavesKnowTopic, type HaLab} from './ha-experiment.js'

interface Sent {
  perBroker: Record<string, number>
}

async function sendBurst(t: ExecutionContext, lab: HaLab, topic: string, n: number): Promise<Sent> {
  const run = await lab.cli('send', '--topic', topic, '-n', String(n))
  t.is(run.exitCode, 0, run.stdout + run.stderr)
  const perBroker: Record<string, number> = {}
  for (const m of run.json.result.messages) perBroker[m.brokerName] = (perBroker[m.brokerName] ?? 0) + 1
  return {perBroker}
}

/** Consumes `expected` messages with a new group, then checks that nothing more can be read for a while. */
async function consumeExactly(t: ExecutionContext, lab: HaLab, topic: string, expected: Record<string, number>) {
  const total = Object.values(expected).reduce((a, b) => a + b, 0)
  const group = `seeds_${topic}`
  const first = await lab.cli('consume', '--topic', topic, '--group', group, '-n', String(total), '--timeout', '30')
  t.is(first.exitCode, 0, first.stdout + first.stderr)
  t.deepEqual(first.json.result.summary.byBroker, expected, `${topic}: consumed per broker/brokerId`)
  const more = await lab.cli('consume', '--topic', topic, '--group', group, '--timeout', '4')
  t.is(more.json.result?.summary.count ?? 0, 0, `${topic}: nothing else is readable now`)
}

async function seedsFlow(t: ExecutionContext, template: '2m-2s-sync' | '2m-noslave') {
  // "Old" is created up front and its slaves have synced it; "Fresh" is auto-created by the burst.
  const lab = await startHaLab(t, template, {topic: 'Old'})
  const old = await sendBurst(t, lab, 'Old', 100)
  await waitSlavesKnowTopic(lab, 'Old')
  const fresh = await sendBurst(t, lab, 'Fresh', 1000)
  t.log(template, 'Fresh per broker', fresh.perBroker)
  // Round robin over a0..a3, b0..b3: 500/500.
  t.true((fresh.perBroker['broker-a'] ?? 0) >= 400 && (fresh.perBroker['broker-b'] ?? 0) >= 400, JSON.stringify(fresh.perBroker))
  const route = await lab.cli('topic', 'route', 'Fresh')
  t.deepEqual(
    [...new Set(route.json.result.route.queueDatas.map((q: {brokerName: string}) => q.brokerName))].sort(),
    ['broker-a', 'broker-b'],
    'both masters created Fresh',
  )

  const kill = await lab.cli('kill', 'broker-a-master')
  t.is(kill.exitCode, 0, kill.stdout + kill.stderr)
  const p = kill.json.result.prediction
  t.log(p.effects)
  t.true(p.topics.observed)
  const named = [...p.topics.readable, ...p.topics.unreadable.map((u: {topic: string}) => u.topic)].sort()
  t.deepEqual(named, ['Fresh', 'Old'], 'exactly the user topics with queues on broker-a')
  t.deepEqual(p.topics.writable, ['Fresh', 'Old'])
  t.deepEqual(p.topics.unwritable, [])
  t.like(
    p.claims.find((c: {what: string}) => c.what === 'route-notice'),
    {when: {from: 'route-poll', javaClientWithinMs: 30_000}},
  )
  if (template === '2m-noslave') {
    t.deepEqual(p.topics.readable, [])
    t.true(p.topics.unreadable.every((u: {reason: string}) => u.reason === 'no-live-slave'))
  } else {
    t.true(p.topics.readable.includes('Old'), 'a synced topic stays readable from broker-a-slave')
    const freshClaim = p.topics.readable.includes('Fresh') ? 'readable' : p.topics.unreadable.find((u: {topic: string}) => u.topic === 'Fresh').reason
    t.log(`Fresh on broker-a after the kill: ${freshClaim}`)
    t.true(freshClaim === 'readable' || freshClaim === 'slave-not-synced', freshClaim)
  }

  // What the prediction says, consume must get: broker-a's part from broker-a-slave (brokerId 1) for a
  // readable topic, nothing of broker-a for an unreadable one; broker-b's part from broker-b's master.
  const expectedFor = (topic: string, sent: Sent) => {
    const readable = p.topics.readable.includes(topic)
    return {...(readable ? {'broker-a/1': sent.perBroker['broker-a']} : {}), 'broker-b/0': sent.perBroker['broker-b']}
  }
  await consumeExactly(t, lab, 'Old', expectedFor('Old', old))
  await consumeExactly(t, lab, 'Fresh', expectedFor('Fresh', fresh))
}

test.serial('seeds flow on 2m-2s-sync: a fresh topic spreads over both masters; kill names the readable topics; consume gets them', async (t) => {
  await seedsFlow(t, '2m-2s-sync')
})

test.serial("seeds flow on 2m-noslave: a fresh topic spreads over both masters; nothing of broker-a is readable; consume gets broker-b's part", async (t) => {
  await seedsFlow(t, '2m-noslave')
})
