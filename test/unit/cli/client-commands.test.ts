import test from 'ava'
import {MQBrokerError, MQClientError} from '../../../src/client/client-errors.js'
import {clientFailure, resolveClientTarget} from '../../../src/cli/client-target.js'
import {topicIsEmpty} from '../../../src/cli/consume-outcome.js'
import {MqlabError} from '../../../src/errors/mqlab-error.js'
import {renderSendSummary} from '../../../src/cli/render/send-report.js'
import {permText} from '../../../src/cli/render/topic-report.js'
import {ExitCode} from '../../../src/errors/exit-codes.js'

const queue = (topic: string, queueId: number, startOffset: number, committedOffset: number | undefined, delivered = 0) => ({
  topic,
  brokerName: 'broker-a',
  queueId,
  startOffset,
  committedOffset,
  delivered,
  lastServedByBrokerId: 0,
})

test('--namesrv is split like RocketMQ namesrvAddr; a malformed one is a usage error', (t) => {
  const target = resolveClientTarget({namesrv: '127.0.0.1:9876; 127.0.0.1:9877', dir: 'mqlab'})
  t.deepEqual(target.namesrvAddrs, ['127.0.0.1:9876', '127.0.0.1:9877'])
  t.is(target.source, 'namesrv-flag')
  const err = t.throws(() => resolveClientTarget({namesrv: 'localhost', dir: 'mqlab'}))
  t.true(err instanceof MqlabError)
  t.is((err as MqlabError).exitCode, ExitCode.USAGE)
})

test('client errors keep their codes and get the exit code of the table', (t) => {
  const target = resolveClientTarget({namesrv: '127.0.0.1:1', dir: 'mqlab'})
  const cases: Array<[MQClientError, string, number]> = [
    [new MQClientError('NAMESRV_UNREACHABLE', 'no name server answered'), 'NAMESRV_UNREACHABLE', ExitCode.UNREACHABLE],
    [new MQClientError('TOPIC_NOT_EXIST', 'No route info of this topic: X'), 'TOPIC_NOT_EXIST', ExitCode.TOPIC_NOT_FOUND],
    [new MQClientError('INVALID_ARGUMENT', 'bad'), 'INVALID_ARGUMENT', ExitCode.USAGE],
    [new MQBrokerError(1, 'boom', '127.0.0.1:10911'), 'BROKER_ERROR', ExitCode.BROKER_ERROR],
    [new MQClientError('CLIENT_CLOSED', 'closed'), 'INTERNAL', ExitCode.INTERNAL],
  ]
  for (const [err, code, exit] of cases) {
    const mapped = clientFailure(err, target) as MqlabError
    t.is(mapped.code as string, code)
    t.is(mapped.exitCode as number, exit)
    t.is(mapped.message, err.message)
  }
  const other = new Error('not a client error')
  t.is(clientFailure(other, target), other)
})

test('a consume that read every queue from 0 and found nothing means an empty topic; committed offsets mean caught up', (t) => {
  const base = {topic: 'T', count: 0}
  t.true(topicIsEmpty({...base, queues: [queue('T', 0, 0, 0), queue('T', 1, 0, undefined), queue('%RETRY%g', 0, 0, 0)]}))
  t.false(topicIsEmpty({...base, queues: [queue('T', 0, 0, 0), queue('T', 1, 5, 5)]}), 'queue 1 had messages')
  t.false(topicIsEmpty({...base, queues: []}), 'no queue was read: nothing can be said')
  t.false(topicIsEmpty({...base, count: 3, queues: [queue('T', 0, 0, 3, 3)]}))
})

test('perm is shown as mqadmin does, and the send summary names counts, retries and failures', (t) => {
  t.is(permText(6), 'rw-')
  t.is(permText(7), 'rwi')
  t.is(permText(4), 'r--')
  const latency = {count: 2, min: 1, avg: 1.5, p50: 1, p99: 2, max: 2}
  const text = renderSendSummary({
    summary: {
      topic: 'T',
      total: 2,
      ok: 1,
      degraded: 0,
      failed: 1,
      byStatus: {SEND_OK: 1, CONNECT_FAILED: 1},
      elapsedMs: 10,
      throughput: 200,
      latency,
      retried: 1,
    },
    messages: [
      {index: 0, topic: 'T', status: 'SEND_OK', outcome: 'ok', latencyMs: 1, retried: true, attempts: []},
      {
        index: 1,
        topic: 'T',
        status: 'CONNECT_FAILED',
        outcome: 'failed',
        latencyMs: 2,
        retried: false,
        attempts: [],
        error: {code: 'CONNECT_FAILED', message: 'cannot connect'},
      },
    ],
  })
  t.regex(text, /sent 2 to T: 1 ok, 1 failed \(SEND_OK 1, CONNECT_FAILED 1\)/)
  t.regex(text, /throughput 200 msg\/s/)
  t.regex(text, /retried 1 message on another broker/)
  t.regex(text, /#1 CONNECT_FAILED: cannot connect/)
})
