import test from 'ava'
import {
  HeaderFieldError,
  optionalBool,
  optionalInt,
  optionalLong,
  optionalString,
  requiredBool,
  requiredInt,
  requiredLong,
  requiredString,
  toExtFields,
} from '../../../runtime/remoting/header/header-fields.js'

test('strings, numbers and booleans are all accepted (ali-ons sends JSON numbers and booleans)', (t) => {
  const ext = {topic: 'T', d: 4, ds: '4', k: false, ks: 'TRUE', g: 1795274149035, gs: '1795274149035'}
  t.is(requiredString(ext, 'topic'), 'T')
  t.is(requiredString(ext, 'd'), '4')
  t.is(requiredInt(ext, 'd'), 4)
  t.is(requiredInt(ext, 'ds'), 4)
  t.false(requiredBool(ext, 'k'))
  t.true(requiredBool(ext, 'ks'))
  t.is(requiredLong(ext, 'g'), 1795274149035)
  t.is(requiredLong(ext, 'gs'), 1795274149035)
})

test('missing required fields throw a HeaderFieldError naming the field', (t) => {
  for (const read of [requiredString, requiredInt, requiredLong, requiredBool]) {
    const err = t.throws(() => read({other: '1'}, 'queueId'), {instanceOf: HeaderFieldError})
    t.is(err?.field, 'queueId')
    t.regex(err?.message ?? '', /queueId/)
    t.throws(() => read(undefined, 'queueId'), {instanceOf: HeaderFieldError})
  }
})

test('optional readers return undefined when absent (or null)', (t) => {
  t.is(optionalString({}, 'a'), undefined)
  t.is(optionalInt({a: null}, 'a'), undefined)
  t.is(optionalLong(undefined, 'a'), undefined)
  t.is(optionalBool({}, 'a'), undefined)
  t.is(optionalInt({a: '-7'}, 'a'), -7)
})

test('malformed numbers are rejected as Java parseInt/parseLong would', (t) => {
  for (const bad of ['', ' 1', '1.5', '1e3', 'abc', '0x10', '2147483648']) {
    const err = t.throws(() => requiredInt({n: bad}, 'n'), {instanceOf: HeaderFieldError})
    t.is(err?.field, 'n')
  }
  t.throws(() => requiredInt({n: 1.5}, 'n'), {instanceOf: HeaderFieldError})
  t.is(requiredInt({n: '-2147483648'}, 'n'), -2147483648)
  t.is(requiredInt({n: '+12'}, 'n'), 12)
  t.is(requiredLong({n: '9007199254740991'}, 'n'), Number.MAX_SAFE_INTEGER)
  t.throws(() => requiredLong({n: '9007199254740993'}, 'n'), {instanceOf: HeaderFieldError})
  t.throws(() => requiredString({n: {}}, 'n'), {instanceOf: HeaderFieldError})
})

test('booleans follow Boolean.parseBoolean', (t) => {
  t.true(requiredBool({b: 'True'}, 'b'))
  t.false(requiredBool({b: 'yes'}, 'b'))
  t.false(requiredBool({b: ''}, 'b'))
})

test('toExtFields stringifies and drops undefined', (t) => {
  t.deepEqual(toExtFields({a: 1, b: true, c: undefined, d: 'x'}), {a: '1', b: 'true', d: 'x'})
})
