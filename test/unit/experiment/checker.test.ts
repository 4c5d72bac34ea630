import test from 'ava'
import {
  check,
  withFailedSteps,
  faultWindows,
  sendOutcome,
  type ConsumeRecord,
  type FaultRecord,
  type History,
  type SendRecord,
} from '../../../src/experiment/checker/index.js'

// Synthetic histories: one per anomaly class. Times are ms since the run began.

function send(seq: number, over: Partial<SendRecord> = {}): SendRecord {
  return {
    type: 'send',
    seq,
    producer: 0,
    value: `v${seq}`,
    t: seq * 10,
    latencyMs: 2,
    outcome: 'ok',
    status: 'SEND_OK',
    msgId: `M${seq}`,
    broker: 'broker-a',
    queueId: 0,
    queueOffset: seq,
    attempts: 1,
    ...over,
  }
}

function consume(s: Pick<SendRecord, 'msgId' | 'value'>, over: Partial<ConsumeRecord> = {}): ConsumeRecord {
  return {
    type: 'consume',
    t: 1000,
    consumer: 0,
    msgId: s.msgId!,
    offsetMsgId: `O-${s.msgId}`,
    value: s.value,
    broker: 'broker-a',
    brokerId: 0,
    queueId: 0,
    queueOffset: 0,
    reconsumeTimes: 0,
    ...over,
  }
}

/** Each send consumed once at its own position. */
function delivered(s: SendRecord, over: Partial<ConsumeRecord> = {}): ConsumeRecord {
  return consume(s, {broker: s.broker!, queueId: s.queueId!, queueOffset: s.queueOffset!, t: s.t + 50, ...over})
}

function history(sends: SendRecord[], consumes: ConsumeRecord[], faults: FaultRecord[] = [], drained = true): History {
  return {sends, consumes, faults, workloadEnd: 5000, end: 6000, drained}
}

function status(r: ReturnType<typeof check>, name: string) {
  return r.checks.find((c) => c.name === name)
}

test('a clean history: every acknowledged send delivered once, verdict valid, exit 0', (t) => {
  const sends = [send(0), send(1), send(2)]
  const r = check(
    history(
      sends,
      sends.map((s) => delivered(s)),
    ),
  )
  t.is(r.verdict, 'valid')
  t.is(r.exitCode, 0)
  t.is(r.queue.acknowledged, 3)
  t.is(r.queue.delivered, 3)
  t.is(status(r, 'lost')?.status, 'pass')
})

test('lost: acknowledged, never delivered; verdict invalid, exit 1, the lost send listed with where it was stored', (t) => {
  const sends = [send(0), send(1, {queueOffset: 7})]
  const r = check(history(sends, [delivered(sends[0]!)]))
  t.is(r.queue.lost.length, 1)
  t.like(r.queue.lost[0], {seq: 1, broker: 'broker-a', queueOffset: 7, status: 'SEND_OK'})
  t.is(r.verdict, 'invalid')
  t.is(r.exitCode, 1)
})

test('lost is reported, not failed, when the scenario says so (async replication)', (t) => {
  const sends = [send(0), send(1)]
  const r = check(history(sends, [delivered(sends[0]!)]), {expect: {lost: 'report'}})
  t.is(r.verdict, 'valid')
  t.is(status(r, 'lost')?.actual, 1)
})

test('undecided: acknowledged messages unread while the final read never caught up; exit 2', (t) => {
  const sends = [send(0), send(1)]
  const r = check(history(sends, [delivered(sends[0]!)], [], false))
  t.is(status(r, 'lost')?.status, 'unknown')
  t.is(r.verdict, 'unknown')
  t.is(r.exitCode, 2)
})

test('recovered: an unknown send (no answer came) that was in fact stored; a not-found unknown is no anomaly', (t) => {
  const sends = [
    send(0, {outcome: 'unknown', status: 'TIMEOUT', broker: undefined, queueOffset: undefined}),
    send(1, {outcome: 'unknown', status: 'TIMEOUT'}),
    send(2),
  ]
  const r = check(history(sends, [consume(sends[0]!, {queueOffset: 3}), delivered(sends[2]!)]))
  t.deepEqual(
    r.queue.recovered.map((s) => s.seq),
    [0],
  )
  t.is(r.queue.unknownNotFound, 1)
  t.is(r.queue.lost.length, 0)
  t.is(r.verdict, 'valid')
})

test('stored twice: a retry after a lost answer puts one msgId at two positions (the tricky one: an unknown send stored twice)', (t) => {
  // The first attempt to broker-a was stored but its answer never came; the retry went to broker-b.
  const s = send(0, {outcome: 'unknown', status: 'TIMEOUT', attempts: 3, attemptBrokers: ['broker-a', 'broker-b']})
  const r = check(history([s], [consume(s, {broker: 'broker-a', queueOffset: 4}), consume(s, {broker: 'broker-b', queueOffset: 9, t: 1100})]))
  t.is(r.queue.storedTwice.length, 1)
  t.deepEqual(
    r.queue.storedTwice[0]!.positions.map((p) => `${p.broker}/${p.queueOffset}`),
    ['broker-a/4', 'broker-b/9'],
  )
  t.deepEqual(
    r.queue.recovered.map((x) => x.seq),
    [0],
    'recovered once, not twice',
  )
  t.is(r.queue.deliveredTwice.length, 0, 'two stored copies, each delivered once: not a redelivery')
  t.is(r.queue.delivered, 1)
})

test('stored twice also when the retried send was acknowledged (the second attempt answered SEND_OK)', (t) => {
  const s = send(0, {broker: 'broker-b', queueOffset: 9, attempts: 2})
  const r = check(history([s], [consume(s, {broker: 'broker-a', queueOffset: 4}), consume(s, {broker: 'broker-b', queueOffset: 9})]))
  t.is(r.queue.storedTwice.length, 1)
  t.is(r.queue.lost.length, 0)
})

test('delivered twice: consumed once from the slave and again from the returned master (same position)', (t) => {
  const s = send(0, {queueOffset: 5})
  const r = check(history([s], [delivered(s, {brokerId: 1, t: 2000}), delivered(s, {brokerId: 0, t: 4000})]))
  t.is(r.queue.deliveredTwice.length, 1)
  t.like(r.queue.deliveredTwice[0], {deliveries: 2, msgId: 'M0'})
  t.deepEqual(r.queue.deliveredTwice[0]!.servedBy, ['broker-a#0', 'broker-a#1'])
  t.is(r.queue.storedTwice.length, 0, 'one stored copy')
  t.is(r.verdict, 'valid', 'at-least-once: a redelivery is reported, not failed, by default')
})

test('delivered twice fails when the scenario demands exactly once delivery', (t) => {
  const s = send(0)
  const r = check(history([s], [delivered(s), delivered(s, {reconsumeTimes: 1})]), {expect: {deliveredTwice: 0}})
  t.is(r.verdict, 'invalid')
})

test('unexpected: a delivered message no send made', (t) => {
  const s = send(0)
  const r = check(history([s], [delivered(s), consume({msgId: 'STRANGER', value: 'zz'}, {queueOffset: 99})]))
  t.is(r.queue.unexpected.length, 1)
  t.is(r.queue.unexpected[0]!.msgId, 'STRANGER')
  t.is(r.verdict, 'invalid')
})

test('a delivery is matched by value when the msgId differs (an older client that set no UNIQ_KEY)', (t) => {
  const s = send(0)
  const r = check(history([s], [consume({msgId: 'OFFSET-ID', value: 'v0'}, {queueOffset: 0})]))
  t.is(r.queue.unexpected.length, 0)
  t.is(r.queue.delivered, 1)
})

test('failed but stored: the client was told "not stored" and it was', (t) => {
  const s = send(0, {outcome: 'failed', status: 'CONNECT_FAILED'})
  const r = check(history([s], [delivered(s)]))
  t.is(r.queue.failedButStored.length, 1)
  t.is(r.verdict, 'invalid')
})

test('reordered per queue: a step back in queue offset that is not a redelivery', (t) => {
  const sends = [send(0), send(1), send(2)]
  const consumes = [delivered(sends[0]!, {t: 100}), delivered(sends[2]!, {t: 110}), delivered(sends[1]!, {t: 120})]
  const r = check(history(sends, consumes), {ordered: true})
  t.true(r.reorders.some((x) => x.kind === 'queue' && x.msgId === 'M1' && x.after === 'M2'))
  t.is(r.verdict, 'invalid')
  t.is(check(history(sends, consumes)).reorders.length, 0, 'not checked for unordered workloads')
})

test('reordered per key: a key whose later message is delivered first (its queue moved to another group)', (t) => {
  const a = send(0, {key: 'k1', broker: 'broker-a', queueOffset: 0})
  const b = send(1, {key: 'k1', broker: 'broker-b', queueOffset: 0})
  const r = check(history([a, b], [delivered(b, {t: 100}), delivered(a, {t: 200})]), {ordered: true})
  t.deepEqual(
    r.reorders.map((x) => [x.kind, x.where, x.msgId]),
    [['key', 'k1', 'M0']],
  )
})

test('a redelivery is not a reorder', (t) => {
  const sends = [send(0), send(1)]
  const consumes = [delivered(sends[0]!, {t: 100}), delivered(sends[1]!, {t: 110}), delivered(sends[0]!, {t: 120})]
  t.is(check(history(sends, consumes), {ordered: true}).reorders.length, 0)
})

test('unavailability: master killed at 1000 and restarted at 3000; writes moved to broker-b at once, broker-a served by its slave', (t) => {
  const faults: FaultRecord[] = [
    {type: 'fault', t: 1000, action: 'kill', target: 'broker-a-master', groups: ['broker-a'], phase: 'start'},
    {type: 'fault', t: 3000, action: 'start', target: 'broker-a-master', groups: ['broker-a'], phase: 'end'},
  ]
  const sends = [
    send(0, {t: 900, latencyMs: 5, queueOffset: 0}), // stored on broker-a before the kill, unread at the kill
    send(1, {t: 950, latencyMs: 5, queueOffset: 1}), // likewise, but it only comes back with the master
    send(2, {t: 1001, latencyMs: 40, broker: 'broker-b'}), // the producer retried on broker-b
    send(3, {t: 3100, latencyMs: 5, queueOffset: 2}), // broker-a takes writes again
  ]
  const consumes = [
    delivered(sends[0]!, {t: 1250, brokerId: 1}),
    delivered(sends[2]!, {t: 1100}),
    delivered(sends[1]!, {t: 3200, brokerId: 0}),
    delivered(sends[3]!, {t: 3300}),
  ]
  const r = check(history(sends, consumes, faults))
  t.deepEqual(
    r.windows.map((w) => [w.label, w.start, w.end]),
    [['kill broker-a-master', 1000, 3000]],
  )
  const a = r.availability.find((x) => x.group === 'broker-a')!
  t.is(a.writeUnavailableMs, 2105)
  t.is(a.anyWriteUnavailableMs, 41)
  t.true(a.readWaiting)
  t.is(a.readUnavailableMs, 250)
  t.is(a.firstReadBrokerId, 1)
  t.is(a.waitedForRestart, 1)
  t.is(a.neverDelivered, 0)
  t.is(r.verdict, 'valid')
})

test('unavailability: a group that never takes a write again within the run reports null and fails a maximum', (t) => {
  const faults: FaultRecord[] = [{type: 'fault', t: 1000, action: 'kill', target: 'broker-a-master', groups: ['broker-a'], phase: 'start'}]
  const sends = [send(0, {t: 10}), send(1, {t: 1500, broker: 'broker-b'})]
  const r = check(
    history(
      sends,
      sends.map((s) => delivered(s)),
      faults,
    ),
    {expect: {writeUnavailableMs: 5000}},
  )
  t.is(r.availability[0]!.writeUnavailableMs, null)
  t.is(r.availability[0]!.end, null)
  t.is(status(r, 'writeUnavailableMs')?.status, 'fail')
})

test('a minimum expectation: the fault must show (e.g. SLAVE_NOT_AVAILABLE sends counted)', (t) => {
  const sends = [send(0)]
  const r = check(history(sends, [delivered(sends[0]!)]), {expect: {waitedForRestart: {min: 1}}})
  t.is(status(r, 'waitedForRestart')?.status, 'fail')
})

test('no acknowledged send at all: undecided', (t) => {
  const s = send(0, {outcome: 'failed', status: 'CONNECT_FAILED'})
  t.is(check(history([s], [])).verdict, 'unknown')
})

test('sendOutcome: stored statuses are ok, a timeout or closed connection on any attempt is unknown, else failed', (t) => {
  t.is(sendOutcome('SEND_OK', []), 'ok')
  t.is(sendOutcome('SLAVE_NOT_AVAILABLE', []), 'ok')
  t.is(sendOutcome('SEND_FAILED', ['TIMEOUT', 'CONNECT_FAILED']), 'unknown')
  t.is(sendOutcome('CLOSED', ['CLOSED']), 'unknown')
  t.is(sendOutcome('CONNECT_FAILED', ['CONNECT_FAILED', 'CONNECT_FAILED']), 'failed')
  t.is(sendOutcome('BROKER_ERROR', ['BROKER_ERROR']), 'failed')
})

test('faultWindows: pause…resume pairs, heal-all ends every partition, an unended fault stays open', (t) => {
  const w = faultWindows([
    {type: 'fault', t: 10, action: 'pause', target: 'n1', groups: ['g'], phase: 'start'},
    {type: 'fault', t: 20, action: 'partition', target: 'a~b', groups: ['g'], phase: 'start'},
    {type: 'fault', t: 30, action: 'resume', target: 'n1', groups: ['g'], phase: 'end'},
    {type: 'fault', t: 40, action: 'heal', target: '*', groups: [], phase: 'end'},
    {type: 'fault', t: 50, action: 'kill', target: 'n2', groups: ['g'], phase: 'start'},
  ])
  t.deepEqual(
    w.map((x) => [x.label, x.start, x.end]),
    [
      ['pause n1', 10, 30],
      ['partition a~b', 20, 40],
      ['kill n2', 50, null],
    ],
  )
})

test('a run whose fault step failed is undecided, not valid (it did not test what it meant to)', (t) => {
  const s = send(0)
  const valid = check(history([s], [delivered(s)]))
  const r = withFailedSteps(valid, ['kill broker-x: no node "broker-x"'])
  t.is(r.verdict, 'unknown')
  t.is(r.exitCode, 2)
  t.regex(r.checks.at(-1)!.note!, /fault steps failed: kill broker-x/)
  t.is(withFailedSteps(valid, []).verdict, 'valid')
})
