import test from 'ava'
import {predictKill} from '../../../src/lab/kill-prediction.js'
import {nodeSpecs} from '../../../src/lab/lab-node-spec.js'
import {edit, labFiles, setKey, snapshot} from '../topology/lab-fixture.js'

function specsOf(template: string) {
  return nodeSpecs(snapshot(labFiles(template)))
}

function allBut(specs: ReturnType<typeof specsOf>, ...dead: string[]): Set<string> {
  return new Set(specs.map((s) => s.name).filter((n) => !dead.includes(n)))
}

test('2m-2s-sync, broker-a-master killed: no promotion, readable from its slave, writes go to broker-b, in-flight sends retried', (t) => {
  const specs = specsOf('2m-2s-sync')
  const p = predictKill({specs, node: 'broker-a-master', live: allBut(specs, 'broker-a-master'), signal: 'SIGKILL'})!
  t.is(p.kind, 'master')
  t.is(p.brokerName, 'broker-a')
  t.false(p.automaticPromotion)
  t.deepEqual(p.readableFrom, ['broker-a-slave'])
  t.deepEqual(p.writableGroups, ['broker-b'])
  t.is(p.groupSendStatus, null)
  const text = p.effects.join('\n')
  t.regex(text, /No automatic promotion/)
  t.regex(text, /Consumers read broker-a from broker-a-slave/)
  t.regex(text, /until its next route poll \(up to 30 s\)/)
  t.regex(text, /--fast-failover/)
  t.regex(text, /New writes go to broker-b/)
  t.regex(text, /in flight to broker-a-master fail .* retries/)
  t.regex(text, /SYNC_MASTER: every message it answered SEND_OK .* had reached broker-a-slave/)
  t.regex(text, /could not be read/, 'without live state it does not name topics')
  t.false(p.topics!.observed)
  t.deepEqual(p.claims.map((c) => c.what).sort(), ['in-flight-sends', 'messages-readable', 'no-promotion', 'route-notice', 'writes-go-to'])
  t.true(p.next.some((n) => n.startsWith('mqlab promote broker-a-slave')))
})

test('2m-2s-async, master killed: warns that unreplicated acknowledged messages are not on the slave', (t) => {
  const specs = specsOf('2m-2s-async')
  const p = predictKill({specs, node: 'broker-b-master', live: allBut(specs, 'broker-b-master')})!
  t.deepEqual(p.writableGroups, ['broker-a'])
  t.regex(p.effects.join('\n'), /ASYNC_MASTER: messages it acknowledged but had not yet replicated are not on broker-b-slave/)
})

test('a master whose slave is down too, or that has none: its messages are unreadable until it restarts', (t) => {
  const sync = specsOf('2m-2s-sync')
  const p = predictKill({specs: sync, node: 'broker-a-master', live: allBut(sync, 'broker-a-master', 'broker-a-slave')})!
  t.deepEqual(p.readableFrom, [])
  t.regex(p.effects.join('\n'), /unreadable until broker-a-master restarts \(its slave broker-a-slave is not running\)/)
  t.false(p.next.some((n) => n.includes('promote')))

  const noslave = specsOf('2m-noslave')
  const q = predictKill({specs: noslave, node: 'broker-a-master', live: allBut(noslave, 'broker-a-master')})!
  t.regex(q.effects.join('\n'), /unreadable until broker-a-master restarts \(it has no slave\)/)
  t.deepEqual(q.writableGroups, ['broker-b'])

  const single = specsOf('single')
  const master = single.find((s) => s.kind === 'broker')!.name
  const r = predictKill({specs: single, node: master, live: allBut(single, master)})!
  t.deepEqual(r.writableGroups, [])
  t.regex(r.effects.join('\n'), /No group has a master left/)
  t.regex(r.effects.join('\n'), /with no other master, their retries fail too/)
  t.like(
    r.claims.find((c) => c.what === 'in-flight-sends'),
    {detail: 'fail'},
  )
})

test('the slave of a SYNC_MASTER killed: sends to the group get SLAVE_NOT_AVAILABLE; of an ASYNC_MASTER: unaffected', (t) => {
  const sync = specsOf('2m-2s-sync')
  const p = predictKill({specs: sync, node: 'broker-a-slave', live: allBut(sync, 'broker-a-slave')})!
  t.is(p.kind, 'slave')
  t.is(p.groupSendStatus, 'SLAVE_NOT_AVAILABLE')
  t.regex(p.effects.join('\n'), /Sends to broker-a now return SLAVE_NOT_AVAILABLE/)
  t.deepEqual(p.readableFrom, ['broker-a-master'])

  const async = specsOf('2m-2s-async')
  const q = predictKill({specs: async, node: 'broker-a-slave', live: allBut(async, 'broker-a-slave')})!
  t.is(q.groupSendStatus, null)
  t.regex(q.effects.join('\n'), /unaffected: broker-a-master is an ASYNC_MASTER/)
})

test("a promoted slave (its file now says master) counts as its group's master", (t) => {
  const files = edit(labFiles('2m-2s-sync'), 'broker-a-s.properties', {brokerId: '0', brokerRole: 'ASYNC_MASTER'})
  const specs = nodeSpecs(snapshot(files))
  const p = predictKill({specs, node: 'broker-b-master', live: allBut(specs, 'broker-a-master', 'broker-b-master')})!
  t.deepEqual(p.writableGroups, ['broker-a'])
})

test('name servers: the others keep serving; the last one leaves clients on cached routes', (t) => {
  const specs = specsOf('2m-2s-sync')
  const p = predictKill({specs, node: 'namesrv-1', live: allBut(specs, 'namesrv-1')})!
  t.is(p.kind, 'namesrv')
  t.regex(p.effects.join('\n'), /namesrv-2 keeps serving routes/)
  const q = predictKill({specs, node: 'namesrv-2', live: allBut(specs, 'namesrv-1', 'namesrv-2')})!
  t.regex(q.effects.join('\n'), /No name server is left/)
  t.is(predictKill({specs, node: 'nope', live: new Set()}), undefined)
})

test('DLedger member: a surviving majority elects; without one the group takes no writes', (t) => {
  const specs = specsOf('dledger')
  const members = specs.filter((s) => s.fileRole === 'DLEDGER')
  const group = members[0]!.brokerName!
  const inGroup = members.filter((m) => m.brokerName === group).map((m) => m.name)
  const p = predictKill({specs, node: inGroup[0]!, live: allBut(specs, inGroup[0]!)})!
  t.is(p.kind, 'dledger-member')
  t.true(p.automaticPromotion)
  t.true(p.writableGroups.includes(group))
  const q = predictKill({specs, node: inGroup[1]!, live: allBut(specs, inGroup[0]!, inGroup[1]!)})!
  t.false(q.automaticPromotion)
  t.false(q.writableGroups.includes(group))
  t.regex(q.effects.join('\n'), /short of a majority/)
})

const placements = [
  {topic: 'Old', groups: ['broker-a', 'broker-b'], writeGroups: ['broker-a', 'broker-b']},
  {topic: 'Fresh', groups: ['broker-a', 'broker-b'], writeGroups: ['broker-a', 'broker-b']},
  {topic: 'OnlyA', groups: ['broker-a'], writeGroups: ['broker-a']},
  {topic: 'OnlyB', groups: ['broker-b'], writeGroups: ['broker-b']},
]

test("live state: the slave's own topic table decides which topics stay readable; a topic only on the dead group is unwritable", (t) => {
  const specs = specsOf('2m-2s-sync')
  const p = predictKill({
    specs,
    node: 'broker-a-master',
    live: allBut(specs, 'broker-a-master'),
    signal: 'SIGKILL',
    observation: {topics: placements, slaveTopics: {'broker-a-slave': ['Old', 'OnlyA', 'TBW102']}},
  })!
  t.like(p.topics, {observed: true, servingSlave: 'broker-a-slave', readable: ['Old', 'OnlyA'], writable: ['Fresh', 'Old', 'OnlyB'], unwritable: ['OnlyA']})
  t.deepEqual(p.topics!.unreadable, [{topic: 'Fresh', reason: 'slave-not-synced'}])
  const text = p.effects.join('\n')
  t.regex(text, /stay readable from broker-a-slave: Old, OnlyA\./)
  t.regex(text, /Unreadable on broker-a until broker-a-master restarts: Fresh\. broker-a-slave has not synced this topic .* TOPIC_NOT_EXIST/)
  t.regex(text, /No live master has a queue of OnlyA: every send to it fails/)
  t.like(
    p.claims.find((c) => c.what === 'messages-unreadable'),
    {topics: ['Fresh'], groups: ['broker-a'], nodes: ['broker-a-slave'], detail: 'slave-not-synced', when: {from: 'now', until: 'broker-a-master restarts'}},
  )
  t.like(
    p.claims.find((c) => c.what === 'messages-readable'),
    {topics: ['Old', 'OnlyA'], when: {from: 'route-poll', javaClientWithinMs: 30_000}},
  )
  t.like(
    p.claims.find((c) => c.what === 'writes-fail'),
    {topics: ['OnlyA']},
  )
  t.like(
    p.claims.find((c) => c.what === 'writes-go-to'),
    {groups: ['broker-b'], topics: ['Fresh', 'Old', 'OnlyB']},
  )
})

test('live state without a slave (2m-noslave): every topic on the dead group is unreadable; a slave that did not answer is said so', (t) => {
  const specs = specsOf('2m-noslave')
  const p = predictKill({specs, node: 'broker-a-master', live: allBut(specs, 'broker-a-master'), observation: {topics: placements, slaveTopics: {}}})!
  t.deepEqual(p.topics!.readable, [])
  t.deepEqual(
    p.topics!.unreadable.map((u) => [u.topic, u.reason]),
    [
      ['Fresh', 'no-live-slave'],
      ['Old', 'no-live-slave'],
      ['OnlyA', 'no-live-slave'],
    ],
  )
  t.regex(p.effects.join('\n'), /Unreadable on broker-a until broker-a-master restarts: Fresh, Old, OnlyA\./)

  const sync = specsOf('2m-2s-sync')
  const q = predictKill({
    specs: sync,
    node: 'broker-a-master',
    live: allBut(sync, 'broker-a-master'),
    observation: {topics: placements, slaveTopics: {'broker-a-slave': null}},
  })!
  t.deepEqual(
    q.topics!.unreadable.map((u) => u.reason),
    ['slave-unreachable', 'slave-unreachable', 'slave-unreachable'],
  )
  t.regex(q.effects.join('\n'), /did not say which topics it holds/)
})

test('two slaves: consumers read from the lowest brokerId alive, and only its topic table counts', (t) => {
  const files = labFiles('2m-2s-sync')
  files['broker-a-s2.properties'] = setKey(setKey(files['broker-a-s.properties']!, 'brokerId', '2'), 'listenPort', '10951')
  const specs = nodeSpecs(snapshot(files))
  const slaves = specs.filter((s) => s.brokerName === 'broker-a' && s.fileRole === 'SLAVE')
  t.is(slaves.length, 2)
  const low = slaves.find((s) => s.brokerId === 1)!.name
  const high = slaves.find((s) => s.brokerId === 2)!.name
  const p = predictKill({
    specs,
    node: 'broker-a-master',
    live: allBut(specs, 'broker-a-master'),
    observation: {topics: placements, slaveTopics: {[low]: ['Old'], [high]: ['Old', 'Fresh', 'OnlyA']}},
  })!
  t.is(p.topics!.servingSlave, low)
  t.deepEqual(p.topics!.readable, ['Old'])
  t.regex(p.effects.join('\n'), new RegExp(`consumers never switch to ${high}`))
  t.regex(p.effects.join('\n'), new RegExp(`at least one slave, not necessarily ${low}`))
})

test('a paused master: still listed, sends time out without a retry; a paused slave gets no prediction', (t) => {
  const specs = specsOf('2m-2s-sync')
  const p = predictKill({specs, node: 'broker-a-master', live: allBut(specs, 'broker-a-master'), signal: 'SIGSTOP', paused: true})!
  t.is(p.state, 'paused')
  const text = p.effects.join('\n')
  t.regex(text, /keep listing it .* 120 s/)
  t.regex(text, /fail without a retry/)
  t.like(p.claims[0], {what: 'in-flight-sends', detail: 'time out, not retried'})
  t.is(predictKill({specs, node: 'broker-a-slave', live: allBut(specs, 'broker-a-slave'), paused: true}), undefined)
})

test('the slave of a SYNC_MASTER killed: in-flight sends end FLUSH_SLAVE_TIMEOUT, and the first seconds after its return too', (t) => {
  const specs = specsOf('2m-2s-sync')
  const p = predictKill({specs, node: 'broker-a-slave', live: allBut(specs, 'broker-a-slave')})!
  const text = p.effects.join('\n')
  t.regex(text, /waiting for broker-a-slave when it died end FLUSH_SLAVE_TIMEOUT/)
  t.regex(text, /reports its offset only after haSendHeartbeatInterval \(5 s\)/)
  t.like(p.claims[0], {what: 'send-status', groups: ['broker-a'], detail: 'SLAVE_NOT_AVAILABLE'})
})
