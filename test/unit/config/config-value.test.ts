import test from 'ava'
import type {ConfigKey} from '../../../runtime/config/config-key.js'
import {parseConfigValue} from '../../../runtime/config/config-value.js'

const base = {description: '', origin: 'rocketmq', modelled: true} as const
const intKey: ConfigKey = {...base, name: 'listenPort', type: 'int', default: '10911', min: 0, max: 65535}
const longKey: ConfigKey = {...base, name: 'brokerId', type: 'long'}
const boolKey: ConfigKey = {...base, name: 'autoCreateTopicEnable', type: 'bool'}
const enumKey: ConfigKey = {...base, name: 'brokerRole', type: 'enum', values: ['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE']}
const pathKey: ConfigKey = {...base, name: 'storePathRootDir', type: 'path'}
const stringKey: ConfigKey = {...base, name: 'brokerName', type: 'string'}

const rules = (r: ReturnType<typeof parseConfigValue>) => r.problems.map((p) => `${p.severity}:${p.rule}`)

test('int: digits parse, Java-style signs too', (t) => {
  t.is(parseConfigValue(intKey, '10911', '/').value, 10911)
  t.is(parseConfigValue(longKey, '+3', '/').value, 3)
  t.is(parseConfigValue(longKey, '-1', '/').value, -1)
})

test('int: a non-numeric port is value-number', (t) => {
  const r = parseConfigValue(intKey, '10911a', '/')
  t.is(r.value, undefined)
  t.deepEqual(rules(r), ['error:value-number'])
  t.regex(r.problems[0].message, /not a whole number/)
})

test('int: beyond Java int is value-number; beyond the key bounds is value-range', (t) => {
  t.deepEqual(rules(parseConfigValue(intKey, '2147483648', '/')), ['error:value-number'])
  t.deepEqual(rules(parseConfigValue(intKey, '70000', '/')), ['error:value-range'])
  t.deepEqual(rules(parseConfigValue(longKey, '2147483648', '/')), [])
})

test('trailing whitespace on a typed value is an error (Java would silently keep the default)', (t) => {
  const r = parseConfigValue(enumKey, 'SLAVE ', '/')
  t.is(r.value, undefined)
  t.deepEqual(rules(r), ['error:value-whitespace'])
})

test('trailing whitespace on a string is kept with a warning', (t) => {
  const r = parseConfigValue(stringKey, 'broker-a ', '/')
  t.is(r.value, 'broker-a ')
  t.deepEqual(rules(r), ['warning:value-whitespace'])
})

test('an empty value is value-empty', (t) => {
  t.deepEqual(rules(parseConfigValue(intKey, '', '/')), ['error:value-empty'])
  t.deepEqual(rules(parseConfigValue(stringKey, '  ', '/')), ['error:value-empty'])
})

test('bool: true/false in any case; anything else is value-boolean', (t) => {
  t.is(parseConfigValue(boolKey, 'TRUE', '/').value, true)
  t.is(parseConfigValue(boolKey, 'false', '/').value, false)
  t.deepEqual(rules(parseConfigValue(boolKey, 'yes', '/')), ['error:value-boolean'])
})

test('enum: exact case only, with a did-you-mean', (t) => {
  t.is(parseConfigValue(enumKey, 'SYNC_MASTER', '/').value, 'SYNC_MASTER')
  const r = parseConfigValue(enumKey, 'sync_master', '/')
  t.deepEqual(rules(r), ['error:value-enum'])
  t.regex(r.problems[0].message, /did you mean SYNC_MASTER/)
  t.is(r.problems[0].fix, 'write brokerRole=SYNC_MASTER')
})

test('path: absolute stays; relative resolves against cwd with a warning', (t) => {
  t.deepEqual(parseConfigValue(pathKey, '/data/store', '/work'), {value: '/data/store', problems: []})
  const r = parseConfigValue(pathKey, 'store/a', '/work')
  t.is(r.value, '/work/store/a')
  t.deepEqual(rules(r), ['warning:path-relative'])
})
