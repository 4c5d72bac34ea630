import test from 'ava'
import {applyFault, healLinks, linksBetween} from '../../../src/fault/link-state.js'
import {javaHash} from '../../../src/experiment/run/workload.js'

const LINKS = [
  {from: 'broker-a-slave', to: 'broker-a-master', kind: 'ha'},
  {from: 'broker-a-master', to: 'namesrv-1', kind: 'namesrv'},
  {from: 'client', to: 'namesrv-1', kind: 'client-namesrv'},
]

test('partition both ways stalls both directions of every link between the pair', (t) => {
  const s = applyFault({}, LINKS, 'broker-a-master', 'broker-a-slave', {stalled: true}, false)
  t.true(s['broker-a-slave->broker-a-master']!.up.stalled)
  t.true(s['broker-a-slave->broker-a-master']!.down.stalled)
  t.is(Object.keys(s).length, 1)
})

test('one way: traffic from A to B only; "up" is the dialler\'s direction', (t) => {
  const fromListener = applyFault({}, LINKS, 'broker-a-master', 'broker-a-slave', {stalled: true}, true)
  t.false(fromListener['broker-a-slave->broker-a-master']!.up.stalled)
  t.true(fromListener['broker-a-slave->broker-a-master']!.down.stalled, 'master → slave is the answers direction')
  const fromDialler = applyFault({}, LINKS, 'broker-a-slave', 'broker-a-master', {stalled: true}, true)
  t.true(fromDialler['broker-a-slave->broker-a-master']!.up.stalled)
  t.false(fromDialler['broker-a-slave->broker-a-master']!.down.stalled)
})

test('faults combine per link; heal of a pair lifts only that pair, heal of all lifts everything', (t) => {
  let s = applyFault({}, LINKS, 'client', 'namesrv-1', {delayMs: 200, jitterMs: 10}, false)
  s = applyFault(s, LINKS, 'broker-a-master', 'namesrv-1', {stalled: true}, false)
  t.is(s['client->namesrv-1']!.up.delayMs, 200)
  const healed = healLinks(s, LINKS, 'namesrv-1', 'broker-a-master')
  t.deepEqual(Object.keys(healed), ['client->namesrv-1'])
  t.deepEqual(healLinks(s, LINKS), {})
  t.truthy(s['broker-a-master->namesrv-1'], 'the input state is not changed')
})

test('a pair with no relayed link is a clear error naming the links there are', (t) => {
  t.throws(() => linksBetween(LINKS, 'client', 'broker-a-master'), {
    message:
      /no relayed link between client and broker-a-master; the lab relays: broker-a-slave ~ broker-a-master, broker-a-master ~ namesrv-1, client ~ namesrv-1/,
  })
})

test("javaHash is Java's String.hashCode (SelectMessageQueueByHash)", (t) => {
  t.is(javaHash(''), 0)
  t.is(javaHash('a'), 97)
  t.is(javaHash('hello'), 99162322)
  t.is(javaHash('p0k3'), 3386088)
  t.is(javaHash('the quick brown fox jumps over'), 768645004)
  t.true(javaHash('polygenelubricants') < 0, 'overflows to negative as an int does')
})
