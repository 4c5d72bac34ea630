import test from 'ava'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {initLab} from '../../../src/topology/init-lab.js'

test('init dledger --groups 2 --hosts 3: two raft groups of three, each spread over the three hosts, with the lab keys commented out', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mqlab-groups-'))
  t.teardown(() => rmSync(dir, {recursive: true, force: true}))
  const r = initLab({template: 'dledger', dir, namesrv: 2, flush: 'ASYNC_FLUSH', cluster: 'DefaultCluster', hosts: 3, force: false, groups: 2})
  t.true(r.validation.valid)
  const brokers = r.nodes.filter((n) => n.kind === 'broker')
  t.deepEqual(
    brokers.map((n) => n.name),
    ['broker-a-n0', 'broker-a-n1', 'broker-a-n2', 'broker-b-n0', 'broker-b-n1', 'broker-b-n2'],
  )
  for (const g of ['broker-a', 'broker-b']) t.deepEqual(new Set(brokers.filter((n) => n.name.startsWith(g)).map((n) => n.host)).size, 3)
  const text = readFileSync(join(dir, 'conf', 'broker-b-n1.properties'), 'utf8')
  t.regex(text, /^dLegerGroup=broker-b$/m)
  t.regex(text, /^#mqlabDLegerHeartBeatIntervalMs=500$/m)
  t.throws(
    () => initLab({template: 'dledger', dir: join(dir, 'x'), namesrv: 2, flush: 'ASYNC_FLUSH', cluster: 'DefaultCluster', hosts: 1, force: false, groups: 9}),
    {message: /groups/},
  )
})
