import test from 'ava'
import {edit, labFiles, problems, rules} from './lab-fixture.js'

test('port-overlap passing: every template on one host has no overlap', (t) => {
  for (const template of ['single', '2m-noslave', '2m-2s-async', '2m-2s-sync', 'dledger']) {
    t.deepEqual(rules(labFiles(template)), [], template)
  }
})

test("port-overlap: a slave on its master's haListenPort names both nodes and proposes a free port", (t) => {
  const files = edit(labFiles('2m-2s-sync'), 'broker-a-s.properties', {listenPort: '10912', haListenPort: '10913'})
  const found = problems(files).filter((p) => p.rule === 'port-overlap')
  t.is(found.length, 1)
  const p = found[0]
  t.is(p.severity, 'error')
  t.is(p.file, 'conf/broker-a-s.properties')
  t.is(p.key, 'listenPort')
  t.true(typeof p.line === 'number')
  t.regex(p.message, /port 10912 is broker-a-master's haListenPort \(listenPort\+1\) and broker-a-slave's listenPort/)
  // 10921 is free again once the slave moves, so it is proposed.
  t.is(p.fix, 'give broker-a-slave listenPort=10921 and haListenPort=10922 (it also needs 10919 free)')
})

test('port-overlap: the fast channel (listenPort-2) counts', (t) => {
  const files = edit(labFiles('2m-noslave'), 'broker-b.properties', {listenPort: '10913', haListenPort: '10914'})
  const p = problems(files).find((x) => x.rule === 'port-overlap')
  t.truthy(p)
  t.regex(p!.message, /port 10911 is broker-a-master's listenPort and broker-b-master's fast channel/)
})

test('port-overlap: two name servers on one port', (t) => {
  const files = edit(labFiles('single'), 'namesrv-2.properties', {listenPort: '9876'})
  const p = problems(files).find((x) => x.rule === 'port-overlap')
  t.like(p, {file: 'conf/namesrv-2.properties', key: 'listenPort', fix: 'give namesrv-2 listenPort=9877'})
})

test('port-overlap passing: the same ports on different host addresses do not clash', (t) => {
  let files = edit(labFiles('single'), 'namesrv-2.properties', {listenPort: '9876', bindAddress: '127.0.0.2'})
  files = edit(files, 'broker-a.properties', {namesrvAddr: '127.0.0.1:9876;127.0.0.2:9876'})
  t.deepEqual(rules(files), [])
})

test('port-overlap: a wildcard bind address clashes with every address', (t) => {
  const files = edit(labFiles('single'), 'namesrv-2.properties', {listenPort: '9876', bindAddress: '0.0.0.0'})
  t.true(rules(files).includes('error:port-overlap'))
})

test("port-overlap: a DLedger port on another node's listenPort", (t) => {
  const peers = 'n0-127.0.0.1:40911;n1-127.0.0.1:30931;n2-127.0.0.1:40913'
  let files = labFiles('dledger')
  for (const f of ['broker-a-n0.properties', 'broker-a-n1.properties', 'broker-a-n2.properties']) files = edit(files, f, {dLegerPeers: peers})
  const p = problems(files).find((x) => x.rule === 'port-overlap')
  t.truthy(p)
  t.is(p!.file, 'conf/broker-a-n2.properties')
  t.regex(p!.message, /port 30931 is broker-a-n1's DLedger port .* and broker-a-n2's listenPort/)
})

test("port-overlap: a DLedger port equal to the node's own haListenPort", (t) => {
  const peers = 'n0-127.0.0.1:30912;n1-127.0.0.1:40912;n2-127.0.0.1:40913'
  let files = labFiles('dledger')
  for (const f of ['broker-a-n0.properties', 'broker-a-n1.properties', 'broker-a-n2.properties']) files = edit(files, f, {dLegerPeers: peers})
  const p = problems(files).find((x) => x.rule === 'port-overlap')
  t.like(p, {file: 'conf/broker-a-n0.properties', key: 'dLegerPeers'})
  t.regex(p!.message, /its own haListenPort/)
})
