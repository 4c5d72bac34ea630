import test from 'ava'
import {RemotingClosedError, RemotingConnectError, RemotingTimeoutError} from '../../../runtime/remoting/remoting-errors.js'
import {MQBrokerError, MQClientError, errorStatus} from '../../../src/client/client-errors.js'
import {DEFAULT_SEND_RETRY_OPTIONS, isRetryableSendError, nextSendStep} from '../../../src/client/producer/send-retry-policy.js'
import {sendStatusOf} from '../../../src/client/producer/send-status.js'

test('send response codes 0/10/12/11 are results; others are errors', (t) => {
  t.is(sendStatusOf(0), 'SEND_OK')
  t.is(sendStatusOf(10), 'FLUSH_DISK_TIMEOUT')
  t.is(sendStatusOf(12), 'FLUSH_SLAVE_TIMEOUT')
  t.is(sendStatusOf(11), 'SLAVE_NOT_AVAILABLE')
  t.is(sendStatusOf(14), undefined)
  t.is(sendStatusOf(1), undefined)
})

test('retryable: transport failures and DefaultMQProducer.retryResponseCodes', (t) => {
  t.true(isRetryableSendError(new RemotingConnectError('127.0.0.1:1', 'ECONNREFUSED')))
  t.true(isRetryableSendError(new RemotingTimeoutError('127.0.0.1:1', 3000, 310)))
  t.true(isRetryableSendError(new RemotingClosedError('127.0.0.1:1')))
  for (const code of [17, 14, 1, 16, 204, 205]) t.true(isRetryableSendError(new MQBrokerError(code, 'x', 'a:1')), `code ${code}`)
  for (const code of [13, 2, 3, 15, 215]) t.false(isRetryableSendError(new MQBrokerError(code, 'x', 'a:1')), `code ${code}`)
  t.true(isRetryableSendError(new MQClientError('BROKER_NOT_FOUND', 'no address')))
  t.false(isRetryableSendError(new MQClientError('INVALID_ARGUMENT', 'bad')))
  t.false(isRetryableSendError(new Error('bug')))
})

test('three attempts in all by default, within the send timeout', (t) => {
  const err = new RemotingConnectError('a:1', 'refused')
  t.is(nextSendStep(0, err, 10, DEFAULT_SEND_RETRY_OPTIONS), 'retry')
  t.is(nextSendStep(1, err, 10, DEFAULT_SEND_RETRY_OPTIONS), 'retry')
  t.is(nextSendStep(2, err, 10, DEFAULT_SEND_RETRY_OPTIONS), 'give-up')
  t.is(nextSendStep(0, err, 3001, DEFAULT_SEND_RETRY_OPTIONS), 'timeout')
  t.is(nextSendStep(0, new MQBrokerError(13, 'too big', 'a:1'), 10, DEFAULT_SEND_RETRY_OPTIONS), 'give-up')
  t.is(nextSendStep(0, err, 10, {retryTimesWhenSendFailed: 0, sendMsgTimeout: 3000}), 'give-up')
})

test('error status names: response code name, else the stable code', (t) => {
  t.is(errorStatus(new MQBrokerError(14, 'slave', 'a:1')), 'SERVICE_NOT_AVAILABLE')
  t.is(errorStatus(new RemotingConnectError('a:1', 'refused')), 'CONNECT_FAILED')
  t.is(errorStatus(new MQClientError('TOPIC_NOT_EXIST', 'no route')), 'TOPIC_NOT_EXIST')
  t.is(errorStatus(new TypeError('x')), 'TypeError')
})
