import test from 'ava'
import {failoverTiming} from '../../../src/client/failover-timing.js'
import {failoverOption} from '../../../src/cli/failover-flag.js'
import {MQClientInstance} from '../../../src/client/mq-client-instance.js'

test("RocketMQ 4.9.8's Java client timings are the default: 30 s route poll, 3 s pull retry, no route refresh on a failure", (t) => {
  t.deepEqual(failoverTiming(), {refreshRouteOnConnectionFailure: false, pullRetryDelayMs: 3000, pollNameServerIntervalMs: 30_000})
  const client = new MQClientInstance({namesrvAddr: '127.0.0.1:9876'})
  t.deepEqual(client.timing, failoverTiming('java'))
  t.is(client.pollIntervalMs, 30_000)
  t.deepEqual(failoverOption({'fast-failover': false}), {failover: 'java'})
})

test('--fast-failover (mqlab only): route refresh at once after a connection failure, 1 s pull retry', (t) => {
  t.deepEqual(failoverTiming('fast'), {refreshRouteOnConnectionFailure: true, pullRetryDelayMs: 1000, pollNameServerIntervalMs: 30_000})
  t.deepEqual(failoverOption({'fast-failover': true}), {failover: 'fast'})
  t.true(new MQClientInstance({namesrvAddr: '127.0.0.1:9876', failover: 'fast'}).timing.refreshRouteOnConnectionFailure)
})
