import test from 'ava'
import {check, type History} from '../../../src/experiment/checker/index.js'
import {renderHtmlReport} from '../../../src/experiment/report/html-report.js'
import {renderChart} from '../../../src/experiment/report/svg-chart.js'
import {ledgerLines} from '../../../src/experiment/report/report-files.js'
import {runStats, type ExperimentResult} from '../../../src/experiment/run/experiment-result.js'

function history(): History {
  const sends = Array.from({length: 40}, (_, i) => ({
    type: 'send' as const,
    seq: i,
    producer: 0,
    value: `p0-${i}`,
    t: i * 100,
    latencyMs: 2 + (i % 5),
    outcome: i === 7 ? ('unknown' as const) : ('ok' as const),
    status: i === 7 ? 'TIMEOUT' : 'SEND_OK',
    msgId: `M${i}`,
    broker: i % 2 === 0 ? 'broker-a' : 'broker-b',
    queueId: 0,
    queueOffset: i,
    attempts: 1,
  }))
  const consumes = sends
    .filter((s) => s.seq !== 3)
    .map((s) => ({
      type: 'consume' as const,
      t: s.t + 50,
      consumer: 0,
      msgId: s.msgId,
      offsetMsgId: 'x',
      value: s.value,
      broker: s.broker,
      brokerId: s.t > 1500 && s.broker === 'broker-a' ? 1 : 0,
      queueId: 0,
      queueOffset: s.queueOffset,
      reconsumeTimes: 0,
    }))
  return {
    sends,
    consumes,
    faults: [
      {type: 'fault', t: 1500, action: 'kill', target: 'broker-a-master', groups: ['broker-a'], phase: 'start'},
      {type: 'fault', t: 3000, action: 'start', target: 'broker-a-master', groups: ['broker-a'], phase: 'end'},
    ],
    workloadEnd: 4000,
    end: 4200,
    drained: true,
  }
}

function result(h: History): ExperimentResult {
  return {
    scenario: 'kill-master',
    description: 'a <test> & more',
    template: '2m-2s-sync',
    seed: 1,
    timing: 'fast',
    dir: '/tmp/x',
    freshLab: true,
    startedAt: '2026-01-01T00:00:00.000Z',
    timeline: [{at: 1500, action: 'kill', targets: ['broker-a-master'], options: {}, written: '{}', appliedAt: 1500, targetsResolved: ['broker-a-master']}],
    predictions: [],
    workload: {durationMs: 4000, topic: 'T', group: 'G'},
    stats: runStats(h, 4000),
    check: check(h),
    problems: [],
    report: null,
  }
}

test('the HTML report is one self-contained page: no script, no external reference, escaped text, the fault window in every time chart', (t) => {
  const h = history()
  const html = renderHtmlReport(result(h), h)
  t.notRegex(html, /<script/i)
  t.notRegex(html, /(src|href)="(https?:)?\/\//i)
  t.regex(html, /a &lt;test&gt; &amp; more/)
  t.is((html.match(/<svg class="chart"/g) ?? []).length, 5)
  t.is((html.match(/class="fault-window"/g) ?? []).length, 3)
  t.regex(html, /data-fault="kill broker-a-master" data-start-ms="1500"/)
  t.regex(html, /Synchronous double write/, 'the seed claim for the template is quoted')
  t.regex(html, /id="verdict">INVALID</, 'one acknowledged message was never delivered')
  t.regex(html, /<h3>Lost \(first 1 of 1\)<\/h3>/)
})

test('the ledger is one JSON object per line, sends, deliveries and faults in time order', (t) => {
  const lines = ledgerLines(history())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  t.is(lines.length, 40 + 39 + 2)
  t.true(lines.every((r, i) => i === 0 || r.t >= lines[i - 1].t))
  t.deepEqual(new Set(lines.map((r) => r.type)), new Set(['send', 'consume', 'fault']))
})

test('a chart of 200,000 points renders: the y range is found without spreading the points into one call', (t) => {
  const points: Array<[number, number]> = Array.from({length: 200_000}, (_, i) => [i, i % 977])
  const svg = renderChart({id: 'latency', title: 'latency', yLabel: 'ms', series: [{name: 'sends', points}], windows: [], endMs: 200_000, kind: 'dots'})
  t.true(svg.startsWith('<svg') || svg.includes('<svg'))
  t.true(svg.includes('1000') || svg.includes('1,000'), 'the y axis reaches the largest value (976, rounded up)')
})
