import test from 'ava'
import {suggestName} from '../../../runtime/config/key-suggestion.js'

const known = ['listenPort', 'brokerName', 'brokerClusterName', 'storePathRootDir', 'haListenPort']

test('a case-only difference suggests the real key', (t) => {
  t.is(suggestName('listenport', known), 'listenPort')
  t.is(suggestName('BROKERNAME', known), 'brokerName')
})

test('a typo within a few edits suggests the nearest key', (t) => {
  t.is(suggestName('brokerNmae', known), 'brokerName')
  t.is(suggestName('storePathRootDri', known), 'storePathRootDir')
})

test('nothing is suggested for an unrelated word', (t) => {
  t.is(suggestName('colour', known), undefined)
  t.is(suggestName('x', known), undefined)
})
