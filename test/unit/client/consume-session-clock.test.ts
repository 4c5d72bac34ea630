import test from 'ava'
import {encodeGetConsumerListByGroupResponseBody} from '../../../runtime/remoting/body/get-consumer-list-by-group-response-body.js'
import {encodeTopicRouteData} from '../../../runtime/remoting/body/topic-route-data.js'
import {encodeGetMaxOffsetResponseHeader} from '../../../runtime/remoting/header/get-max-offset-response-header.js'
import {encodePullMessageResponseHeader} from '../../../runtime/remoting/header/pull-message-response-header.js'
import {encodeQueryConsumerOffsetResponseHeader} from '../../../runtime/remoting/header/query-consumer-offset-response-header.js'
import {createResponse, type RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {Consumer} from '../../../src/client/consumer/consumer.js'
import type {RemotingInvoker} from '../../../src/client/remoting-invoker.js'
import {ManualTimers} from '../../helpers/manual-timers.js'

// A consume run on the client's manual clock: its timeout, heartbeats, rebalances and offset commits
// follow the clock the test moves, not the wall clock, so the schedule is checked exactly and at once.

const NS = '127.0.0.1:9876'
const BROKER = '127.0.0.1:10911'

/** A name server and an empty broker that hold every pull for its suspend time (on the same manual clock). */
function fakeCluster(timers: ManualTimers) {
  const calls: Record<string, number> = {}
  const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1)
  let clientId = ''
  const answer = async (request: RemotingCommand): Promise<RemotingCommand> => {
    const ok = (ext?: Record<string, string>, body?: Buffer) => createResponse(request, ResponseCode.SUCCESS, undefined, ext, body)
    switch (request.code) {
      case RequestCode.GET_ROUTEINFO_BY_TOPIC:
        return ok(
          undefined,
          encodeTopicRouteData(
            {
              queueDatas: [{brokerName: 'broker-a', readQueueNums: 1, writeQueueNums: 1, perm: 6, topicSysFlag: 0}],
              brokerDatas: [{cluster: 'C', brokerName: 'broker-a', brokerAddrs: {0: BROKER}}],
              filterServerTable: {},
            },
            'standard',
          ),
        )
      case RequestCode.HEART_BEAT:
        count('heartbeat')
        clientId = JSON.parse(request.body!.toString()).clientID
        return ok()
      case RequestCode.GET_CONSUMER_LIST_BY_GROUP:
        count('rebalance')
        return ok(undefined, encodeGetConsumerListByGroupResponseBody({consumerIdList: [clientId]}))
      case RequestCode.QUERY_CONSUMER_OFFSET:
        return ok(encodeQueryConsumerOffsetResponseHeader({offset: 0}))
      case RequestCode.GET_MAX_OFFSET:
      case RequestCode.GET_MIN_OFFSET:
        return ok(encodeGetMaxOffsetResponseHeader({offset: 0}))
      case RequestCode.PULL_MESSAGE: {
        count('pull')
        await timers.sleep(Number(request.extFields?.suspendTimeoutMillis ?? 0))
        return createResponse(
          request,
          ResponseCode.PULL_NOT_FOUND,
          'OFFSET_OVERFLOW_ONE',
          encodePullMessageResponseHeader({suggestWhichBrokerId: 0, nextBeginOffset: 0, minOffset: 0, maxOffset: 0}),
        )
      }
      case RequestCode.UPDATE_CONSUMER_OFFSET:
        count('commit')
        return ok()
      default:
        return ok()
    }
  }
  const remoting: RemotingInvoker = {
    invoke: (_addr, request) => answer(request),
    invokeOneway: async (_addr, request) => void (await answer(request)),
    onServerRequest: () => undefined,
    closeConnection: () => undefined,
    close: async () => undefined,
  }
  return {remoting, calls}
}

test("a consume run ends by its timeout on the client's clock; heartbeats and rebalances follow their intervals on it", async (t) => {
  const timers = new ManualTimers(1_700_000_000_000, true)
  const {remoting, calls} = fakeCluster(timers)
  const consumer = new Consumer({namesrvAddr: NS}, {remoting, timers, monotonic: () => timers.now()})
  const started = timers.now()
  const result = await consumer.consume({topic: 'T', group: 'G', timeoutMs: 95_000, heartbeatIntervalMs: 30_000, rebalanceIntervalMs: 20_000})
  await consumer.close()
  t.is(result.summary.stoppedBy, 'timeout')
  t.is(timers.now() - started, 95_000, 'exactly the timeout, on the manual clock')
  t.is(calls.heartbeat, 1 + 3, 'one at the start, then at 30, 60 and 90 s')
  t.true((calls.rebalance ?? 0) >= 1 + 4, `a rebalance at the start and every 20 s (${calls.rebalance})`)
  t.true((calls.pull ?? 0) >= 6, `held pulls, re-sent as each 15 s hold ends (${calls.pull})`)
})
