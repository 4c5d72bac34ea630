import test from 'ava'
import {createResponse, type RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {RemotingConnectError, RemotingTimeoutError} from '../../../runtime/remoting/remoting-errors.js'
import {buildClusterListRows, firstNumber} from '../../../src/client/admin/cluster-list.js'
import {MQClientError} from '../../../src/client/client-errors.js'
import {parseNamesrvAddrList} from '../../../src/client/client-options.js'
import type {RemotingInvoker} from '../../../src/client/remoting-invoker.js'
import {NameServerClient} from '../../../src/client/route/name-server-client.js'

test('cluster list: sorted clusters and broker names, ids ascending, runtime columns parsed', (t) => {
  const info = {
    clusterAddrTable: {DefaultCluster: ['broker-b', 'broker-a']},
    brokerAddrTable: {
      'broker-a': {cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: {'1': '127.0.0.1:10921', '0': '127.0.0.1:10911'}},
      'broker-b': {cluster: 'DefaultCluster', brokerName: 'broker-b', brokerAddrs: {'0': '127.0.0.1:10811'}},
    },
  }
  const now = 10 * 3_600_000
  const runtime = new Map([
    [
      '127.0.0.1:10911',
      {
        table: {
          brokerVersionDesc: 'V4_9_8',
          putTps: '12.50 11.00 10.00',
          getTransferedTps: '3.0 2.0 1.0',
          msgPutTotalTodayNow: '150',
          msgPutTotalTodayMorning: '50',
          earliestMessageTimeStamp: String(now - 2 * 3_600_000),
          commitLogDiskRatio: '0.25',
        },
      },
    ],
    ['127.0.0.1:10921', {error: 'cannot connect to 127.0.0.1:10921: ECONNREFUSED'}],
  ])
  const rows = buildClusterListRows(info, runtime, now)
  t.deepEqual(
    rows.map((r) => [r.brokerName, r.brokerId, r.addr]),
    [
      ['broker-a', 0, '127.0.0.1:10911'],
      ['broker-a', 1, '127.0.0.1:10921'],
      ['broker-b', 0, '127.0.0.1:10811'],
    ],
  )
  t.like(rows[0], {
    cluster: 'DefaultCluster',
    version: 'V4_9_8',
    inTps: 12.5,
    outTps: 3,
    inTotalToday: 100,
    hoursSinceEarliestMessage: 2,
    commitLogDiskRatio: 0.25,
  })
  t.is(rows[0]!.error, undefined)
  t.regex(rows[1]!.error ?? '', /ECONNREFUSED/)
  t.is(rows[1]!.inTps, undefined)
  t.regex(rows[2]!.error ?? '', /not requested/)
})

test('firstNumber reads the first of a space-separated list', (t) => {
  t.is(firstNumber('1.5 2 3'), 1.5)
  t.is(firstNumber(undefined), undefined)
  t.is(firstNumber('n/a'), undefined)
})

test('name server lists: ";"-separated, trailing ";" harmless, bad entries refused', (t) => {
  t.deepEqual(parseNamesrvAddrList('127.0.0.1:9876;127.0.0.1:9877;'), ['127.0.0.1:9876', '127.0.0.1:9877'])
  t.deepEqual(parseNamesrvAddrList(['localhost:9876']), ['localhost:9876'])
  for (const bad of ['', ';', 'localhost', 'h:0', 'h:99999', ':9876']) {
    const err = t.throws(() => parseNamesrvAddrList(bad), {instanceOf: MQClientError})
    t.is(err?.code, 'INVALID_ARGUMENT', bad)
  }
})

/** A transport that fails for some addresses and answers for others, recording who was asked. */
function transport(down: Set<string>, asked: string[]): RemotingInvoker {
  return {
    async invoke(addr: string, request: RemotingCommand): Promise<RemotingCommand> {
      asked.push(addr)
      if (down.has(addr)) throw addr.endsWith('2') ? new RemotingTimeoutError(addr, 10, request.code) : new RemotingConnectError(addr, 'ECONNREFUSED')
      return createResponse(request, addr === 'n3:1' ? 17 : 0)
    },
    async invokeOneway() {},
    onServerRequest() {},
    closeConnection() {},
    async close() {},
  }
}

test('name server failover: the next one is tried on transport failures, then stuck to', async (t) => {
  const asked: string[] = []
  const ns = new NameServerClient(transport(new Set(['n1:1', 'n2:2']), asked), ['n1:1', 'n2:2', 'n4:1'], 100, undefined, 0)
  const first = await ns.request(() => ({code: 105, language: 'JAVA', version: 409, opaque: asked.length + 1, flag: 0, serializeType: 0}))
  t.is(first.addr, 'n4:1')
  t.deepEqual(asked, ['n1:1', 'n2:2', 'n4:1'])
  asked.length = 0
  await ns.request(() => ({code: 105, language: 'JAVA', version: 409, opaque: 9, flag: 0, serializeType: 0}))
  t.deepEqual(asked, ['n4:1'], 'the one that answered is asked first next time')
})

test('an error answer is an answer: no failover for it', async (t) => {
  const asked: string[] = []
  const ns = new NameServerClient(transport(new Set(), asked), ['n3:1', 'n4:1'], 100, undefined, 0)
  const {response, addr} = await ns.request(() => ({code: 105, language: 'JAVA', version: 409, opaque: 1, flag: 0, serializeType: 0}))
  t.is(response.code, 17)
  t.is(addr, 'n3:1')
  t.deepEqual(asked, ['n3:1'])
})

test('no name server answers: NAMESRV_UNREACHABLE naming each one', async (t) => {
  const ns = new NameServerClient(transport(new Set(['n1:1', 'n2:2']), []), ['n1:1', 'n2:2'], 100, undefined, 0)
  const err = await t.throwsAsync(
    ns.request(() => ({code: 105, language: 'JAVA', version: 409, opaque: 1, flag: 0, serializeType: 0})),
    {instanceOf: MQClientError},
  )
  t.is(err?.code, 'NAMESRV_UNREACHABLE')
  t.regex(err?.message ?? '', /n1:1 .*ECONNREFUSED.*n2:2 .*timed out/)
  t.truthy(err?.suggestion)
})
