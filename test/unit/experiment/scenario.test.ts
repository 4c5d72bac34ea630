import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import test from 'ava'
import {BUILTIN_SCENARIOS} from '../../../src/experiment/scenario/builtin-scenarios.js'
import {checkScenario, loadScenario} from '../../../src/experiment/scenario/load-scenario.js'
import {parseDuration, type Scenario} from '../../../src/experiment/scenario/scenario.js'
import {planTimeline, type NodeRole} from '../../../src/experiment/scenario/timeline.js'

const TEMPLATES = ['single', '2m-noslave', '2m-2s-async', '2m-2s-sync', 'dledger']
const NODES: NodeRole[] = [
  {name: 'namesrv-1', role: 'namesrv'},
  {name: 'namesrv-2', role: 'namesrv'},
  {name: 'broker-a-master', role: 'master'},
  {name: 'broker-a-slave', role: 'slave'},
  {name: 'broker-b-master', role: 'master'},
  {name: 'broker-b-slave', role: 'slave'},
]

test('every built-in scenario passes the published schema and the semantic checks', (t) => {
  for (const s of BUILTIN_SCENARIOS) {
    const r = checkScenario(structuredClone(s), s.name, TEMPLATES)
    t.true(r.valid, `${s.name}: ${JSON.stringify(r.problems)}`)
  }
})

test('a YAML scenario file is read and validated', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqlab-scenario-'))
  t.teardown(() => fs.rmSync(dir, {recursive: true, force: true}))
  const file = path.join(dir, 's.yaml')
  fs.writeFileSync(
    file,
    [
      'name: my-kill',
      'template: 2m-2s-async',
      'workload: {producers: 2, rate: 100, size: 256, tags: [A, B]}',
      'duration: 8s',
      'faults:',
      '  - at: 3s',
      '    kill: broker-a-master',
      '  - at: drained',
      '    start: killed',
      'checks: {lost: report}',
      '',
    ].join('\n'),
  )
  const r = loadScenario(file, TEMPLATES)
  t.true(r.valid, JSON.stringify(r.problems))
  t.is(r.scenario?.faults?.length, 2)
})

test('schema and semantic problems come back with a JSON pointer each', (t) => {
  const r = checkScenario({name: 'x', workload: {bogus: 1}, faults: [{at: '2s', kill: 'a', pause: 'b'}]}, 'x', TEMPLATES)
  t.false(r.valid)
  t.true(r.problems.some((p) => p.path === '/workload' && /bogus/.test(p.message)))
  t.true(r.problems.some((p) => p.path === '/faults/0' && /exactly one action/.test(p.message)))
  const late = checkScenario({name: 'y', template: 'nope', duration: '5s', faults: [{at: '9s', kill: 'a'}]}, 'y', TEMPLATES)
  t.true(late.problems.some((p) => /unknown template "nope"/.test(p.message)))
  t.true(late.problems.some((p) => p.path === '/faults/0/at' && /after the workload ends/.test(p.message)))
  const both = checkScenario({name: 'z', workload: {rate: 10, inflight: 2}}, 'z', TEMPLATES)
  t.true(both.problems.some((p) => /rate .* or inflight/.test(p.message)))
})

test('a missing file and broken YAML are clear problems, not crashes', (t) => {
  t.regex(loadScenario('/nonexistent/s.yaml', TEMPLATES).problems[0]!.message, /no built-in scenario and no file/)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqlab-scenario-'))
  t.teardown(() => fs.rmSync(dir, {recursive: true, force: true}))
  fs.writeFileSync(path.join(dir, 'b.yaml'), 'name: [unclosed\n')
  t.regex(loadScenario(path.join(dir, 'b.yaml'), TEMPLATES).problems[0]!.message, /not valid YAML/)
})

test('the same seed gives the same fault timeline; drawn times and nodes vary with the seed', (t) => {
  const s: Scenario = {
    name: 'random',
    duration: '20s',
    faults: [
      {at: {between: ['2s', '8s']}, kill: {random: 'master'}},
      {at: {between: ['9s', '12s']}, partition: [{random: 'slave'}, {oneOf: ['broker-a-master', 'broker-b-master']}]},
      {at: 'drained', start: 'killed'},
    ],
  }
  const a = planTimeline(s, NODES, 42)
  t.deepEqual(planTimeline(s, NODES, 42), a)
  t.is(a[2]!.at, 'drained')
  t.true((a[0]!.at as number) >= 2000 && (a[0]!.at as number) <= 8000)
  const timelines = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => JSON.stringify(planTimeline(s, NODES, seed).map((x) => [x.at, x.targets]))))
  t.true(timelines.size > 1, 'different seeds draw differently')
})

test('steps are ordered by time, ties kept in written order; leader targets wait for the running lab', (t) => {
  const plan = planTimeline(
    {
      name: 'o',
      faults: [
        {at: '3s', resume: 'x'},
        {at: '1s', pause: 'x'},
        {at: '3s', kill: {random: 'leader'}},
      ],
    },
    NODES,
    1,
  )
  t.deepEqual(
    plan.map((p) => [p.action, p.at]),
    [
      ['pause', 1000],
      ['resume', 3000],
      ['kill', 3000],
    ],
  )
  t.deepEqual(plan[2]!.targets, ['@leader'])
})

test('parseDuration', (t) => {
  t.is(parseDuration('500ms'), 500)
  t.is(parseDuration('1.5s'), 1500)
  t.is(parseDuration('2m'), 120_000)
  t.is(parseDuration(3), 3000)
  t.throws(() => parseDuration('5 seconds'), {message: /not a duration/})
})
