import test from 'ava'
import {evaluateTargets, type BenchFigures} from '../../../bench/bench-targets.js'
import {parseVmRssMiB} from '../../../bench/proc-rss.js'

const figures: BenchFigures = {
  probeRate64: 20_000,
  probeRttP50: 0.05,
  asyncTps64: 9000,
  syncTps64: 7000,
  sendP50at1: 0.14,
  consumeTps: 12_000,
  labUpMs: 750,
  brokerRssMiB: 50,
  namesrvRssMiB: 46,
  labUpWithDataMs: 800,
  labUpStoredMiB: 90,
  brokerStartCpuMs: 120,
  namesrvStartCpuMs: 160,
  commandStatus: {medianMs: 150, baselineMs: 60, overMs: 90},
  commandSend1: {medianMs: 175, baselineMs: 60, overMs: 115},
  commandHelp: null,
}

test('each target is a ratio to the probe or to another figure of the same run, with its bound', (t) => {
  const rows = new Map(evaluateTargets(figures).map((r) => [r.id, r]))
  t.like(rows.get('async-produce-64'), {ratio: 0.45, bound: 0.4, comparison: '>=', pass: true})
  t.like(rows.get('sync-vs-async-64'), {bound: 0.7, pass: true})
  t.true(Math.abs(rows.get('sync-vs-async-64')!.ratio! - 7000 / 9000) < 1e-9)
  t.true(Math.abs(rows.get('send-p50-1')!.ratio! - 2.8) < 1e-9)
  t.true(rows.get('send-p50-1')!.pass!)
  t.like(rows.get('consume-vs-produce'), {pass: true})
  t.like(rows.get('lab-up'), {ratio: 0.75, pass: true, measured: '0.75 s'})
  t.like(rows.get('broker-rss'), {pass: true, measured: '50.0 MiB'})
  t.like(rows.get('namesrv-rss'), {pass: false}, '46 MiB is over the 45 MiB goal')
  t.true(Math.abs(rows.get('lab-up-with-data')!.ratio! - 800 / 750) < 1e-9)
  t.like(rows.get('lab-up-with-data'), {pass: true, bound: 1.15})
  t.like(rows.get('broker-start-cpu'), {ratio: 0.8, pass: true})
  t.like(rows.get('namesrv-start-cpu'), {pass: false})
  t.like(rows.get('cmd-status'), {ratio: 0.9, pass: true, measured: '150 vs 60 ms (+90)'})
  t.like(rows.get('cmd-send-1'), {ratio: 1.15, pass: false})
  t.like(rows.get('cmd-help'), {ratio: null, pass: null})
})

test('a figure on the wrong side of its bound fails; the bound itself passes where the goal says "≥"/"≤"', (t) => {
  const rows = new Map(evaluateTargets({...figures, asyncTps64: 8000, sendP50at1: 0.2, labUpMs: 2000, consumeTps: 7999}).map((r) => [r.id, r]))
  t.like(rows.get('async-produce-64'), {ratio: 0.4, pass: true})
  t.like(rows.get('send-p50-1'), {pass: false})
  t.like(rows.get('lab-up'), {ratio: 2, pass: false}, 'over 1.0 s')
  t.like(rows.get('consume-vs-produce'), {pass: false})
})

test('figures that were not measured give n/a rows instead of a verdict', (t) => {
  const rows = evaluateTargets({...figures, probeRate64: NaN, syncTps64: null, labUpMs: null, brokerRssMiB: null})
  const byId = new Map(rows.map((r) => [r.id, r]))
  for (const id of ['async-produce-64', 'sync-vs-async-64', 'lab-up', 'broker-rss'])
    t.like(byId.get(id), {ratio: null, pass: null, measured: 'not measured'}, id)
  t.true(byId.get('consume-vs-produce')!.pass!)
})

test('VmRSS is read from /proc/<pid>/status text in MiB', (t) => {
  t.is(parseVmRssMiB('Name:\tnode\nVmPeak:\t  900000 kB\nVmRSS:\t   61440 kB\nRssAnon:\t  40000 kB\n'), 60)
  t.is(parseVmRssMiB('Name:\tkthreadd\n'), undefined)
})

test('--compare: each target of two runs as the ratio of their ratios, worse in the bad direction', async (t) => {
  const {compareTargets} = await import('../../../bench/compare-results.js')
  const before = evaluateTargets(figures)
  const now = evaluateTargets({...figures, asyncTps64: 6000, labUpMs: 700, brokerRssMiB: 51})
  const rows = new Map(compareTargets(before, now).map((r) => [r.id, r]))
  t.like(rows.get('async-produce-64'), {verdict: 'worse'})
  t.true(Math.abs(rows.get('async-produce-64')!.change! - 6000 / 9000) < 1e-9)
  t.like(rows.get('lab-up'), {verdict: 'same'}, 'within 10%')
  t.like(rows.get('broker-rss'), {verdict: 'same'})
  t.like(rows.get('cmd-help'), {verdict: 'n/a', change: null})
  const faster = new Map(compareTargets(before, evaluateTargets({...figures, labUpMs: 500})).map((r) => [r.id, r]))
  t.like(faster.get('lab-up'), {verdict: 'better'})
  const fromOlder = compareTargets(
    before.filter((r) => r.id !== 'cmd-status'),
    now,
  )
  t.like(
    fromOlder.find((r) => r.id === 'cmd-status'),
    {before: 'not in that run', verdict: 'n/a'},
  )
})

test('CPU time is read from /proc/<pid>/stat text (utime + stime, 100 ticks a second)', async (t) => {
  const {parseCpuMs} = await import('../../../bench/proc-cpu.js')
  const stat = '4242 (node a) b) S 1 4242 4242 0 -1 4194560 5000 0 0 0 12 3 0 0 20 0 11 0 100 1000 2000'
  t.is(parseCpuMs(stat), 150)
  t.is(parseCpuMs('garbage'), undefined)
})

test('up of 2m-noslave is its own row, held to the same 1.0 s', (t) => {
  const rows = new Map(evaluateTargets({...figures, labUpNoSlaveMs: 600}).map((r) => [r.id, r]))
  t.like(rows.get('lab-up-noslave'), {ratio: 0.6, pass: true, measured: '0.60 s'})
  t.like(new Map(evaluateTargets(figures).map((r) => [r.id, r])).get('lab-up-noslave'), {pass: null})
})
