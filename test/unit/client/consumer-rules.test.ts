import test from 'ava'
import {decideStartOffset} from '../../../src/client/consumer/consume-from-where.js'
import {buildSubscriptionData} from '../../../runtime/remoting/body/subscription-data.js'
import {subscriptionMatches} from '../../../src/client/consumer/tag-filter.js'

test('a committed offset is used whatever consumeFromWhere says', (t) => {
  for (const where of ['CONSUME_FROM_LAST_OFFSET', 'CONSUME_FROM_FIRST_OFFSET', 'CONSUME_FROM_TIMESTAMP'] as const) {
    t.deepEqual(decideStartOffset('T', 42, where), {kind: 'offset', offset: 42})
    t.deepEqual(decideStartOffset('T', 0, where), {kind: 'offset', offset: 0})
  }
})

test('no committed offset (-1): RebalancePushImpl.computePullFromWhere fallbacks', (t) => {
  t.deepEqual(decideStartOffset('T', -1, 'CONSUME_FROM_LAST_OFFSET'), {kind: 'max-offset'})
  t.deepEqual(decideStartOffset('%RETRY%g', -1, 'CONSUME_FROM_LAST_OFFSET'), {kind: 'offset', offset: 0})
  t.deepEqual(decideStartOffset('T', -1, 'CONSUME_FROM_FIRST_OFFSET'), {kind: 'offset', offset: 0})
  t.deepEqual(decideStartOffset('T', -1, 'CONSUME_FROM_TIMESTAMP'), {kind: 'search-timestamp'})
  t.deepEqual(decideStartOffset('%RETRY%g', -1, 'CONSUME_FROM_TIMESTAMP'), {kind: 'max-offset'})
})

test('a failed offset query (-2) leaves the start unknown', (t) => {
  t.deepEqual(decideStartOffset('T', -2, 'CONSUME_FROM_FIRST_OFFSET'), {kind: 'unknown'})
})

test('"*" and empty subscriptions take everything', (t) => {
  for (const expr of [undefined, '', '*']) {
    const sub = buildSubscriptionData('T', expr, 1)
    t.is(sub.subString, '*')
    t.deepEqual(sub.tagsSet, [])
    t.true(subscriptionMatches(sub, undefined))
    t.true(subscriptionMatches(sub, 'X'))
  }
})

test('tag expressions are split on ||, trimmed, hashed like Java String.hashCode; the client re-checks the string', (t) => {
  const sub = buildSubscriptionData('T', 'TagA || TagB||', 1234)
  t.is(sub.subString, 'TagA || TagB||')
  t.deepEqual(sub.tagsSet, ['TagA', 'TagB'])
  // "TagA".hashCode() in Java = 2598919, "TagB" = 2598920
  t.deepEqual(sub.codeSet, [2598919, 2598920])
  t.is(sub.subVersion, 1234)
  t.is(sub.expressionType, 'TAG')
  t.true(subscriptionMatches(sub, 'TagA'))
  t.false(subscriptionMatches(sub, 'TagC'))
  t.false(subscriptionMatches(sub, undefined), 'a message without a tag does not match a tag subscription')
})
