import test from 'ava'
import {formatPromotionNote} from '../../../src/topology/promotion-note.js'
import {setProperties} from '../../../src/topology/properties-edit.js'
import {labFiles, problems, snapshot} from './lab-fixture.js'

// What `mqlab promote broker-a-slave` leaves behind: the slave's file rewritten with a note, the former
// master's file unchanged. Validation must name the former master as the one to turn into a slave.
function promotedLab() {
  const files = labFiles('2m-2s-sync')
  const note = formatPromotionNote(
    {at: '2026-01-02T03:04:05.678Z', node: 'broker-a-slave', brokerName: 'broker-a', formerMaster: 'broker-a-master'},
    {brokerId: '1', brokerRole: 'SLAVE'},
  )
  return {...files, 'broker-a-s.properties': setProperties(files['broker-a-s.properties']!, {brokerId: '0', brokerRole: 'ASYNC_MASTER'}, note).text}
}

test('the snapshot carries the latest promotion of a node; others have none', (t) => {
  const lab = snapshot(promotedLab())
  const byName = new Map(lab.nodes.map((n) => [n.name, n]))
  t.is((byName.get('broker-a-slave') as {promotedAt?: string}).promotedAt, '2026-01-02T03:04:05.678Z')
  t.is((byName.get('broker-a-master') as {promotedAt?: string}).promotedAt, undefined)
})

test('master-duplicate after a promotion points at the former master, as a slave of the new one', (t) => {
  const dup = problems(promotedLab()).filter((p) => p.rule === 'master-duplicate')
  t.is(dup.length, 1)
  t.is(dup[0]!.file, 'conf/broker-a.properties')
  t.regex(dup[0]!.message, /broker-a-slave was promoted to master \(mqlab promote, 2026-01-02T03:04:05\.678Z\) and broker-a-master still is one/)
  t.regex(dup[0]!.fix!, /make broker-a-master a slave of broker-a-slave \(brokerRole=SLAVE, brokerId=1\)/)
})

test('without a promotion note the rule keeps its plain wording', (t) => {
  const files = labFiles('2m-2s-sync')
  const dup = problems({
    ...files,
    'broker-a-s.properties': setProperties(files['broker-a-s.properties']!, {brokerId: '0', brokerRole: 'ASYNC_MASTER'}).text,
  }).filter((p) => p.rule === 'master-duplicate')
  t.is(dup.length, 1)
  t.regex(dup[0]!.message, /broker-a has more than one master: broker-a-master and broker-a-slave/)
})
