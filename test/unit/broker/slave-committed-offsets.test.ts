import test from 'ava'
import {ConsumerOffsetManager} from '../../../runtime/broker/offset/consumer-offset-manager.js'
import {SlaveCommittedOffsets} from '../../../runtime/broker/offset/slave-committed-offsets.js'
import {MemoryConfigFiles} from '../../helpers/memory-config-files.js'

test('merge keeps max(slave commit, master) and reports where the slave is ahead', (t) => {
  const s = new SlaveCommittedOffsets()
  s.record('T@G', 0, 9)
  s.record('T@G', 1, 3)
  s.record('U@G', 0, 4)
  const {merged, ahead} = s.merge({'T@G': {0: 5, 1: 7, 2: 1}})
  t.deepEqual(Object.fromEntries([...merged].map(([k, q]) => [k, Object.fromEntries(q)])), {'T@G': {0: 9, 1: 7, 2: 1}, 'U@G': {0: 4}})
  t.deepEqual(ahead, [
    {key: 'T@G', queueId: 0, offset: 9, masterOffset: 5},
    {key: 'U@G', queueId: 0, offset: 4, masterOffset: -1},
  ])
  t.is(s.size, 2, 'queue 1 is forgotten: the master has reached it')
})

test('once the master has reached a commit, the master leads again (a later rewind there is copied)', (t) => {
  const s = new SlaveCommittedOffsets()
  s.record('T@G', 0, 9)
  t.deepEqual(s.merge({'T@G': {0: 9}}).ahead, [])
  t.is(s.size, 0)
  const {merged} = s.merge({'T@G': {0: 2}})
  t.is(merged.get('T@G')?.get(0), 2)
})

test('the offset manager remembers only commits made while it is a slave', (t) => {
  const m = new ConsumerOffsetManager(new MemoryConfigFiles())
  m.commitOffset('c', 'G', 'T', 0, 50)
  let slave = false
  m.isSlave = () => slave
  t.deepEqual(m.mergeFromMaster({offsetTable: {'T@G': {0: 10}}}), [], 'a master-era commit is not protected')
  t.is(m.queryOffset('G', 'T', 0), 10)
  slave = true
  m.commitOffset('c', 'G', 'T', 0, 12)
  m.commitOffset('c', 'G', 'T', 1, 1)
  const ahead = m.mergeFromMaster({offsetTable: {'T@G': {0: 10}}})
  t.deepEqual(ahead.map((a) => [a.queueId, a.offset, a.masterOffset]), [[0, 12, 10], [1, 1, -1]])
  t.is(m.queryOffset('G', 'T', 0), 12)
  t.is(m.queryOffset('G', 'T', 1), 1)
})
