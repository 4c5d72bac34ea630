import test from 'ava'
import {parseProperties} from '../../../runtime/config/properties-parser.js'
import {escapeValue, renderNodeProperties} from '../../../src/topology/properties-render.js'

test('rendered files parse back to the planned values, even with awkward paths', (t) => {
  const awkward = 'C:\\labs\\ünïcode dir\\store'
  const text = renderNodeProperties(
    {
      name: 'namesrv-1',
      kind: 'namesrv',
      confFile: 'namesrv-1.properties',
      description: 'name server',
      host: '127.0.0.1',
      ports: [],
      entries: [
        {key: 'listenPort', value: '9876', comment: 'a comment'},
        {key: 'kvConfigPath', value: awkward},
        {key: 'x', value: ' leading'},
      ],
    },
    'single',
  )
  const {entries, problems} = parseProperties(text, 'f')
  t.deepEqual(problems, [])
  t.deepEqual(
    entries.map((e) => [e.key, e.value]),
    [
      ['listenPort', '9876'],
      ['kvConfigPath', awkward],
      ['x', ' leading'],
    ],
  )
  t.true(/^[\x00-\x7f]*$/.test(text), 'ASCII only, as Java reads ISO-8859-1')
})

test('escapeValue: backslash, non-ASCII and a leading space', (t) => {
  t.is(escapeValue('a\\b'), 'a\\\\b')
  t.is(escapeValue('é'), '\\u00e9')
  t.is(escapeValue(' x'), '\\ x')
})
