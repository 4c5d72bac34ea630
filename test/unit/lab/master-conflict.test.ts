import test from 'ava'
import {MqlabError} from '../../../src/errors/mqlab-error.js'
import {nodeSpecs} from '../../../src/lab/lab-node-spec.js'
import {findMasterConflict, masterConflictError, nextSlaveId} from '../../../src/lab/master-conflict.js'
import {formatPromotionNote, latestPromotion, parsePromotionNotes, type PromotionNote} from '../../../src/topology/promotion-note.js'
import {edit, labFiles, snapshot} from '../topology/lab-fixture.js'

const promoted = () => nodeSpecs(snapshot(edit(labFiles('2m-2s-sync'), 'broker-a-s.properties', {brokerId: '0', brokerRole: 'ASYNC_MASTER'})))
const note: PromotionNote = {at: '2026-01-02T03:04:05.678Z', node: 'broker-a-slave', brokerName: 'broker-a', formerMaster: 'broker-a-master'}

test('promotion notes round-trip through the comment, oldest first, and the latest per node is found', (t) => {
  const line = formatPromotionNote(note, {brokerId: '1', brokerRole: 'SLAVE'})
  t.is(
    line,
    'mqlab promote 2026-01-02T03:04:05.678Z: broker-a-slave became the master of broker-a (was brokerId=1 brokerRole=SLAVE; former master broker-a-master)',
  )
  const older = formatPromotionNote({...note, at: '2025-01-01T00:00:00.000Z', formerMaster: null}, {brokerId: null, brokerRole: null})
  const notes = parsePromotionNotes(`a=1\n# ${line}\nb=2\n#${older}\n# mqlab promote garbage\n`)
  t.deepEqual(notes, [{...note, at: '2025-01-01T00:00:00.000Z', formerMaster: null}, note])
  t.deepEqual(latestPromotion(notes, 'broker-a-slave', 'broker-a'), note)
  t.is(latestPromotion(notes, 'broker-a-slave', 'broker-b'), undefined)
})

test('a normal lab has no conflict; non-masters are never checked', (t) => {
  const specs = nodeSpecs(snapshot(labFiles('2m-2s-sync')))
  const all = new Set(specs.map((s) => s.name))
  for (const s of specs) t.is(findMasterConflict(s, specs, all, new Map()), undefined, s.name)
})

test('after a promotion the former master is refused; the promoted node may restart; a live other master always refuses', (t) => {
  const specs = promoted()
  const master = specs.find((s) => s.name === 'broker-a-master')!
  const slave = specs.find((s) => s.name === 'broker-a-slave')!
  const notes = new Map([['broker-a-slave', [note]]])
  const superseded = findMasterConflict(master, specs, new Set(), notes)!
  t.is(superseded.reason, 'superseded')
  t.is(superseded.other, 'broker-a-slave')
  t.is(findMasterConflict(slave, specs, new Set(), notes), undefined, 'the promoted node starts')
  t.is(findMasterConflict(slave, specs, new Set(['broker-a-master']), notes)?.reason, 'other-live')
  t.is(findMasterConflict(master, specs, new Set(['broker-a-slave']), notes)?.reason, 'superseded', 'the promotion says more than liveness')
  t.is(findMasterConflict(master, specs, new Set(['broker-a-slave']), new Map())?.reason, 'other-live')
  t.is(findMasterConflict(master, specs, new Set(), new Map())?.reason, 'both-claim', 'no note: neither may start alone')
  t.is(
    findMasterConflict(
      specs.find((s) => s.name === 'broker-b-master')!,
      specs,
      new Set(),
      notes,
    ),
    undefined,
  )
})

test('the error says what to do: make the former master a slave of the new one with a free brokerId', (t) => {
  const specs = promoted()
  const master = specs.find((s) => s.name === 'broker-a-master')!
  t.is(nextSlaveId(specs, 'broker-a'), 1)
  const err = masterConflictError(findMasterConflict(master, specs, new Set(), new Map([['broker-a-slave', [note]]]))!, specs, master)
  t.true(err instanceof MqlabError)
  t.is(err.code, 'MASTER_CONFLICT')
  t.is(err.exitCode, 15)
  t.regex(err.message, /broker-a-slave was promoted to master of broker-a/)
  t.regex(err.suggestion!, /make broker-a-master a slave of broker-a-slave: in conf\/broker-a.properties set brokerId=1 and brokerRole=SLAVE/)
  t.regex(err.suggestion!, /move .*store\/broker-a-master aside/)
})
