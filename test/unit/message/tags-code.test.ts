import test from 'ava'
import {javaStringHashCode, tagsString2tagsCode} from '../../../runtime/message/tags-code.js'

test('tagsCode is Java String.hashCode', (t) => {
  t.is(tagsString2tagsCode('TagA'), 2598919) // "TagA".hashCode()
  t.is(tagsString2tagsCode('TagB'), 2598920)
  t.is(tagsString2tagsCode('null'), 3392903) // ali-ons sends the literal "null" for untagged messages
  t.is(javaStringHashCode('hello world'), 1794106052)
  t.is(javaStringHashCode('polygenelubricants'), -2147483648) // int32 overflow, as in Java
})

test('no tag hashes to 0', (t) => {
  t.is(tagsString2tagsCode(undefined), 0)
  t.is(tagsString2tagsCode(''), 0)
})
