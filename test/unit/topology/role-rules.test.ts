import test from 'ava'
import {edit, labFiles, problems, rules} from './lab-fixture.js'

test('role rules passing: the master/slave templates', (t) => {
  t.deepEqual(rules(labFiles('2m-2s-sync')), [])
  t.deepEqual(rules(labFiles('2m-2s-async')), [])
})

test('role-broker-id: a SLAVE with brokerId 0 fails with the per-file rule', (t) => {
  const files = edit(labFiles('2m-2s-async'), 'broker-a-s.properties', {brokerId: '0'})
  const found = problems(files).filter((p) => p.severity === 'error')
  t.deepEqual(
    found.map((p) => p.rule),
    ['role-broker-id'],
  )
  t.like(found[0], {file: 'conf/broker-a-s.properties', key: 'brokerId'})
})

test('master-duplicate: two masters in one brokerName', (t) => {
  const files = edit(labFiles('2m-noslave'), 'broker-b.properties', {brokerName: 'broker-a'})
  const p = problems(files).find((x) => x.rule === 'master-duplicate')
  t.like(p, {severity: 'error', key: 'brokerRole'})
  t.regex(p!.message, /broker-a has more than one master/)
})

test('broker-id-duplicate: two slaves with one brokerId', (t) => {
  let files = labFiles('2m-2s-async')
  files = edit(files, 'broker-b-s.properties', {brokerName: 'broker-a'})
  const found = problems(files).filter((x) => x.rule === 'broker-id-duplicate')
  t.is(found.length, 1)
  t.is(found[0].fix, 'give broker-b-slave brokerId=2')
  files = edit(files, 'broker-b-s.properties', {brokerId: '2'})
  t.false(rules(files).includes('error:broker-id-duplicate'))
})

test('slave-without-master: a slave whose brokerName has no master', (t) => {
  const files = edit(labFiles('2m-2s-async'), 'broker-b-s.properties', {brokerName: 'broker-c'})
  const p = problems(files).find((x) => x.rule === 'slave-without-master')
  t.like(p, {severity: 'error', file: 'conf/broker-b-s.properties', key: 'brokerName'})
})

test('sync-master-without-slave: flagged as a warning; passing with a slave or as ASYNC_MASTER', (t) => {
  const noSlave = edit(labFiles('single'), 'broker-a.properties', {brokerRole: 'SYNC_MASTER'})
  t.deepEqual(rules(noSlave), ['warning:sync-master-without-slave'])
  t.deepEqual(rules(labFiles('single')), [])
})

test('cluster-name: more than one brokerClusterName is a warning on the odd one out', (t) => {
  const files = edit(labFiles('2m-2s-async'), 'broker-b.properties', {brokerClusterName: 'Other'})
  const found = problems(files).filter((x) => x.rule === 'cluster-name')
  t.is(found.length, 1)
  t.like(found[0], {severity: 'warning', file: 'conf/broker-b.properties'})
})
