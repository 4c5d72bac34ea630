// Bodies and headers of the admin requests (202-208, 222, 300, 305, 315, QUERY_MESSAGE). The expected
// bytes are derived by hand from rocketmq-all-4.9.8's classes as fastjson 1.2 writes them
// (RemotingSerializable.encode → JSON.toJSONString with the default features): getter properties sorted
// by name, enums by name, null fields left out, doubles as Java's Double.toString ("0.0", "1.5",
// "1.2345678E7"), and a HashMap keyed by MessageQueue written with the key object itself before the
// colon — e.g. TopicStatsTable{offsetTable} → MessageQueue{brokerName, queueId, topic} →
// TopicOffset{lastUpdateTimestamp, maxOffset, minOffset}.
import test from 'ava'
import {decodeBrokerStatsData, encodeBrokerStatsData} from '../../../runtime/remoting/body/broker-stats-data.js'
import {computeTotalDiff, decodeConsumeStats, encodeConsumeStats} from '../../../runtime/remoting/body/consume-stats.js'
import {
  decodeConsumerConnection,
  decodeProducerConnection,
  encodeConsumerConnection,
  encodeProducerConnection,
} from '../../../runtime/remoting/body/connection.js'
import {entries, field, parseFastjsonValue} from '../../../runtime/remoting/body/fastjson-reader.js'
import {javaDouble} from '../../../runtime/remoting/body/fastjson-writer.js'
import {decodeGroupList, encodeGroupList} from '../../../runtime/remoting/body/group-list.js'
import {decodeResetOffsetBody, encodeResetOffsetBody} from '../../../runtime/remoting/body/reset-offset-body.js'
import {buildSubscriptionData} from '../../../runtime/remoting/body/subscription-data.js'
import {decodeTopicStatsTable, encodeTopicStatsTable} from '../../../runtime/remoting/body/topic-stats-table.js'
import {
  decodeDeleteSubscriptionGroupRequestHeader,
  encodeDeleteSubscriptionGroupRequestHeader,
} from '../../../runtime/remoting/header/delete-subscription-group-request-header.js'
import {decodeGetConsumeStatsRequestHeader, encodeGetConsumeStatsRequestHeader} from '../../../runtime/remoting/header/get-consume-stats-request-header.js'
import {
  decodeGetConsumerConnectionListRequestHeader,
  encodeGetConsumerConnectionListRequestHeader,
} from '../../../runtime/remoting/header/get-consumer-connection-list-request-header.js'
import {
  decodeGetProducerConnectionListRequestHeader,
  encodeGetProducerConnectionListRequestHeader,
} from '../../../runtime/remoting/header/get-producer-connection-list-request-header.js'
import {
  decodeGetTopicStatsInfoRequestHeader,
  encodeGetTopicStatsInfoRequestHeader,
} from '../../../runtime/remoting/header/get-topic-stats-info-request-header.js'
import {HeaderFieldError} from '../../../runtime/remoting/header/header-fields.js'
import {decodeQueryMessageRequestHeader, encodeQueryMessageRequestHeader} from '../../../runtime/remoting/header/query-message-request-header.js'
import {decodeQueryMessageResponseHeader, encodeQueryMessageResponseHeader} from '../../../runtime/remoting/header/query-message-response-header.js'
import {
  decodeQueryTopicConsumeByWhoRequestHeader,
  encodeQueryTopicConsumeByWhoRequestHeader,
} from '../../../runtime/remoting/header/query-topic-consume-by-who-request-header.js'
import {decodeResetOffsetRequestHeader, encodeResetOffsetRequestHeader} from '../../../runtime/remoting/header/reset-offset-request-header.js'
import {
  decodeViewBrokerStatsDataRequestHeader,
  encodeViewBrokerStatsDataRequestHeader,
} from '../../../runtime/remoting/header/view-broker-stats-data-request-header.js'

const mqA0 = {topic: 'T', brokerName: 'broker-a', queueId: 0}
const MQA0 = '{"brokerName":"broker-a","queueId":0,"topic":"T"}'

test('TopicStatsTable: fastjson bytes with MessageQueue keys, and back', (t) => {
  const table = [
    [mqA0, {minOffset: 0, maxOffset: 3, lastUpdateTimestamp: 1700000000000}],
    [
      {...mqA0, queueId: 1},
      {minOffset: 2, maxOffset: 2, lastUpdateTimestamp: 0},
    ],
  ] as const
  const body = encodeTopicStatsTable(table.map(([m, o]) => [{...m}, {...o}]))
  t.is(
    body.toString(),
    `{"offsetTable":{${MQA0}:{"lastUpdateTimestamp":1700000000000,"maxOffset":3,"minOffset":0},{"brokerName":"broker-a","queueId":1,"topic":"T"}:{"lastUpdateTimestamp":0,"maxOffset":2,"minOffset":2}}}`,
  )
  t.deepEqual(
    decodeTopicStatsTable(body),
    table.map(([m, o]) => [{...m}, {...o}]),
  )
})

test('ConsumeStats: consumeTps as a Java double first, then the offset table', (t) => {
  const stats = {
    consumeTps: 0,
    offsetTable: [
      [
        {...mqA0, queueId: 1},
        {brokerOffset: 5, consumerOffset: 2, lastTimestamp: 1700000000123},
      ],
    ] as Array<[typeof mqA0, {brokerOffset: number; consumerOffset: number; lastTimestamp: number}]>,
  }
  const body = encodeConsumeStats(stats)
  t.is(
    body.toString(),
    '{"consumeTps":0.0,"offsetTable":{{"brokerName":"broker-a","queueId":1,"topic":"T"}:{"brokerOffset":5,"consumerOffset":2,"lastTimestamp":1700000000123}}}',
  )
  t.deepEqual(decodeConsumeStats(body), stats)
  t.is(computeTotalDiff(stats), 3)
  t.is(
    encodeConsumeStats({...stats, consumeTps: 1.5})
      .toString()
      .slice(0, 18),
    '{"consumeTps":1.5,',
  )
})

test('javaDouble prints as Double.toString', (t) => {
  t.is(javaDouble(0), '0.0')
  t.is(javaDouble(3), '3.0')
  t.is(javaDouble(1.5), '1.5')
  t.is(javaDouble(0.001), '0.001')
  t.is(javaDouble(0.0001), '1.0E-4')
  t.is(javaDouble(12345678), '1.2345678E7')
  t.is(javaDouble(1e7), '1.0E7')
  t.is(javaDouble(9999999.5), '9999999.5')
  t.is(javaDouble(Number.NaN), 'null')
})

test('ConsumerConnection and ProducerConnection: connections, enums by name, subscriptions', (t) => {
  const sub = buildSubscriptionData('T', 'TagA', 1700000000000)
  const conn = {clientId: '127.0.0.1@1', clientAddr: '127.0.0.1:50000', language: 'JAVA', version: 409}
  const cc = {
    connectionSet: [conn],
    subscriptionTable: {T: sub},
    consumeType: 'CONSUME_PASSIVELY',
    messageModel: 'CLUSTERING',
    consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
  }
  const body = encodeConsumerConnection(cc)
  t.is(
    body.toString(),
    '{"connectionSet":[{"clientAddr":"127.0.0.1:50000","clientId":"127.0.0.1@1","language":"JAVA","version":409}],' +
      '"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING",' +
      `"subscriptionTable":{"T":{"classFilterMode":false,"codeSet":[${sub.codeSet[0]}],"expressionType":"TAG","subString":"TagA","subVersion":1700000000000,"tagsSet":["TagA"],"topic":"T"}}}`,
  )
  t.deepEqual(decodeConsumerConnection(body), cc)
  const pc = encodeProducerConnection([conn])
  t.is(pc.toString(), '{"connectionSet":[{"clientAddr":"127.0.0.1:50000","clientId":"127.0.0.1@1","language":"JAVA","version":409}]}')
  t.deepEqual(decodeProducerConnection(pc), [conn])
})

test('GroupList, BrokerStatsData and ResetOffsetBody', (t) => {
  t.is(encodeGroupList(new Set(['G1'])).toString(), '{"groupList":["G1"]}')
  t.deepEqual(decodeGroupList('{"groupList":["G1","G2"]}'), ['G1', 'G2'])
  const stats = {statsMinute: {sum: 10, tps: 0.5, avgpt: 2}, statsHour: {sum: 0, tps: 0, avgpt: 0}, statsDay: {sum: 7, tps: 1.0e-4, avgpt: 1}}
  const sb = encodeBrokerStatsData(stats)
  t.is(
    sb.toString(),
    '{"statsDay":{"avgpt":1.0,"sum":7,"tps":1.0E-4},"statsHour":{"avgpt":0.0,"sum":0,"tps":0.0},"statsMinute":{"avgpt":2.0,"sum":10,"tps":0.5}}',
  )
  t.deepEqual(decodeBrokerStatsData(sb), stats)
  const reset = encodeResetOffsetBody([[mqA0, 7]])
  t.is(reset.toString(), `{"offsetTable":{${MQA0}:7}}`)
  t.deepEqual(decodeResetOffsetBody(reset), [[mqA0, 7]])
})

test('the fastjson reader keeps object and number keys, reads escapes, and refuses bad or too deep input', (t) => {
  const v = parseFastjsonValue('{"a":{1:2,{"k":"v"}:[true,false,null,-1.5e3]},"s":"x\\"y\\u00e9"}')
  const a = field(v, 'a')
  t.deepEqual(entries(a)[0], [1, 2])
  t.deepEqual(entries(entries(a)[1]![0]), [['k', 'v']])
  t.deepEqual(entries(a)[1]![1], [true, false, null, -1500])
  t.is(field(v, 's'), 'x"yé')
  t.throws(() => parseFastjsonValue('{"a":1'), {instanceOf: SyntaxError})
  t.throws(() => parseFastjsonValue('{"a":1} x'), {instanceOf: SyntaxError})
  t.throws(() => parseFastjsonValue('['.repeat(100) + ']'.repeat(100)), {message: /nested too deeply/})
  t.throws(() => decodeTopicStatsTable('{"offsetTable":{{"topic":"T"}:{}}}'), {instanceOf: SyntaxError})
})

test('admin request headers: field names as the Java classes declare them, values as strings', (t) => {
  const cases: Array<[Record<string, string>, (e: Record<string, string>) => unknown, (h: any) => Record<string, string>]> = [
    [{topic: 'T'}, decodeGetTopicStatsInfoRequestHeader, encodeGetTopicStatsInfoRequestHeader],
    [{consumerGroup: 'G', topic: 'T'}, decodeGetConsumeStatsRequestHeader, encodeGetConsumeStatsRequestHeader],
    [{consumerGroup: 'G'}, decodeGetConsumeStatsRequestHeader, encodeGetConsumeStatsRequestHeader],
    [{consumerGroup: 'G'}, decodeGetConsumerConnectionListRequestHeader, encodeGetConsumerConnectionListRequestHeader],
    [{producerGroup: 'P'}, decodeGetProducerConnectionListRequestHeader, encodeGetProducerConnectionListRequestHeader],
    [{topic: 'T'}, decodeQueryTopicConsumeByWhoRequestHeader, encodeQueryTopicConsumeByWhoRequestHeader],
    [{statsName: 'TOPIC_PUT_NUMS', statsKey: 'T'}, decodeViewBrokerStatsDataRequestHeader, encodeViewBrokerStatsDataRequestHeader],
    [{topic: 'T', group: 'G', timestamp: '-1', isForce: 'true'}, decodeResetOffsetRequestHeader, encodeResetOffsetRequestHeader],
    [{groupName: 'G', removeOffset: 'false'}, decodeDeleteSubscriptionGroupRequestHeader, encodeDeleteSubscriptionGroupRequestHeader],
    [
      {topic: 'T', key: 'k', maxNum: '32', beginTimestamp: '0', endTimestamp: '1700000000000'},
      decodeQueryMessageRequestHeader,
      encodeQueryMessageRequestHeader,
    ],
    [{indexLastUpdateTimestamp: '1700000000000', indexLastUpdatePhyoffset: '4096'}, decodeQueryMessageResponseHeader, encodeQueryMessageResponseHeader],
  ]
  for (const [ext, decode, encode] of cases) t.deepEqual(encode(decode(ext)), ext, Object.keys(ext).join(','))
  t.deepEqual(decodeResetOffsetRequestHeader({topic: 'T', group: 'G', timestamp: '5', isForce: 'false'}), {
    topic: 'T',
    group: 'G',
    timestamp: 5,
    isForce: false,
  })
  // removeOffset is a primitive boolean: sent always, read as false when absent.
  t.deepEqual(encodeDeleteSubscriptionGroupRequestHeader({groupName: 'G'}), {groupName: 'G', removeOffset: 'false'})
  t.is(decodeDeleteSubscriptionGroupRequestHeader({groupName: 'G'}).removeOffset, undefined)
  // mqadmin queries up to Long.MAX_VALUE.
  t.is(
    decodeQueryMessageRequestHeader({topic: 'T', key: 'k', maxNum: '64', beginTimestamp: '0', endTimestamp: '9223372036854775807'}).endTimestamp,
    Number.MAX_SAFE_INTEGER,
  )
  t.throws(() => decodeResetOffsetRequestHeader({topic: 'T', group: 'G', timestamp: '1'}), {instanceOf: HeaderFieldError})
  t.throws(() => decodeQueryMessageRequestHeader({topic: 'T', key: 'k', maxNum: 'x', beginTimestamp: '0', endTimestamp: '0'}), {instanceOf: HeaderFieldError})
})
