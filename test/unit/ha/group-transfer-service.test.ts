import test from 'ava'
import {GroupTransferService} from '../../../runtime/ha/group-transfer-service.js'
import type {PutMessageStatus} from '../../../runtime/store/message-store.js'
import {ManualTimers} from '../../helpers/manual-timers.js'

function setup(timeoutMs = 3000) {
  const timers = new ManualTimers()
  const service = new GroupTransferService(() => timeoutMs, timers)
  const results = new Map<number, PutMessageStatus>()
  const wait = (end: number) => void service.waitFor(end).then((s) => results.set(end, s))
  return {timers, service, results, wait}
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

test('one acknowledgement resolves every put it covers, in bulk, and no more', async (t) => {
  const {service, results, wait} = setup()
  for (let end = 100; end <= 6400; end += 100) wait(end)
  t.is(service.size, 64)
  service.notifyTransferSome(3250)
  await flush()
  t.is(results.size, 32)
  t.true([...results.values()].every((s) => s === 'PUT_OK'))
  t.is(service.size, 32)
  service.notifyTransferSome(3000)
  t.is(service.ackedOffset, 3250, 'acknowledgements never go back')
  service.notifyTransferSome(6400)
  await flush()
  t.is(results.size, 64)
  t.is(service.size, 0)
})

test('a put whose bytes a slave already acknowledged is PUT_OK at once', async (t) => {
  const {service} = setup()
  service.notifyTransferSome(500)
  t.is(await service.waitFor(400), 'PUT_OK')
  t.is(await service.waitFor(500), 'PUT_OK')
  t.is(service.size, 0)
})

test('puts not acknowledged by their deadline get FLUSH_SLAVE_TIMEOUT, each at its own deadline, from one timer', async (t) => {
  const {timers, service, results, wait} = setup(3000)
  wait(100)
  timers.advance(1000)
  wait(200)
  wait(300)
  t.is(timers.pendingCount, 1, 'one timer for every waiting put')
  timers.advance(1999)
  await flush()
  t.is(results.size, 0)
  timers.advance(1)
  await flush()
  t.deepEqual([...results], [[100, 'FLUSH_SLAVE_TIMEOUT']])
  service.notifyTransferSome(200)
  await flush()
  t.is(results.get(200), 'PUT_OK')
  timers.advance(1000)
  await flush()
  t.is(results.get(300), 'FLUSH_SLAVE_TIMEOUT')
  t.is(service.size, 0)
  t.is(timers.pendingCount, 0)
})

test('a put arriving out of offset order still waits for its own offset', async (t) => {
  const {service, results, wait} = setup()
  wait(500)
  wait(300)
  wait(400)
  service.notifyTransferSome(350)
  await flush()
  t.deepEqual([...results.keys()], [300])
  service.notifyTransferSome(450)
  await flush()
  t.deepEqual([...results.keys()].sort(), [300, 400])
})

test('shutdown answers every waiting put FLUSH_SLAVE_TIMEOUT', async (t) => {
  const {timers, service, results, wait} = setup()
  wait(1)
  wait(2)
  service.shutdown()
  await flush()
  t.deepEqual([...results.values()], ['FLUSH_SLAVE_TIMEOUT', 'FLUSH_SLAVE_TIMEOUT'])
  t.is(timers.pendingCount, 0)
})
