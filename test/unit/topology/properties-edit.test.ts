import test from 'ava'
import {parseProperties} from '../../../runtime/config/properties-parser.js'
import {setProperties} from '../../../src/topology/properties-edit.js'

const SLAVE = `# broker-a-slave: slave 1 of broker-a
brokerClusterName=DefaultCluster
brokerName=broker-a
# a slave: > 0, unique within its brokerName
brokerId=1
brokerRole = SLAVE
listenPort=10921
`

test('rewrites only the named keys, keeping comments, order, spacing of other lines and the final newline', (t) => {
  const edit = setProperties(SLAVE, {brokerId: '0', brokerRole: 'ASYNC_MASTER'})
  t.is(
    edit.text,
    `# broker-a-slave: slave 1 of broker-a
brokerClusterName=DefaultCluster
brokerName=broker-a
# a slave: > 0, unique within its brokerName
brokerId=0
brokerRole=ASYNC_MASTER
listenPort=10921
`,
  )
  t.deepEqual(edit.changes, [
    {key: 'brokerId', before: '1', after: '0'},
    {key: 'brokerRole', before: 'SLAVE', after: 'ASYNC_MASTER'},
  ])
})

test('a note goes just above the first changed key; unchanged keys are not reported; no change, no note', (t) => {
  const edit = setProperties(SLAVE, {brokerId: '0', brokerName: 'broker-a'}, 'why\nit changed')
  t.regex(edit.text, /unique within its brokerName\n# why it changed\nbrokerId=0\n/)
  t.deepEqual(
    edit.changes.map((c) => c.key),
    ['brokerId'],
  )
  const same = setProperties(SLAVE, {brokerId: '1'}, 'never written')
  t.is(same.text, SLAVE)
  t.deepEqual(same.changes, [])
})

test('every occurrence of a duplicated key is rewritten; before is the one Java reads (the last)', (t) => {
  const edit = setProperties('brokerId=1\nx=y\nbrokerId : 2\n', {brokerId: '0'})
  t.is(edit.text, 'brokerId=0\nx=y\nbrokerId=0\n')
  t.deepEqual(edit.changes, [{key: 'brokerId', before: '2', after: '0'}])
})

test('absent keys are appended (with a newline first when the file lacks one); CRLF files keep CRLF', (t) => {
  const edit = setProperties('brokerName=broker-a', {brokerRole: 'SYNC_MASTER'}, 'note')
  t.is(edit.text, 'brokerName=broker-a\n# note\nbrokerRole=SYNC_MASTER\n')
  t.deepEqual(edit.changes, [{key: 'brokerRole', before: null, after: 'SYNC_MASTER'}])
  const crlf = setProperties('a=1\r\nbrokerId=1\r\n', {brokerId: '0', brokerRole: 'ASYNC_MASTER'})
  t.is(crlf.text, 'a=1\r\nbrokerId=0\r\nbrokerRole=ASYNC_MASTER\r\n')
})

test('a value continued over lines is replaced whole, and the result parses to the new values', (t) => {
  const text = 'brokerId=\\\n  1\nlistenPort=10921\n'
  const edit = setProperties(text, {brokerId: '0'})
  t.is(edit.text, 'brokerId=0\nlistenPort=10921\n')
  const parsed = parseProperties(edit.text, 'x')
  t.deepEqual(
    parsed.entries.map((e) => [e.key, e.value]),
    [
      ['brokerId', '0'],
      ['listenPort', '10921'],
    ],
  )
})
