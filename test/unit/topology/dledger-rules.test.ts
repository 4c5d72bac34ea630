import test from 'ava'
import {edit, labFiles, problems, rules, type LabFiles} from './lab-fixture.js'

const members = ['broker-a-n0.properties', 'broker-a-n1.properties', 'broker-a-n2.properties']
/** Applies changes to every member file present. */
function onAll(files: LabFiles, changes: Record<string, string | undefined>): LabFiles {
  return members.filter((m) => m in files).reduce((f, m) => edit(f, m, changes), files)
}

test('dledger rules passing: the dledger template, on one host and on three', (t) => {
  t.deepEqual(rules(labFiles('dledger')), [])
  t.deepEqual(rules(labFiles('dledger', {hosts: 3})), [])
})

test('dledger-peers: a malformed dLegerPeers fails per file with its line', (t) => {
  const files = edit(labFiles('dledger'), 'broker-a-n1.properties', {dLegerPeers: 'n0:127.0.0.1:40911;n1-127.0.0.1:40912;n2-127.0.0.1:40913'})
  const found = problems(files).filter((p) => p.severity === 'error')
  t.deepEqual(
    found.map((p) => p.rule),
    ['dledger-peers'],
  )
  t.like(found[0], {file: 'conf/broker-a-n1.properties', key: 'dLegerPeers'})
  t.true(typeof found[0].line === 'number')
})

test('dledger-peers: members that disagree on dLegerPeers', (t) => {
  const files = edit(labFiles('dledger'), 'broker-a-n2.properties', {dLegerPeers: 'n0-127.0.0.1:40911;n1-127.0.0.1:40912;n2-127.0.0.1:40914'})
  const p = problems(files).find((x) => x.rule === 'dledger-peers')
  t.like(p, {severity: 'error', file: 'conf/broker-a-n2.properties'})
})

test('dledger-self-id: two members with one id', (t) => {
  const files = edit(labFiles('dledger'), 'broker-a-n2.properties', {dLegerSelfId: 'n1'})
  const found = problems(files).filter((x) => x.rule === 'dledger-self-id')
  t.is(found.length, 1)
  t.is(found[0].fix, 'give broker-a-n2 dLegerSelfId=n2')
  // …which also leaves n2 without a node.
  t.true(rules(files).includes('warning:dledger-member-missing'))
})

test('dledger-quorum: fewer than 3 peers is a warning', (t) => {
  let files = labFiles('dledger')
  delete files['broker-a-n2.properties']
  files = onAll(files, {dLegerPeers: 'n0-127.0.0.1:40911;n1-127.0.0.1:40912'})
  t.deepEqual(rules(files), ['warning:dledger-quorum'])
})

test('dledger-member-missing: a listed peer with no node', (t) => {
  const files = labFiles('dledger')
  delete files['broker-a-n2.properties']
  t.deepEqual(rules(files), ['warning:dledger-member-missing'])
})

test('dledger-group: members of one brokerName with different dLegerGroup', (t) => {
  const files = edit(labFiles('dledger'), 'broker-a-n1.properties', {dLegerGroup: 'other'})
  const p = problems(files).find((x) => x.rule === 'dledger-group')
  t.like(p, {severity: 'error', file: 'conf/broker-a-n1.properties', key: 'dLegerGroup'})
})

test('dledger-group: members of one dLegerGroup with different brokerName', (t) => {
  const files = edit(labFiles('dledger'), 'broker-a-n1.properties', {brokerName: 'broker-x'})
  const p = problems(files).find((x) => x.rule === 'dledger-group')
  t.like(p, {severity: 'error', key: 'brokerName'})
})

test('dledger-mixed: DLedger and classic brokers in one brokerName', (t) => {
  const files = {...labFiles('dledger'), 'broker-a.properties': labFiles('single')['broker-a.properties']}
  t.true(rules(files).includes('error:dledger-mixed'))
})

test('dledger-controller: DLedger with enableControllerMode', (t) => {
  const files = edit(labFiles('dledger'), 'broker-a-n0.properties', {enableControllerMode: 'true'})
  t.true(rules(files).includes('error:dledger-controller'))
})
