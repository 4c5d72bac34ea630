import test from 'ava'
import {silentLogger} from '../../../runtime/common/logger.js'
import type {PutMessageResult} from '../../../runtime/store/message-store.js'
import {GroupCommitService} from '../../../runtime/store/group-commit-service.js'
import {ManualTimers} from '../../helpers/manual-timers.js'

const flush = () => new Promise((resolve) => setImmediate(resolve))
const OK: PutMessageResult = {status: 'PUT_OK'}

test('SYNC_FLUSH: a put not covered by an fdatasync within syncFlushTimeout is FLUSH_DISK_TIMEOUT, exactly at its deadline', async (t) => {
  const timers = new ManualTimers()
  let release: (end: number) => void = () => undefined
  const service = new GroupCommitService(() => new Promise<number>((resolve) => (release = resolve)), 5000, silentLogger, timers)
  const results: string[] = []
  service.add({end: 100, result: OK, resolve: (r) => results.push(`a:${r.status}`)})
  timers.advance(2000)
  service.add({end: 200, result: OK, resolve: (r) => results.push(`b:${r.status}`)})
  timers.advance(3000)
  await flush()
  t.deepEqual(results, [], 'not before 5000 ms (the timer fires 1 ms after the deadline)')
  timers.advance(1)
  await flush()
  t.deepEqual(results, ['a:FLUSH_DISK_TIMEOUT'])
  release(300) // the hung fdatasync returns: it covers b
  await flush()
  await flush()
  t.deepEqual(results, ['a:FLUSH_DISK_TIMEOUT', 'b:PUT_OK'])
  t.is(service.size, 0)
})
