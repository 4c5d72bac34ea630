import fs from 'node:fs'
import test from 'ava'
import {experimentWorkspace, readLedger, runtimeRunsDLedger} from './experiment-helpers.js'

// The comparison the seeds make in prose, measured: kill-master on a fresh lab per template (fast client
// timing to keep it short; each run is a few seconds of workload), one table, and per template the verdict
// the issue expects.
test('compare kill-master across 2m-noslave, 2m-2s-async, 2m-2s-sync and dledger: sync loses nothing, async counts its loss, noslave waits for the restart', async (t) => {
  t.timeout(300_000)
  const ws = await experimentWorkspace(t)
  const run = await ws.run(
    ['experiment', 'compare', 'kill-master', '--templates', '2m-noslave,2m-2s-async,2m-2s-sync,dledger', '--fast', '--dir', 'out', '--seed', '3'],
    280_000,
  )
  const result = run.json.result
  t.truthy(result, run.stdout + run.stderr)
  t.log(
    JSON.stringify(result.rows.map((r: any) => [r.template, r.verdict, r.lost, r.waitedForRestart, r.readUnavailableMs, r.readServedBy, r.throughput, r.p99])),
  )
  const row = (name: string) => result.rows.find((r: any) => r.template === name)
  t.true(fs.existsSync(result.html))

  const sync = row('2m-2s-sync')
  t.is(sync.verdict, 'valid')
  t.is(sync.lost, 0)
  t.is(sync.waitedForRestart, 0, 'SYNC_MASTER: every acknowledged message was on the slave')
  t.true(sync.readServedBy > 0, 'broker-a was read from its slave while its master was down')

  const async_ = row('2m-2s-async')
  t.is(async_.verdict, 'valid', 'lost is counted and reported, not failed, for async replication')
  t.is(typeof async_.waitedForRestart, 'number')
  t.is(async_.lost, 0, 'the master came back with its disk, so in the end nothing is missing')

  const noslave = row('2m-noslave')
  t.is(noslave.verdict, 'valid')
  t.is(noslave.lost, 0, 'after the restart every acknowledged message was consumed')
  t.true(noslave.waitedForRestart > 0, "the dead group's unread messages waited for the restart")
  t.is(noslave.readServedBy, 0, 'the first read of broker-a after the kill came from its master, back')
  // In the ledger: nothing of broker-a was delivered between the kill and the restart.
  const ledger = readLedger(noslave.report.replace(/report\.html$/, 'ledger.jsonl'))
  const kill = ledger.find((r) => r.type === 'fault' && r.action === 'kill')
  const back = ledger.find((r) => r.type === 'fault' && r.action === 'start')
  t.truthy(kill && back)
  t.is(ledger.filter((r) => r.type === 'consume' && r.broker === 'broker-a' && r.t > kill.t && r.t < back.t).length, 0)
  const ackedA = ledger.filter((r) => r.type === 'send' && r.outcome === 'ok' && r.broker === 'broker-a')
  const deliveredA = new Set(ledger.filter((r) => r.type === 'consume' && r.broker === 'broker-a').map((r) => r.value))
  t.true(ackedA.length > 0)
  t.true(
    ackedA.every((s) => deliveredA.has(s.value)),
    'all of broker-a consumed after the restart',
  )

  const dledger = row('dledger')
  if (runtimeRunsDLedger()) {
    t.is(dledger.verdict, 'valid')
    t.is(dledger.lost, 0)
  } else {
    t.is(dledger.verdict, 'not run')
    t.regex(dledger.error, /DLedger/)
    t.is(run.exitCode, 2, 'a template that could not run leaves the comparison undecided')
  }
})
