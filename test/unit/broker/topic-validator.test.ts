import test from 'ava'
import {isNotAllowedSendTopic, isSystemTopic, validateTopic} from '../../../runtime/broker/topic/topic-validator.js'
import {isInherited, isReadable, isWriteable, perm2String} from '../../../runtime/broker/topic/perm-name.js'

test('topic names follow RocketMQ rules', (t) => {
  t.is(validateTopic('TopicTest'), undefined)
  t.is(validateTopic('%RETRY%G_1|x-y'), undefined)
  t.is(validateTopic(''), 'The specified topic is blank.')
  t.is(validateTopic('   '), 'The specified topic is blank.')
  t.regex(validateTopic('a b')!, /illegal characters/)
  t.regex(validateTopic('Topic.1')!, /illegal characters/)
  t.is(validateTopic('x'.repeat(127)), undefined)
  t.regex(validateTopic('x'.repeat(128))!, /longer than topic max length/)
})

test('system topics and send-forbidden topics', (t) => {
  t.true(isNotAllowedSendTopic('SCHEDULE_TOPIC_XXXX'))
  t.true(isNotAllowedSendTopic('OFFSET_MOVED_EVENT'))
  t.false(isNotAllowedSendTopic('TBW102'))
  t.true(isSystemTopic('TBW102'))
  t.true(isSystemTopic('rmq_sys_x'))
  t.true(isSystemTopic('DefaultCluster', new Set(['DefaultCluster'])))
  t.false(isSystemTopic('TopicTest'))
})

test('perm bits', (t) => {
  t.true(isReadable(6) && isWriteable(6) && !isInherited(6))
  t.true(isInherited(7))
  t.is(perm2String(7), 'RWX')
  t.is(perm2String(4), 'R--')
})
