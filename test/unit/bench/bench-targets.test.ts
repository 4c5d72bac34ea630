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
  labUpMs: 1500,
  brokerRssMiB: 70,
  namesrvRssMiB: 61,
}

test('each target is a ratio to the probe or to another figure of the same run, with its bound', (t) => {
  const rows = new Map(evaluateTargets(figures).map((r) => [r.id, r]))
  t.like(rows.get('async-produce-64'), {ratio: 0.45, bound: 0.4, comparison: '>=', pass: true})
  t.like(rows.get('sync-vs-async-64'), {bound: 0.7, pass: true})
  t.true(Math.abs(rows.get('sync-vs-async-64')!.ratio! - 7000 / 9000) < 1e-9)
  t.true(Math.abs(rows.get('send-p50-1')!.ratio! - 2.8) < 1e-9)
  t.true(rows.get('send-p50-1')!.pass!)
  t.like(rows.get('consume-vs-produce'), {pass: true})
  t.like(rows.get('lab-up'), {ratio: 0.75, pass: true, measured: '1.50 s'})
  t.like(rows.get('broker-rss'), {pass: true, measured: '70.0 MiB'})
  t.like(rows.get('namesrv-rss'), {pass: false}, '61 MiB is over the 60 MiB goal')
})

test('a figure on the wrong side of its bound fails; the bound itself passes where the goal says "≥"/"≤"', (t) => {
  const rows = new Map(evaluateTargets({...figures, asyncTps64: 8000, sendP50at1: 0.2, labUpMs: 2000, consumeTps: 7999}).map((r) => [r.id, r]))
  t.like(rows.get('async-produce-64'), {ratio: 0.4, pass: true})
  t.like(rows.get('send-p50-1'), {pass: false})
  t.like(rows.get('lab-up'), {ratio: 1, pass: false}, 'under 2 s means strictly under')
  t.like(rows.get('consume-vs-produce'), {pass: false})
})

test('figures that were not measured give n/a rows instead of a verdict', (t) => {
  const rows = evaluateTargets({...figures, probeRate64: NaN, syncTps64: null, labUpMs: null, brokerRssMiB: null})
  const byId = new Map(rows.map((r) => [r.id, r]))
  for (const id of ['async-produce-64', 'sync-vs-async-64', 'lab-up', 'broker-rss']) t.like(byId.get(id), {ratio: null, pass: null, measured: 'not measured'}, id)
  t.true(byId.get('consume-vs-produce')!.pass!)
})

test('VmRSS is read from /proc/<pid>/status text in MiB', (t) => {
  t.is(parseVmRssMiB('Name:\tnode\nVmPeak:\t  900000 kB\nVmRSS:\t   61440 kB\nRssAnon:\t  40000 kB\n'), 60)
  t.is(parseVmRssMiB('Name:\tkthreadd\n'), undefined)
})
