import test from 'ava'
import {check, type History} from '../../../src/experiment/checker/index.js'
import {cell, renderCompareHtml, rowOf} from '../../../src/experiment/compare/compare.js'
import {runStats, type ExperimentResult} from '../../../src/experiment/run/experiment-result.js'

function result(h: History): ExperimentResult {
  return {
    scenario: 'kill-master',
    template: '2m-2s-async',
    seed: 1,
    timing: 'fast',
    dir: '/tmp/c/2m-2s-async',
    freshLab: true,
    startedAt: '2026-01-01T00:00:00.000Z',
    timeline: [],
    predictions: [],
    workload: {durationMs: 1000, topic: 'T', group: 'G'},
    stats: runStats(h, 1000),
    check: check(h, {expect: {lost: 'report'}}),
    problems: [],
    report: {dir: '/tmp/c/2m-2s-async/reports/x', html: '/tmp/c/2m-2s-async/reports/x/report.html', ledger: 'l'},
  }
}

const sends = Array.from({length: 100}, (_, i) => ({
  type: 'send' as const,
  seq: i,
  producer: 0,
  value: `v${i}`,
  t: i * 10,
  latencyMs: i + 1,
  outcome: 'ok' as const,
  status: 'SEND_OK',
  msgId: `M${i}`,
  broker: i < 50 ? 'broker-a' : 'broker-b',
  queueId: 0,
  queueOffset: i,
  attempts: 1,
}))
const h: History = {
  sends,
  consumes: sends
    .filter((s) => s.seq !== 10 && s.seq !== 11)
    .map((s) => ({
      type: 'consume' as const,
      t: s.t + 5,
      consumer: 0,
      msgId: s.msgId,
      offsetMsgId: 'o',
      value: s.value,
      broker: s.broker,
      brokerId: 0,
      queueId: 0,
      queueOffset: s.queueOffset,
      reconsumeTimes: 0,
    })),
  faults: [{type: 'fault', t: 300, action: 'kill', target: 'broker-a-master', groups: ['broker-a'], phase: 'start'}],
  workloadEnd: 1000,
  end: 1200,
  drained: true,
}

test('a compare row carries the run\'s lost, throughput and p99; unavailable-for-the-run shows as "not in run"', (t) => {
  const row = rowOf('2m-2s-async', result(h))
  t.is(row.verdict, 'valid', 'lost is reported for async, not failed')
  t.is(row.lost, 2)
  t.is(row.acknowledged, 100)
  t.is(row.throughput, 100)
  t.is(row.p99, 99)
  t.is(row.anyWriteUnavailableMs, 31)
  t.is(row.writeUnavailableMs, 31, 'broker-a took the send that started right at the kill (synthetic history)')
  t.is(cell({...row, writeUnavailableMs: null}, 'writeUnavailableMs'), 'not in run')
  t.is(cell(row, 'readServedBy'), 'master', 'brokerId 0 served the first read after the fault')
  t.is(cell({...row, readServedBy: 1}, 'readServedBy'), 'slave #1')
})

test('the compare page links each template to its report and says why a template was not run', (t) => {
  const row = rowOf('2m-2s-async', result(h))
  const html = renderCompareHtml({
    scenario: 'kill-master',
    seed: 1,
    timing: 'fast',
    dir: '/tmp/c',
    html: '/tmp/c/compare.html',
    rows: [row, {...row, template: 'dledger', verdict: 'not run', report: null, error: 'needs a running DLedger group'}],
  })
  t.regex(html, /<a href="2m-2s-async\/reports\/x\/report.html">2m-2s-async<\/a>/)
  t.regex(html, /dledger: needs a running DLedger group/)
  t.notRegex(html, /<script/)
})
