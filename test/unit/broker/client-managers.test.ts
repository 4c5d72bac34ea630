import test from 'ava'
import {ConsumerManager, type ConsumerGroupEvent} from '../../../runtime/broker/client/consumer-manager.js'
import {ProducerManager} from '../../../runtime/broker/client/producer-manager.js'
import type {ClientChannel, ClientChannelInfo} from '../../../runtime/broker/client/client-channel-info.js'
import type {RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {buildSubscriptionData} from '../../../runtime/remoting/body/subscription-data.js'

class FakeChannel implements ClientChannel {
  closed = false
  sent: RemotingCommand[] = []
  constructor(
    readonly id: number,
    readonly remoteAddress = `127.0.0.1:${4000 + id}`,
  ) {}
  sendOneway(cmd: RemotingCommand): void {
    this.sent.push(cmd)
  }
  close(): void {
    this.closed = true
  }
}

const info = (channel: ClientChannel, clientId: string): ClientChannelInfo => ({channel, clientId, language: 'JAVA', version: 121, lastUpdateTimestamp: 0})

function setup() {
  let now = 1000
  const events: Array<[ConsumerGroupEvent, string, number]> = []
  const m = new ConsumerManager(
    (e, g, chs) => events.push([e, g, chs.length]),
    () => now,
  )
  const reg = (ch: ClientChannel, id: string, subs = [buildSubscriptionData('T', '*', 1)]) =>
    m.registerConsumer({
      group: 'G',
      info: info(ch, id),
      consumeType: 'CONSUME_PASSIVELY',
      messageModel: 'CLUSTERING',
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      subscriptions: subs,
      notifyConsumerIdsChanged: true,
    })
  return {m, events, reg, tick: (ms: number) => (now += ms)}
}

test('a new consumer changes the group; a repeated heartbeat does not', (t) => {
  const {m, events, reg} = setup()
  const a = new FakeChannel(1)
  t.true(reg(a, 'c1'))
  t.false(reg(a, 'c1'))
  t.deepEqual(
    events.filter((e) => e[0] === 'CHANGE'),
    [['CHANGE', 'G', 1]],
  )
  t.deepEqual(m.getConsumerGroupInfo('G')?.getAllClientIds(), ['c1'])
  t.is(m.findSubscriptionData('G', 'T')?.subString, '*')
})

test('a second consumer and a subscription change both notify the group', (t) => {
  const {m, events, reg} = setup()
  reg(new FakeChannel(1), 'c1')
  reg(new FakeChannel(2), 'c2')
  t.deepEqual(m.getConsumerGroupInfo('G')?.getAllClientIds(), ['c1', 'c2'])
  const b = new FakeChannel(3)
  reg(b, 'c3', [buildSubscriptionData('T', '*', 1), buildSubscriptionData('U', 'A||B', 2)])
  t.is(events.filter((e) => e[0] === 'CHANGE').length, 3)
  t.deepEqual(m.findSubscriptionData('G', 'U')?.tagsSet, ['A', 'B'])
  t.deepEqual([...m.queryTopicConsumeByWho('U')], ['G'])
})

test('newer subVersion replaces, older is ignored, unlisted topics are dropped', (t) => {
  const {m, reg} = setup()
  const a = new FakeChannel(1)
  reg(a, 'c1', [buildSubscriptionData('T', 'A', 10)])
  reg(a, 'c1', [buildSubscriptionData('T', 'B', 5)])
  t.is(m.findSubscriptionData('G', 'T')?.subString, 'A')
  reg(a, 'c1', [buildSubscriptionData('T', 'B', 11)])
  t.is(m.findSubscriptionData('G', 'T')?.subString, 'B')
  t.true(reg(a, 'c1', [buildSubscriptionData('X', '*', 12)]))
  t.is(m.findSubscriptionData('G', 'T'), undefined)
})

test('a closed connection leaves the group and the rest are told; the last one removes the group', (t) => {
  const {m, events, reg} = setup()
  const a = new FakeChannel(1)
  const b = new FakeChannel(2)
  reg(a, 'c1')
  reg(b, 'c2')
  events.length = 0
  m.doChannelCloseEvent(a)
  t.deepEqual(events, [['CHANGE', 'G', 1]])
  m.doChannelCloseEvent(b)
  t.deepEqual(events.slice(1), [
    ['UNREGISTER', 'G', 0],
    ['CHANGE', 'G', 0],
  ])
  t.is(m.getConsumerGroupInfo('G'), undefined)
})

test('unregister removes one consumer', (t) => {
  const {m, reg} = setup()
  const a = new FakeChannel(1)
  reg(a, 'c1')
  reg(new FakeChannel(2), 'c2')
  m.unregisterConsumer('G', a, true)
  t.deepEqual(m.getConsumerGroupInfo('G')?.getAllClientIds(), ['c2'])
})

test('consumers silent for more than 120 s are closed and dropped', (t) => {
  const {m, reg, tick} = setup()
  const a = new FakeChannel(1)
  const b = new FakeChannel(2)
  reg(a, 'c1')
  tick(60_000)
  reg(b, 'c2')
  tick(60_001)
  t.is(m.scanNotActiveChannel(), 1)
  t.true(a.closed)
  t.false(b.closed)
  t.deepEqual(m.getConsumerGroupInfo('G')?.getAllClientIds(), ['c2'])
})

test('producer manager: register, refresh, expire, close, unregister', (t) => {
  let now = 0
  const m = new ProducerManager(() => now)
  const a = new FakeChannel(1)
  const b = new FakeChannel(2)
  m.registerProducer('P', info(a, 'c1'))
  m.registerProducer('P', info(b, 'c2'))
  t.is(m.getGroupChannels('P').length, 2)
  t.is(m.findChannel('c2'), b)
  now = 100_000
  m.registerProducer('P', info(b, 'c2'))
  now = 120_001
  t.is(m.scanNotActiveChannel(), 1)
  t.true(a.closed)
  m.doChannelCloseEvent(b)
  t.deepEqual(m.groupNames(), [])
  m.registerProducer('Q', info(a, 'c1'))
  m.unregisterProducer('Q', a)
  t.deepEqual(m.groupNames(), [])
})

test('connections with the same id on the main and fast servers are different clients', (t) => {
  const {m, reg} = setup()
  const onMain = new FakeChannel(1, '127.0.0.1:5001')
  const onFast = new FakeChannel(1, '127.0.0.1:5002')
  reg(onMain, 'c1')
  reg(onFast, 'c2')
  t.deepEqual(m.getConsumerGroupInfo('G')?.getAllClientIds(), ['c1', 'c2'])
  m.doChannelCloseEvent(onMain)
  t.deepEqual(m.getConsumerGroupInfo('G')?.getAllClientIds(), ['c2'])
  const p = new ProducerManager()
  p.registerProducer('P', info(onMain, 'c1'))
  p.registerProducer('P', info(onFast, 'c2'))
  t.is(p.getGroupChannels('P').length, 2)
})
