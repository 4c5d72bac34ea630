import test from 'ava'
import {ConsumerOffsetManager} from '../../../runtime/broker/offset/consumer-offset-manager.js'
import {MemoryConfigFiles} from '../../helpers/memory-config-files.js'

test('commit and query by group, topic and queue; -1 when never committed', (t) => {
  const m = new ConsumerOffsetManager(new MemoryConfigFiles())
  t.is(m.queryOffset('G', 'T', 0), -1)
  m.commitOffset('1.2.3.4:5', 'G', 'T', 0, 12)
  m.commitOffset('1.2.3.4:5', 'G', 'T', 1, 3)
  m.commitOffset('1.2.3.4:5', 'G', 'T', 0, 10) // rewinds are allowed
  t.is(m.queryOffset('G', 'T', 0), 10)
  t.is(m.queryOffset('G', 'T', 1), 3)
  t.is(m.queryOffset('H', 'T', 0), -1)
  t.deepEqual([...m.whichGroupByTopic('T')], ['G'])
  t.deepEqual([...m.whichTopicByConsumer('G')], ['T'])
})

test('consumerOffset.json uses topic@group keys and round-trips', async (t) => {
  const files = new MemoryConfigFiles()
  const m = new ConsumerOffsetManager(files)
  m.commitOffset('x', 'GID_test', 'TopicTest', 1, 250)
  m.commitOffset('x', 'GID_test', 'TopicTest', 0, 249)
  m.commitOffset('x', 'GID_test', '%RETRY%GID_test', 0, 0)
  await m.persist()
  const parsed = JSON.parse(files.files.get('consumerOffset.json')!)
  t.deepEqual(parsed, {offsetTable: {'TopicTest@GID_test': {0: 249, 1: 250}, '%RETRY%GID_test@GID_test': {0: 0}}})
  const other = new ConsumerOffsetManager(files)
  await other.load()
  t.is(other.queryOffset('GID_test', 'TopicTest', 1), 250)
})

test('a consumerOffset.json written by a real broker (bare numeric keys) loads', async (t) => {
  const files = new MemoryConfigFiles()
  files.files.set('consumerOffset.json', '{\n\t"offsetTable":{\n\t\t"TopicTest@please_rename":{0:250,1:251,2:252,3:253\n\t\t}\n\t}\n}')
  const m = new ConsumerOffsetManager(files)
  await m.load()
  t.is(m.queryOffset('please_rename', 'TopicTest', 3), 253)
})

test('cleanOffsetByTopic forgets a deleted topic', (t) => {
  const m = new ConsumerOffsetManager(new MemoryConfigFiles())
  m.commitOffset('x', 'G', 'T', 0, 1)
  m.commitOffset('x', 'G', 'U', 0, 1)
  m.cleanOffsetByTopic('T')
  t.is(m.queryOffset('G', 'T', 0), -1)
  t.is(m.queryOffset('G', 'U', 0), 1)
})

test('the periodic flush writes only after a change', async (t) => {
  const files = new MemoryConfigFiles()
  const m = new ConsumerOffsetManager(files)
  await m.persistIfChanged()
  t.is(files.writes, 0)
  m.commitOffset('x', 'G', 'T', 0, 1)
  await m.persistIfChanged()
  await m.persistIfChanged()
  t.is(files.writes, 1)
  m.commitOffset('x', 'G', 'T', 0, 1)
  await m.persistIfChanged()
  t.is(files.writes, 1, 'the same offset again is no change')
  m.commitOffset('x', 'G', 'T', 0, 2)
  await m.persistIfChanged()
  t.is(files.writes, 2)
})
