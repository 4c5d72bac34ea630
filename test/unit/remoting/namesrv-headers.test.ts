import test from 'ava'
import {HeaderFieldError} from '../../../runtime/remoting/header/header-fields.js'
import {decodeGetRouteInfoRequestHeader, encodeGetRouteInfoRequestHeader} from '../../../runtime/remoting/header/get-route-info-request-header.js'
import {decodeRegisterBrokerRequestHeader, encodeRegisterBrokerRequestHeader} from '../../../runtime/remoting/header/register-broker-request-header.js'
import {decodeRegisterBrokerResponseHeader, encodeRegisterBrokerResponseHeader} from '../../../runtime/remoting/header/register-broker-response-header.js'
import {decodeUnRegisterBrokerRequestHeader} from '../../../runtime/remoting/header/un-register-broker-request-header.js'
import {decodePutKVConfigRequestHeader} from '../../../runtime/remoting/header/put-kv-config-request-header.js'

test('register-broker request header: Java sends strings; decode → typed, encode → strings', (t) => {
  const ext = {
    brokerName: 'broker-a',
    brokerAddr: '127.0.0.1:10911',
    clusterName: 'C',
    haServerAddr: '127.0.0.1:10912',
    brokerId: '0',
    compressed: 'false',
    bodyCrc32: '12345',
  }
  const h = decodeRegisterBrokerRequestHeader(ext)
  t.deepEqual(h, {
    brokerName: 'broker-a',
    brokerAddr: '127.0.0.1:10911',
    clusterName: 'C',
    haServerAddr: '127.0.0.1:10912',
    brokerId: 0,
    compressed: false,
    bodyCrc32: 12345,
  })
  t.deepEqual(encodeRegisterBrokerRequestHeader(h), ext)
})

test('register-broker request header: optional fields may be absent, required ones may not', (t) => {
  const h = decodeRegisterBrokerRequestHeader({brokerName: 'b', brokerAddr: 'a:1', clusterName: 'C', haServerAddr: 'a:2', brokerId: 1})
  t.is(h.compressed, undefined)
  t.is(h.bodyCrc32, undefined)
  const err = t.throws(() => decodeRegisterBrokerRequestHeader({brokerName: 'b', brokerAddr: 'a:1', clusterName: 'C', brokerId: '1'}), {
    instanceOf: HeaderFieldError,
  })
  t.is(err?.field, 'haServerAddr')
  t.throws(() => decodeUnRegisterBrokerRequestHeader({brokerName: 'b', brokerAddr: 'a:1', clusterName: 'C', brokerId: 'x'}), {instanceOf: HeaderFieldError})
})

test('register-broker response header omits absent addresses', (t) => {
  t.deepEqual(encodeRegisterBrokerResponseHeader({}), {})
  t.deepEqual(encodeRegisterBrokerResponseHeader({haServerAddr: 'h:2', masterAddr: 'h:1'}), {haServerAddr: 'h:2', masterAddr: 'h:1'})
  t.deepEqual(decodeRegisterBrokerResponseHeader(undefined), {haServerAddr: undefined, masterAddr: undefined})
})

test('get-route-info header: acceptStandardJsonOnly as a boolean or a string', (t) => {
  t.deepEqual(decodeGetRouteInfoRequestHeader({topic: 'T', acceptStandardJsonOnly: true}), {topic: 'T', acceptStandardJsonOnly: true})
  t.deepEqual(decodeGetRouteInfoRequestHeader({topic: 'T', acceptStandardJsonOnly: 'false'}), {topic: 'T', acceptStandardJsonOnly: false})
  t.deepEqual(decodeGetRouteInfoRequestHeader({topic: 'T'}), {topic: 'T', acceptStandardJsonOnly: undefined})
  t.deepEqual(encodeGetRouteInfoRequestHeader({topic: 'T'}), {topic: 'T'})
  t.throws(() => decodeGetRouteInfoRequestHeader({}), {instanceOf: HeaderFieldError})
})

test('put-kv-config header requires namespace, key and value', (t) => {
  t.deepEqual(decodePutKVConfigRequestHeader({namespace: 'N', key: 'k', value: 'v'}), {namespace: 'N', key: 'k', value: 'v'})
  t.throws(() => decodePutKVConfigRequestHeader({namespace: 'N', key: 'k'}), {instanceOf: HeaderFieldError})
})
