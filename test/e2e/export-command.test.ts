import test from 'ava'
import fs from 'node:fs'
import path from 'node:path'
import {mqlab, tempDir} from '../helpers/lab-cli.js'

// `mqlab export` through the built CLI: a folder per host with conf/, start.sh and stop.sh, a README,
// export.json; the exported set validated with the hosts as given; a non-empty --out refused.
test('mqlab export --hosts mq1,mq2: one folder per host, scripts on bin/mqnamesrv and bin/mqbroker, README with start order and checks', async (t) => {
  const cwd = await tempDir(t, 'mqlab-export-e2e-')
  t.is((await mqlab(cwd, ['init', '2m-2s-sync', '--dir', 'lab'])).exitCode, 0)
  const run = await mqlab(cwd, ['export', '--dir', 'lab', '--hosts', 'mq1,mq2', '--out', 'out', '--store-root', '/srv/rmq'])
  t.is(run.exitCode, 0, run.stdout)
  const r = run.json.result
  t.true(r.validation.valid)
  t.is(r.namesrvAddr, 'mq1:9876;mq2:9876')
  t.deepEqual(
    r.hosts.map((h: any) => [h.host, h.nodes.map((n: any) => n.name)]),
    [
      ['mq1', ['namesrv-1', 'broker-a-master', 'broker-b-slave']],
      ['mq2', ['namesrv-2', 'broker-a-slave', 'broker-b-master']],
    ],
  )
  const out = path.join(cwd, 'out')
  for (const host of ['mq1', 'mq2']) {
    const start = path.join(out, host, 'start.sh')
    t.true((fs.statSync(start).mode & 0o111) !== 0, 'start.sh is executable')
    t.regex(fs.readFileSync(start, 'utf8'), /\$ROCKETMQ_HOME\/bin\/\$3/)
    t.regex(fs.readFileSync(path.join(out, host, 'stop.sh'), 'utf8'), /mqshutdown" broker/)
  }
  t.regex(fs.readFileSync(path.join(out, 'mq2', 'conf', 'broker-a-s.properties'), 'utf8'), /^brokerIP1=mq2$/m)
  const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8')
  t.regex(readme, /1\. name servers: `\.\/start\.sh namesrv` on mq1, mq2/)
  t.regex(readme, /mqadmin clusterList -n "mq1:9876;mq2:9876"/)
  t.true(JSON.parse(fs.readFileSync(path.join(out, 'export.json'), 'utf8')).validation.valid)

  const again = await mqlab(cwd, ['export', '--dir', 'lab', '--hosts', 'mq1,mq2', '--out', 'out'])
  t.is(again.exitCode, 5)
  t.is(again.json.error?.code, 'DIR_NOT_EMPTY')
  const bad = await mqlab(cwd, ['export', '--dir', 'lab', '--hosts', 'mq1:9876', '--out', 'out2'])
  t.is(bad.exitCode, 2)
  t.is(bad.json.error?.code, 'INVALID_ARGUMENT')
})
