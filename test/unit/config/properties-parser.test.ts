import test from 'ava'
import {parseProperties} from '../../../runtime/config/properties-parser.js'

const F = 'conf/x.properties'

test('reads =, : and whitespace separators with line numbers, skipping comments and blank lines', (t) => {
  const text = '# comment\n! also a comment\n\na=1\n  b : 2\nc 3\n'
  const {entries, problems} = parseProperties(text, F)
  t.deepEqual(problems, [])
  t.deepEqual(entries, [
    {key: 'a', value: '1', line: 4},
    {key: 'b', value: '2', line: 5},
    {key: 'c', value: '3', line: 6},
  ])
})

test('a continued line is one entry reported at its first line', (t) => {
  const text = 'x=1\nnamesrvAddr=127.0.0.1:9876;\\\n    127.0.0.1:9877\ny=2\n'
  const {entries} = parseProperties(text, F)
  t.deepEqual(entries[1], {key: 'namesrvAddr', value: '127.0.0.1:9876;127.0.0.1:9877', line: 2})
  t.deepEqual(entries[2], {key: 'y', value: '2', line: 4})
})

test('CRLF and lone CR line endings count lines like LF', (t) => {
  t.deepEqual(
    parseProperties('a=1\r\nb=2\r\n', F).entries.map((e) => e.line),
    [1, 2],
  )
  t.deepEqual(
    parseProperties('a=1\rb=2\r', F).entries.map((e) => e.line),
    [1, 2],
  )
})

test('unicode escapes are decoded and trailing whitespace of a value is kept, as in Java', (t) => {
  const {entries} = parseProperties('k=\\u0041BC  \n', F)
  t.deepEqual(entries, [{key: 'k', value: 'ABC  ', line: 1}])
})

test('an escaped separator stays in the key', (t) => {
  const {entries} = parseProperties('a\\=b=c\n', F)
  t.deepEqual(entries, [{key: 'a=b', value: 'c', line: 1}])
})

test('a malformed unicode escape is a malformed-line error with its line (Java refuses the file)', (t) => {
  const {entries, problems} = parseProperties('a=1\nb=\\u12zz\n', F)
  t.deepEqual(
    entries.map((e) => e.key),
    ['a'],
  )
  t.is(problems.length, 1)
  t.like(problems[0], {severity: 'error', rule: 'malformed-line', file: F, line: 2})
})

test('a double backslash before u is not an escape', (t) => {
  const {entries, problems} = parseProperties('p=C:\\\\users\n', F)
  t.deepEqual(problems, [])
  t.is(entries[0].value, 'C:\\users')
})

test('a key without separator or value is malformed', (t) => {
  const {entries, problems} = parseProperties('listenPort\nbrokerName=a\n', F)
  t.deepEqual(
    entries.map((e) => e.key),
    ['brokerName'],
  )
  t.like(problems[0], {rule: 'malformed-line', line: 1, key: 'listenPort'})
})

test('a value with no key is malformed', (t) => {
  const {problems} = parseProperties('=10911\n', F)
  t.like(problems[0], {rule: 'malformed-line', line: 1})
})

test('a key with "=" and an empty value is an entry, not malformed', (t) => {
  const {entries, problems} = parseProperties('namesrvAddr=\n', F)
  t.deepEqual(problems, [])
  t.deepEqual(entries, [{key: 'namesrvAddr', value: '', line: 1}])
})

test('a byte-order mark is reported and does not corrupt the first key', (t) => {
  const {entries, problems} = parseProperties('\uFEFFbrokerName=a\n', F)
  t.is(entries[0].key, 'brokerName')
  t.like(problems[0], {severity: 'warning', rule: 'file-encoding', line: 1})
})
