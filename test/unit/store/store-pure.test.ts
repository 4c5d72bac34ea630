import test from 'ava'
import {classifyLockHolder} from '../../../runtime/store/lock-holder.js'
import {isWaitStoreMsgOK, topicQueueKey} from '../../../runtime/store/append-message-callback.js'
import {isItTimeToDo} from '../../../runtime/store/delete-when.js'
import {isTheBatchFull} from '../../../runtime/store/get-message.js'
import {computeDeliverTimestamp, parseMessageDelayLevel} from '../../../runtime/store/message-delay-level.js'
import {fileName2Offset, offset2FileName} from '../../../runtime/store/store-path-config-helper.js'

test('deleteWhen hours match the local hour', (t) => {
  const at = (h: number) => new Date(2024, 0, 15, h, 30).getTime()
  t.true(isItTimeToDo('04', at(4)))
  t.false(isItTimeToDo('04', at(5)))
  t.true(isItTimeToDo('04;16', at(16)))
  t.true(isItTimeToDo(' 4 ; 16 ', at(4)))
  t.false(isItTimeToDo('', at(4)))
  t.false(isItTimeToDo('xx', at(4)))
})

test('isTheBatchFull follows RocketMQ limits', (t) => {
  t.false(isTheBatchFull(100, 32, 0, 0, false))
  t.true(isTheBatchFull(100, 2, 200, 2, false))
  t.false(isTheBatchFull(100, 64, 3100, 31, false))
  t.true(isTheBatchFull(100, 64, 3200, 32, false))
  t.true(isTheBatchFull(10, 64, 256 * 1024 - 5, 3, false))
  t.true(isTheBatchFull(100, 64, 800, 8, true))
  t.true(isTheBatchFull(100, 64, 64 * 1024 - 50, 2, true))
  t.false(isTheBatchFull(100, 64, 700, 7, true))
})

test('message delay levels parse and compute delivery times', (t) => {
  const levels = parseMessageDelayLevel('1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h')
  t.is(levels.length, 18)
  t.is(levels[0], 1000)
  t.is(levels[17], 7_200_000)
  t.is(computeDeliverTimestamp(levels, 3, 1000), 11_000)
  t.is(computeDeliverTimestamp(levels, 99, 0), 7_200_000)
  t.throws(() => parseMessageDelayLevel('1x'), {message: /cannot read "1x"/})
})

test('WAIT=false is the only way not to wait for the store', (t) => {
  t.true(isWaitStoreMsgOK(''))
  t.true(isWaitStoreMsgOK('TAGS\u0001a\u0002WAIT\u0001true'))
  t.false(isWaitStoreMsgOK('WAIT\u0001false'))
  t.false(isWaitStoreMsgOK('TAGS\u0001a\u0002WAIT\u0001false\u0002KEYS\u0001k'))
  t.true(isWaitStoreMsgOK('NOWAIT\u0001false'))
})

test('segment names are 20-digit offsets', (t) => {
  t.is(offset2FileName(1073741824), '00000000001073741824')
  t.is(fileName2Offset('00000000001073741824'), 1073741824)
  t.is(fileName2Offset('123'), undefined)
  t.is(topicQueueKey('T', 3), 'T-3')
})

test('lock holder: a non-broker is stale, a broker with the store open holds it, anything unreadable is unsure', (t) => {
  const root = '/lab/store/broker-a-master'
  const broker = 'node /x/bin/mqbroker.js -c conf/broker-a.properties'
  t.is(classifyLockHolder(7, root, {cmdline: 'vim notes.txt', openFiles: []}).kind, 'not-this-store')
  t.is(classifyLockHolder(7, root, {cmdline: broker, openFiles: ['/dev/null', `${root}/commitlog/00000000000000000000`]}).kind, 'broker-on-store')
  t.is(
    classifyLockHolder(7, root, {cmdline: broker, openFiles: ['/lab/store/broker-a-master-2/commitlog/0']}).kind,
    'unsure',
    'a sibling folder with the same prefix is not this store',
  )
  t.is(classifyLockHolder(7, root, {cmdline: broker, openFiles: undefined}).kind, 'unsure')
  const unreadable = classifyLockHolder(7, root, {cmdline: undefined, openFiles: undefined})
  t.is(unreadable.kind, 'unsure')
  t.regex(unreadable.hint, /delete \/lab\/store\/broker-a-master\/lock and start again/)
})
