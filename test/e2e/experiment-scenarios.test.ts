import fs from 'node:fs'
import path from 'node:path'
import test from 'ava'
import {experimentWorkspace, readLedger, runtimeRunsDLedger} from './experiment-helpers.js'

// Every other built-in scenario end to end on its default template (2m-2s-sync), with the verdict
// expected of it, plus the DLedger ones (a clear refusal while the runtime cannot run DLedger).

async function runScenario(t: any, name: string, extra: string[] = []) {
  t.timeout(170_000)
  const ws = await experimentWorkspace(t)
  const run = await ws.run(['experiment', 'run', name, '--dir', 'lab', '--fast', ...extra])
  return {ws, run, result: run.json.result}
}

test.serial('pause-master: valid, nothing lost; the paused group takes writes again after the resume', async (t) => {
  const {run, result} = await runScenario(t, 'pause-master')
  t.is(run.exitCode, 0, run.stdout)
  t.is(result.check.verdict, 'valid')
  t.is(result.check.queue.lost.length, 0)
  const a = result.check.availability.find((x: any) => x.group === 'broker-a')
  t.true(a.writeUnavailableMs === null || a.writeUnavailableMs >= 2000, 'no write to broker-a while it was paused')
})

test.serial('kill-slave on SYNC_MASTER: sends to the group answer SLAVE_NOT_AVAILABLE, stored on the master, none lost', async (t) => {
  const {run, result} = await runScenario(t, 'kill-slave')
  t.is(run.exitCode, 0, run.stdout)
  t.true((result.stats.byStatus.SLAVE_NOT_AVAILABLE ?? 0) > 0)
  t.is(result.check.queue.lost.length, 0)
  const degraded = result.check.checks.find((c: any) => c.name === 'degraded')
  t.is(degraded.status, 'pass')
})

test.serial('partition-master-slave: the HA link stalls through its relay and heals intact; nothing lost; the conf files are restored', async (t) => {
  const {ws, run, result} = await runScenario(t, 'partition-master-slave')
  t.is(run.exitCode, 0, run.stdout)
  t.is(result.check.queue.lost.length, 0)
  t.deepEqual(
    result.check.windows.map((w: any) => [w.action, w.target, w.end !== null]),
    [['partition', 'broker-a-slave~broker-a-master', true]],
  )
  const slaveConf = fs.readFileSync(path.join(ws.cwd, 'lab', 'conf', 'broker-a-s.properties'), 'utf8')
  t.notRegex(slaveConf, /haMasterAddress/, 'the relay address was written for the run only')
  // While the link was cut, the SYNC_MASTER's sends to broker-a could not complete with SEND_OK.
  const ledger = readLedger(result.report.ledger)
  const w = result.check.windows[0]
  const okInside = ledger.filter(
    (r) => r.type === 'send' && r.broker === 'broker-a' && r.status === 'SEND_OK' && r.t > w.start + 100 && r.t + r.latencyMs < w.end,
  )
  t.is(okInside.length, 0)
})

test.serial('kill-namesrv: the other name server keeps routes coming; valid', async (t) => {
  const {run, result} = await runScenario(t, 'kill-namesrv')
  t.is(run.exitCode, 0, run.stdout)
  t.is(result.check.queue.lost.length, 0)
  t.is(result.timeline[0].targetsResolved[0], 'namesrv-1')
})

test.serial('restart-all: every node stopped and started mid-stream; nothing acknowledged lost', async (t) => {
  const {run, result} = await runScenario(t, 'restart-all')
  t.is(run.exitCode, 0, run.stdout)
  t.is(result.check.queue.lost.length, 0)
  t.is(result.timeline[0].error, undefined)
})

for (const name of ['kill-leader', 'pause-leader']) {
  test.serial(`${name} on dledger: ${runtimeRunsDLedger() ? 'lost 0' : 'refused clearly while the runtime cannot run DLedger'}`, async (t) => {
    const {run, result} = await runScenario(t, name)
    if (runtimeRunsDLedger()) {
      t.is(run.exitCode, 0, run.stdout)
      t.is(result.check.queue.lost.length, 0)
    } else {
      t.is(run.json.error?.code, 'NODE_START_FAILED')
      t.regex(run.json.error!.message, /needs a running DLedger group/)
      t.regex(run.json.error!.suggestion ?? '', /DLedger/)
    }
  })
}

test.serial('a scenario file with a bad step is refused before anything starts (exit 2, the step pointed at)', async (t) => {
  const ws = await experimentWorkspace(t)
  fs.writeFileSync(
    path.join(ws.cwd, 'bad.yaml'),
    'name: bad\ntemplate: 2m-2s-sync\nfaults:\n  - at: 1s\n    kill: broker-a-master\n    pause: broker-b-master\n',
  )
  const run = await ws.run(['experiment', 'run', 'bad.yaml', '--dir', 'lab'])
  t.is(run.exitCode, 2)
  t.is(run.json.error?.code, 'SCENARIO_INVALID')
  t.regex(run.json.error!.message, /\/faults\/0/)
  t.false(fs.existsSync(path.join(ws.cwd, 'lab')))
  const v = await ws.run(['experiment', 'validate', 'bad.yaml'])
  t.is(v.exitCode, 2)
  t.deepEqual(
    v.json.result.problems.map((p: any) => p.path),
    ['/faults/0'],
  )
})

test.serial(
  'an ordered workload across a master kill: keys whose queue moved to broker-b are delivered out of order (exit 1, the reorders listed)',
  async (t) => {
    t.timeout(170_000)
    const ws = await experimentWorkspace(t)
    fs.writeFileSync(
      path.join(ws.cwd, 'ordered.yaml'),
      [
        'name: ordered-kill-master',
        'template: 2m-2s-sync',
        'workload: {producers: 2, inflight: 1, keys: 4, ordered: true, consumerStart: 3s}',
        'duration: 5s',
        'faults:',
        '  - at: 2s',
        '    kill: broker-a-master',
        '  - at: drained',
        '    start: killed',
        '',
      ].join('\n'),
    )
    const run = await ws.run(['experiment', 'run', 'ordered.yaml', '--dir', 'lab', '--fast'])
    const result = run.json.result
    t.is(run.exitCode, 1, run.stdout)
    t.is(run.json.error?.code, 'CHECK_FAILED')
    t.is(result.check.queue.lost.length, 0)
    t.true(result.check.reorders.length > 0)
    t.true(result.check.reorders.every((r: any) => r.kind === 'key' && /^p[01]k[0-3]$/.test(r.where)))
  },
)
