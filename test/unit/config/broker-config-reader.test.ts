import test from 'ava'
import {readBrokerConfigText} from '../../../runtime/config/broker-config-reader.js'

const F = 'conf/broker-a.properties'

/** A valid master file; tests append or replace lines. */
const master = [
  'brokerClusterName=DefaultCluster',
  'brokerName=broker-a',
  'brokerId=0',
  'brokerRole=ASYNC_MASTER',
  'flushDiskType=ASYNC_FLUSH',
  'namesrvAddr=127.0.0.1:9876;127.0.0.1:9877',
  'brokerIP1=127.0.0.1',
  'listenPort=10911',
  'haListenPort=10912',
  'storePathRootDir=/lab/store/broker-a-master',
  'mappedFileSizeCommitLog=16777216',
]

function read(lines: string[]) {
  return readBrokerConfigText(lines.join('\n') + '\n', F, {cwd: '/cwd'})
}
function withLine(key: string, value: string | undefined): string[] {
  const out = master.filter((l) => !l.startsWith(key + '='))
  if (value !== undefined) out.push(`${key}=${value}`)
  return out
}
function rulesOf(lines: string[]): string[] {
  return read(lines).problems.map((p) => p.rule)
}

test('passing fixture: a plain master has no problems and typed values', (t) => {
  const r = read(master)
  t.deepEqual(r.problems, [])
  t.is(r.config.listenPort, 10911)
  t.is(r.config.haListenPort, 10912)
  t.is(r.config.brokerId, 0)
  t.is(r.config.storePathCommitLog, '/lab/store/broker-a-master/commitlog')
  t.is(r.config.brokerIP2, '127.0.0.1')
  t.is(r.config.mappedFileSizeCommitLog, 16777216)
  t.is(r.lines.get('listenPort'), 8)
})

test('file-empty: a file with only comments', (t) => {
  t.deepEqual(
    read(['# nothing here']).problems.map((p) => p.rule),
    ['file-empty'],
  )
})

test('unknown-key with did-you-mean and its line', (t) => {
  const r = read([...master, 'listenport=10911'])
  t.is(r.problems.length, 1)
  t.like(r.problems[0], {severity: 'error', rule: 'unknown-key', line: 12, key: 'listenport', fix: 'rename listenport to listenPort'})
  t.regex(r.problems[0].message, /did you mean listenPort\?/)
})

test('unknown-key: a name server key in a broker file says where it belongs', (t) => {
  const r = read([...master, 'kvConfigPath=/x'])
  t.like(r.problems[0], {rule: 'unknown-key'})
  t.regex(r.problems[0].message, /name server/)
})

test('duplicate-key: the later line wins, with a warning', (t) => {
  const r = read([...master, 'listenPort=10921', 'haListenPort=10922'])
  t.deepEqual(
    r.problems.map((p) => `${p.severity}:${p.rule}`),
    ['warning:duplicate-key', 'warning:duplicate-key'],
  )
  t.is(r.config.listenPort, 10921)
})

test('deprecated-key: mapedFileSizeCommitLog is accepted with a warning', (t) => {
  const r = read([...withLine('mappedFileSizeCommitLog', undefined), 'mapedFileSizeCommitLog=33554432'])
  t.deepEqual(
    r.problems.map((p) => `${p.severity}:${p.rule}`),
    ['warning:deprecated-key'],
  )
  t.is(r.config.mappedFileSizeCommitLog, 33554432)
})

test('deprecated-key: the real spelling wins over the old one whatever the order', (t) => {
  const r = read([...withLine('mappedFileSizeCommitLog', undefined), 'mappedFileSizeCommitLog=16777216', 'mapedFileSizeCommitLog=33554432'])
  t.is(r.config.mappedFileSizeCommitLog, 16777216)
})

test('key-ignored: a real RocketMQ key mqlab does not model is a warning only', (t) => {
  const r = read([...master, 'sendMessageThreadPoolNums=16'])
  t.deepEqual(
    r.problems.map((p) => `${p.severity}:${p.rule}`),
    ['warning:key-ignored'],
  )
})

test("mqlab-only: the lab's own keys (HA opt-ins, DLedger timings) are warnings that say a RocketMQ broker ignores them, and still take effect", (t) => {
  const r = read([...master, 'mqlabHaReportOnConnect=true', 'mqlabHaCopyEverythingToEmptySlave=true', 'mqlabDLegerHeartBeatIntervalMs=500'])
  t.deepEqual(
    r.problems.map((p) => `${p.severity}:${p.rule}`),
    ['warning:mqlab-only', 'warning:mqlab-only', 'warning:mqlab-only'],
  )
  for (const p of r.problems) t.regex(p.message, /RocketMQ broker ignores it/)
  t.true(r.config.mqlabHaReportOnConnect)
  t.true(r.config.mqlabHaCopyEverythingToEmptySlave)
})

test('value rules reach the reader: non-numeric port, bad enum, bad boolean', (t) => {
  t.deepEqual(rulesOf(withLine('listenPort', 'abc')), ['value-number'])
  t.deepEqual(rulesOf(withLine('flushDiskType', 'SYNC')), ['value-enum'])
  t.deepEqual(rulesOf(withLine('autoCreateTopicEnable', 'yes')), ['value-boolean'])
  t.deepEqual(rulesOf(withLine('fileReservedTime', '0')), ['value-range'])
})

test('port-range: listenPort must leave room for listenPort-2 and listenPort+1', (t) => {
  t.deepEqual(
    rulesOf([...withLine('listenPort', '65535')]).filter((r) => r === 'port-range'),
    ['port-range'],
  )
  t.deepEqual(
    rulesOf(withLine('listenPort', '2')).filter((r) => r === 'port-range'),
    ['port-range'],
  )
  t.deepEqual(
    rulesOf(
      withLine('haListenPort', undefined)
        .filter((l) => !l.startsWith('listenPort'))
        .concat('listenPort=65534'),
    ),
    [],
  )
})

test('ha-port: haListenPort other than listenPort+1 is an error; absent it is derived', (t) => {
  const bad = read(withLine('haListenPort', '10915'))
  t.deepEqual(
    bad.problems.map((p) => p.rule),
    ['ha-port'],
  )
  t.is(bad.problems[0].fix, 'write haListenPort=10912, or delete the line')
  t.is(bad.config.haListenPort, 10912)
  const derived = read(withLine('haListenPort', undefined))
  t.deepEqual(derived.problems, [])
  t.is(derived.config.haListenPort, 10912)
})

test('role-broker-id: a SLAVE with brokerId 0 is an error', (t) => {
  const lines = withLine('brokerRole', 'SLAVE')
  const r = read(lines)
  t.deepEqual(
    r.problems.map((p) => p.rule),
    ['role-broker-id'],
  )
  t.like(r.problems[0], {severity: 'error', key: 'brokerId', line: 3})
  t.deepEqual(
    rulesOf(
      withLine('brokerId', '1')
        .filter((l) => !l.startsWith('brokerRole'))
        .concat('brokerRole=SLAVE'),
    ),
    [],
  )
})

test('role-broker-id: a SLAVE without brokerId (default 0) is reported on brokerRole', (t) => {
  const r = read(
    withLine('brokerId', undefined)
      .filter((l) => !l.startsWith('brokerRole'))
      .concat('brokerRole=SLAVE'),
  )
  t.like(r.problems[0], {rule: 'role-broker-id', key: 'brokerRole'})
})

test('role-broker-id: a master with brokerId 1 is forced to 0 with a warning', (t) => {
  const r = read(withLine('brokerId', '1'))
  t.deepEqual(
    r.problems.map((p) => `${p.severity}:${p.rule}`),
    ['warning:role-broker-id'],
  )
  t.is(r.config.brokerId, 0)
})

test('namesrv-addr: malformed address lists are errors; a trailing ; is fine', (t) => {
  t.deepEqual(rulesOf(withLine('namesrvAddr', '127.0.0.1')), ['namesrv-addr'])
  t.deepEqual(rulesOf(withLine('namesrvAddr', '127.0.0.1:9876,127.0.0.1:9877')), ['namesrv-addr'])
  t.deepEqual(rulesOf(withLine('namesrvAddr', '127.0.0.1:9876;;127.0.0.1:9877')), ['namesrv-addr'])
  t.deepEqual(rulesOf(withLine('namesrvAddr', '127.0.0.1:98760')), ['namesrv-addr'])
  t.deepEqual(rulesOf(withLine('namesrvAddr', '127.0.0.1:9876;')), [])
})

test('delete-when: hours 00-23, ;-separated', (t) => {
  t.deepEqual(rulesOf(withLine('deleteWhen', '24')), ['delete-when'])
  t.deepEqual(rulesOf(withLine('deleteWhen', '04; 16')), ['delete-when'])
  t.deepEqual(rulesOf(withLine('deleteWhen', '4am')), ['delete-when'])
  t.deepEqual(rulesOf(withLine('deleteWhen', '04;16')), [])
  t.deepEqual(rulesOf(withLine('deleteWhen', '0')), [])
})

test('value-range: maxMessageSize must fit the 16 MiB frame and one commitlog file', (t) => {
  t.deepEqual(rulesOf(withLine('mappedFileSizeCommitLog', '1073741824').concat('maxMessageSize=16777216')), ['value-range'])
  t.deepEqual(rulesOf(withLine('maxMessageSize', '16777216')), ['value-range'])
  t.deepEqual(rulesOf(withLine('mappedFileSizeCommitLog', '1048576')), ['value-range'])
  t.deepEqual(rulesOf(withLine('maxMessageSize', '1048576')), [])
})

test('path-relative: a relative store path is resolved against cwd with a warning', (t) => {
  const r = read(withLine('storePathRootDir', 'store/a'))
  t.deepEqual(
    r.problems.map((p) => `${p.severity}:${p.rule}`),
    ['warning:path-relative'],
  )
  t.is(r.config.storePathRootDir, '/cwd/store/a')
  t.is(r.config.storePathCommitLog, '/cwd/store/a/commitlog')
})

const dledger = [
  'brokerClusterName=DefaultCluster',
  'brokerName=broker-a',
  'listenPort=30911',
  'storePathRootDir=/lab/store/broker-a-n0',
  'enableDLegerCommitLog=true',
  'dLegerGroup=broker-a',
  'dLegerPeers=n0-127.0.0.1:40911;n1-127.0.0.1:40912;n2-127.0.0.1:40913',
  'dLegerSelfId=n0',
]
function dl(key: string, value: string | undefined): string[] {
  const out = dledger.filter((l) => !l.startsWith(key + '='))
  if (value !== undefined) out.push(`${key}=${value}`)
  return out
}

test('passing fixture: a DLedger member has no problems and brokerId -1 as BrokerStartup sets', (t) => {
  const r = read(dledger)
  t.deepEqual(r.problems, [])
  t.is(r.config.brokerId, -1)
  t.is(r.config.enableDLegerCommitLog, true)
})

test('dledger-peers: malformed peers', (t) => {
  t.deepEqual(rulesOf(dl('dLegerPeers', 'n0:127.0.0.1:40911;n1-127.0.0.1:40912')), ['dledger-peers'])
  t.deepEqual(rulesOf(dl('dLegerPeers', 'n0-127.0.0.1:40911,n1-127.0.0.1:40912')), ['dledger-peers'])
  t.deepEqual(rulesOf(dl('dLegerPeers', 'node0-127.0.0.1:40911')), ['dledger-peers'])
  t.deepEqual(rulesOf(dl('dLegerPeers', 'n0-127.0.0.1:40911;n0-127.0.0.1:40912')), ['dledger-peers'])
  t.deepEqual(rulesOf(dl('dLegerPeers', undefined)), ['dledger-peers'])
})

test('dledger-self-id: missing, malformed, or not among the peers', (t) => {
  t.deepEqual(rulesOf(dl('dLegerSelfId', 'n3')), ['dledger-self-id'])
  t.deepEqual(rulesOf(dl('dLegerSelfId', 'zero')), ['dledger-self-id'])
  t.deepEqual(rulesOf(dl('dLegerSelfId', undefined)), ['dledger-self-id'])
  t.deepEqual(rulesOf([...dledger, 'preferredLeaderId=n7']), ['dledger-self-id'])
  t.deepEqual(rulesOf([...dledger, 'preferredLeaderId=n1']), [])
})

test('dledger-group: DLedger mode needs dLegerGroup', (t) => {
  t.deepEqual(rulesOf(dl('dLegerGroup', undefined)), ['dledger-group'])
})

test('dledger-controller: not combined with enableControllerMode', (t) => {
  const rules = rulesOf([...dledger, 'enableControllerMode=true'])
  t.true(rules.includes('dledger-controller'))
  t.false(rulesOf([...master, 'enableControllerMode=false']).includes('dledger-controller'))
})

test('dledger-disabled: DLedger keys without enableDLegerCommitLog are flagged', (t) => {
  const r = read(dl('enableDLegerCommitLog', 'false'))
  t.deepEqual([...new Set(r.problems.map((p) => `${p.severity}:${p.rule}`))], ['warning:dledger-disabled'])
})
