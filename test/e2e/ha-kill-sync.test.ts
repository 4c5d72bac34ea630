import test from 'ava'
import {Producer} from '../../src/client/producer/producer.js'
import {drainTopic, killExperiment, messages, startHaLab} from './ha-experiment.js'

// The experiment mqlab exists for, on 2m-2s-sync (SYNC_MASTERs, each with a slave, as processes): kill
// broker-a-master while 5000 sends are under way. Every message that got SEND_OK was on broker-a-slave
// before it was acknowledged, so a consumer gets all of them (broker-a's from the slave), none twice.
// Then the manual failover: mqlab promote broker-a-slave, broker-a takes writes again, nothing
// acknowledged is lost, and the former master is refused as a second master.
test("2m-2s-sync: kill broker-a-master mid-stream; every SEND_OK message is consumed, broker-a's from its slave; promote brings writes back", async (t) => {
  const topic = 'HaKillSync'
  const lab = await startHaLab(t, '2m-2s-sync', {topic})

  const before = await lab.cli('replication')
  t.is(before.exitCode, 0, before.stdout + before.stderr)
  t.deepEqual(
    before.json.result.groups.map((g: any) => [g.brokerName, g.master?.role, g.slaves.map((s: any) => s.connectionState)]),
    [
      ['broker-a', 'SYNC_MASTER', ['CONNECTED']],
      ['broker-b', 'SYNC_MASTER', ['CONNECTED']],
    ],
  )

  const exp = await killExperiment(t, lab, {topic, group: 'ha_kill_sync', killed: 'broker-a', total: 5000, killAfter: 500, chunk: 25, inflight: 8})
  t.is(exp.killRun.exitCode, 0, exp.killRun.stdout + exp.killRun.stderr)
  t.like(exp.killRun.json.result, {node: 'broker-a-master', state: 'crashed'})
  t.like(exp.killRun.json.result.prediction, {kind: 'master', automaticPromotion: false, readableFrom: ['broker-a-slave'], writableGroups: ['broker-b']})

  // At least 5000: sending goes on until the kill has landed.
  const sentCount = exp.reports.length
  t.true(sentCount >= 5000)
  const killedAt = exp.reports.findIndex((r) => r.attempts.some((a) => a.brokerName === 'broker-a' && a.status !== 'SEND_OK'))
  const phase = (i: number) => (i < 500 ? 'before' : killedAt < 0 || i < killedAt + 100 ? 'around' : 'after')
  const tally: Record<string, number> = {}
  for (const r of exp.reports) {
    const key = `${phase(r.index)} ${r.brokerName ?? '-'} ${r.status}${r.retried ? ' (retried)' : ''}`
    tally[key] = (tally[key] ?? 0) + 1
  }
  t.log(tally)
  t.true(exp.killLandedMidStream, 'the master died while sends were under way')
  const ackedBy = (group: string, from: number, to: number) =>
    exp.reports.filter((r) => r.status === 'SEND_OK' && r.brokerName === group && r.index >= from && r.index < to).length
  t.true(killedAt > 0, 'some send to broker-a failed when it died')
  t.true(
    ackedBy('broker-a', 0, killedAt) > 0 && ackedBy('broker-b', killedAt + 100, sentCount) > 0,
    'both groups took writes before the kill; broker-b after it',
  )
  t.is(ackedBy('broker-a', killedAt + 100, sentCount), 0, 'nothing is acknowledged by a dead master')
  t.deepEqual(
    exp.lost.map((r) => `${r.index} ${r.brokerName}/${r.queueId}/${r.queueOffset}`),
    [],
    'every SEND_OK message is consumed',
  )
  t.is(exp.duplicatePositions, 0, 'no message delivered twice in one run')
  const fromA = exp.consumed.filter((m) => m.brokerName === 'broker-a')
  t.true(fromA.length > 0)
  t.true(
    fromA.every((m) => m.brokerId > 0),
    "broker-a's messages come from broker-a-slave",
  )
  t.not(exp.signalToSlaveReadMs, null)
  t.log(
    `2m-2s-sync: ${exp.acked.size} of ${sentCount} SEND_OK (${JSON.stringify(exp.byStatus)}), lost ${exp.lost.length}; ` +
      `SIGKILL → first read from broker-a-slave ${exp.signalToSlaveReadMs} ms (kill command: started ${Math.round(exp.killToSlaveReadMs!)} ms, returned ${Math.round(exp.killReturnToSlaveReadMs!)} ms before; the consumer starts when it returns); ` +
      `${exp.duplicateMsgIds} msgIds stored twice by producer retries, ${exp.unacknowledgedDelivered} delivered without SEND_OK`,
  )

  // Manual failover.
  const promote = await lab.cli('promote', 'broker-a-slave')
  t.is(promote.exitCode, 0, promote.stdout + promote.stderr)
  t.like(promote.json.result, {node: 'broker-a-slave', brokerName: 'broker-a', role: 'ASYNC_MASTER', action: 'promoted', file: 'conf/broker-a-s.properties'})
  t.deepEqual(promote.json.result.changes, [
    {key: 'brokerId', before: '1', after: '0'},
    {key: 'brokerRole', before: 'SLAVE', after: 'ASYNC_MASTER'},
  ])
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  t.teardown(() => producer.close())
  const after = await producer.send(messages(topic, sentCount, 400), {inflight: 8})
  t.is(after.summary.ok, 400, JSON.stringify(after.messages.find((m) => m.status !== 'SEND_OK')))
  t.true(
    after.messages.some((m) => m.brokerName === 'broker-a'),
    'broker-a accepts writes again',
  )

  const all = await drainTopic(lab, topic, 'ha_after_promote')
  const ids = new Set(all.map((m) => m.msgId))
  const acked = [...exp.acked.keys(), ...after.messages.map((m) => m.msgId!)]
  t.deepEqual(
    acked.filter((id) => !ids.has(id)),
    [],
    'nothing acknowledged is lost across the promotion',
  )
  t.true(
    all.filter((m) => m.brokerName === 'broker-a').every((m) => m.brokerId === 0),
    'broker-a is served by its new master',
  )

  const replication = await lab.cli('replication')
  t.is(replication.exitCode, 0)
  t.is(replication.json.result.groups.find((g: any) => g.brokerName === 'broker-a').master.addr, promote.json.result.addr)

  const comeback = await lab.cli('start', 'broker-a-master')
  t.is(comeback.exitCode, 15)
  t.is(comeback.json.error?.code, 'MASTER_CONFLICT')
  t.regex(comeback.json.error?.suggestion ?? '', /brokerRole=SLAVE/)
})
