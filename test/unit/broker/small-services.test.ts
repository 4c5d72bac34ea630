import test from 'ava'
import {BrokerStatsManager} from '../../../runtime/broker/stats/broker-stats-manager.js'
import {parseDelayLevel} from '../../../runtime/broker/schedule/delay-level-table.js'
import {toDeliveredMessage, toScheduledMessage} from '../../../runtime/broker/schedule/delay-message.js'
import {RebalanceLockManager} from '../../../runtime/broker/client/rebalance-lock-manager.js'
import {buildTagMessageFilter} from '../../../runtime/broker/filter/expression-message-filter.js'
import {formatRuntime, formatBrokerConfig} from '../../../runtime/broker/processor/broker-info-processor.js'
import {buildSubscriptionData} from '../../../runtime/remoting/body/subscription-data.js'
import {parseMessageProperties} from '../../../runtime/message/message-properties.js'
import {tagsString2tagsCode} from '../../../runtime/message/tags-code.js'
import type {MessageExtBrokerInner} from '../../../runtime/message/message-ext-broker-inner.js'
import {defaultBrokerConfig} from '../../../runtime/config/broker-config.js'

test('delay levels parse RocketMQ units and reject anything else', (t) => {
  const levels = parseDelayLevel('1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h')
  t.is(levels.length, 18)
  t.deepEqual(levels.slice(0, 5), [1000, 5000, 10000, 30000, 60000])
  t.is(levels[17], 7_200_000)
  t.deepEqual(parseDelayLevel(' 2s  1d '), [2000, 86_400_000])
  t.throws(() => parseDelayLevel('1s 500ms'), {message: /"500ms"/})
  t.throws(() => parseDelayLevel('  '), {message: /empty/})
})

const msg: MessageExtBrokerInner = {
  topic: 'T',
  queueId: 3,
  flag: 0,
  body: Buffer.from('x'),
  propertiesString: '',
  sysFlag: 0,
  bornTimestamp: 1,
  bornHost: {ip: '127.0.0.1', port: 1},
  storeHost: {ip: '127.0.0.1', port: 2},
  reconsumeTimes: 0,
  preparedTransactionOffset: 0,
  tagsCode: tagsString2tagsCode('A'),
}

test('a DELAY message is parked in SCHEDULE_TOPIC_XXXX and restored when due', (t) => {
  t.is(toScheduledMessage(msg, {TAGS: 'A'}, 18), msg, 'no delay: unchanged')
  const parked = toScheduledMessage(msg, {TAGS: 'A', DELAY: '40'}, 18)
  t.like(parked, {topic: 'SCHEDULE_TOPIC_XXXX', queueId: 17})
  const props = parseMessageProperties(parked.propertiesString)
  t.deepEqual(props, {TAGS: 'A', DELAY: '18', REAL_TOPIC: 'T', REAL_QID: '3'})
  const back = toDeliveredMessage(parked, props)!
  t.like(back, {topic: 'T', queueId: 3, tagsCode: tagsString2tagsCode('A')})
  t.deepEqual(parseMessageProperties(back.propertiesString), {TAGS: 'A', REAL_TOPIC: 'T', REAL_QID: '3'})
  t.is(toDeliveredMessage(parked, {DELAY: '1'}), undefined)
})

test('broker stats count puts and gets, roll at midnight and compute throughput', (t) => {
  let now = new Date(2026, 0, 1, 23, 59, 50).getTime()
  const s = new BrokerStatsManager(() => now)
  s.incPut(10)
  s.incGet(4)
  now += 10_000
  s.sample()
  const info = s.runtimeInfo()
  t.is(info.msgPutTotalTodayNow, '10')
  t.is(info.msgPutTotalTodayMorning, '10', 'midnight passed: the morning figure is the total then')
  t.is(info.msgPutTotalYesterdayMorning, '0')
  t.is(info.putTps!.split(' ')[0], '1.00')
  t.is(info.getTransferedTps!.split(' ')[0], '0.40')
})

test('queue locks: one owner, renewable, released, expired after 60 s', (t) => {
  let now = 0
  const m = new RebalanceLockManager(() => now)
  const q = {topic: 'T', brokerName: 'b', queueId: 0}
  t.deepEqual(m.tryLockBatch('G', [q], 'c1'), [q])
  t.deepEqual(m.tryLockBatch('G', [q], 'c2'), [])
  t.deepEqual(m.tryLockBatch('H', [q], 'c2'), [q], 'another group is independent')
  now = 59_000
  t.deepEqual(m.tryLockBatch('G', [q], 'c1'), [q], 'renewed')
  now = 119_001
  t.true(m.isLocked('G', q, 'c1') === false)
  t.deepEqual(m.tryLockBatch('G', [q], 'c2'), [q], 'expired lock taken over')
  m.unlockBatch('G', [q], 'c1')
  t.true(m.isLocked('G', q, 'c2'), 'only the owner unlocks')
})

test('tag filters compare consume-queue hashes', (t) => {
  t.is(buildTagMessageFilter(undefined), undefined)
  t.is(buildTagMessageFilter(buildSubscriptionData('T', '*')), undefined)
  const f = buildTagMessageFilter(buildSubscriptionData('T', 'TagA || TagB'))!
  t.true(f(tagsString2tagsCode('TagA')))
  t.true(f(tagsString2tagsCode('TagB')))
  t.false(f(tagsString2tagsCode('TagC')))
  t.false(f(0))
})

test('runtime and config renderings', (t) => {
  t.is(formatRuntime(90_061_000), '[ 1 days, 1 hours, 1 minutes, 1 seconds ]')
  const text = formatBrokerConfig({...defaultBrokerConfig(), namesrvAddr: undefined})
  t.regex(text, /^listenPort=10911$/m)
  t.notRegex(text, /namesrvAddr/)
})
