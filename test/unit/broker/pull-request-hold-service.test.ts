import test from 'ava'
import {PullRequestHoldService, type HoldOutcome} from '../../../runtime/broker/longpolling/pull-request-hold-service.js'
import {ManualTimers} from '../../helpers/manual-timers.js'

function setup() {
  const timers = new ManualTimers()
  const maxOffsets = new Map<string, number>()
  const service = new PullRequestHoldService({
    getMaxOffset: (topic, q) => maxOffsets.get(`${topic}@${q}`) ?? 0,
    timers,
  })
  service.start()
  const outcomes: HoldOutcome[] = []
  const hold = (offset: number, timeout: number, filter?: (tagsCode: number) => boolean) =>
    service.hold('T', 0, offset, timeout, filter).then((o) => {
      outcomes.push(o)
      return o
    })
  return {timers, maxOffsets, service, hold, outcomes}
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

test('a held pull is released when a message arrives at its queue, not before', async (t) => {
  const {service, hold, outcomes, maxOffsets} = setup()
  const p = hold(5, 15_000)
  await flush()
  t.deepEqual(outcomes, [])
  service.notifyMessageArriving('T', 1, 6) // another queue
  service.notifyMessageArriving('U', 0, 6) // another topic
  await flush()
  t.deepEqual(outcomes, [])
  maxOffsets.set('T@0', 6)
  service.notifyMessageArriving('T', 0, 6, 0)
  t.is(await p, 'ARRIVED')
  t.is(service.size, 0)
})

test('a held pull times out after its suspend time when nothing arrives', async (t) => {
  const {timers, hold, outcomes} = setup()
  const p = hold(0, 15_000)
  timers.advance(14_999)
  await flush()
  t.deepEqual(outcomes, [])
  timers.advance(1)
  t.is(await p, 'TIMEOUT')
})

test('an arriving message the filter rejects does not wake the pull', async (t) => {
  const {service, hold, outcomes, maxOffsets, timers} = setup()
  const p = hold(0, 15_000, (code) => code === 42)
  maxOffsets.set('T@0', 1)
  service.notifyMessageArriving('T', 0, 1, 7)
  await flush()
  t.deepEqual(outcomes, [])
  maxOffsets.set('T@0', 2)
  service.notifyMessageArriving('T', 0, 2, 42)
  t.is(await p, 'ARRIVED')
  t.is(timers.pendingCount, 1) // only the periodic re-check remains
})

test('a message already there when the pull parks releases it at once', async (t) => {
  const {hold, maxOffsets} = setup()
  maxOffsets.set('T@0', 3)
  t.is(await hold(2, 15_000), 'ARRIVED')
})

test('the periodic re-check catches an arrival that was not announced', async (t) => {
  const {hold, maxOffsets, timers, outcomes} = setup()
  const p = hold(0, 15_000)
  maxOffsets.set('T@0', 1)
  await flush()
  t.deepEqual(outcomes, [])
  timers.advance(5000)
  t.is(await p, 'ARRIVED')
})

test('shutdown releases every held pull', async (t) => {
  const {service, hold} = setup()
  const a = hold(0, 15_000)
  const b = hold(0, 15_000)
  service.shutdown()
  t.deepEqual(await Promise.all([a, b]), ['SHUTDOWN', 'SHUTDOWN'])
  t.is(await service.hold('T', 0, 0, 10), 'SHUTDOWN')
})
