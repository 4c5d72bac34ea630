import test from 'ava'
import {createRequire} from 'node:module'
import {crc32} from '../../../runtime/common/crc32.js'
import {encodeRegisterBrokerBody} from '../../../runtime/remoting/body/register-broker-body.js'
import {newTopicConfig} from '../../../runtime/remoting/body/topic-config.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RemotingClient} from '../../../runtime/remoting/remoting-client.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {FrameRecorder} from '../../helpers/frame-recorder.js'
import {freePort} from '../../helpers/free-port.js'
import {startNamesrv} from '../../helpers/namesrv-fixture.js'

const require = createRequire(import.meta.url)
const {Producer} = require('ali-ons') as {Producer: (new (options: object) => any) & {defaultProducer?: any}}
const quiet = {info() {}, warn() {}, error() {}, debug() {}}
// ali-ons' scheduled tasks sleep a full interval before noticing close(), the hidden
// CLIENT_INNER_PRODUCER it creates is never closed by the producer, and producer.close() gives up before
// closing its client when UNREGISTER_CLIENT to the (absent) broker fails: short intervals plus closing
// all three let the test worker exit.
const intervals = {pollNameServerInteval: 100, heartbeatBrokerInterval: 100, rebalanceInterval: 100, persistConsumerOffsetInterval: 100}

test('a real ali-ons producer gets the route of a registered topic from the name server', async (t) => {
  const ns = await startNamesrv(t)
  // The advertised broker address is a closed port: ali-ons only contacts it when closing.
  const brokerAddr = `127.0.0.1:${await freePort()}`
  const broker = new RemotingClient()
  t.teardown(() => broker.close())
  const body = encodeRegisterBrokerBody({
    topicConfigSerializeWrapper: {
      topicConfigTable: {TopicTest: newTopicConfig('TopicTest', {readQueueNums: 4, writeQueueNums: 4})},
      dataVersion: {timestamp: 1, counter: 1},
    },
    filterServerList: [],
  })
  const header = {brokerName: 'broker-a', brokerAddr, clusterName: 'DefaultCluster', haServerAddr: '127.0.0.1:1', brokerId: 0, bodyCrc32: crc32(body)}
  t.is((await broker.invoke(ns.address, createRequest(RequestCode.REGISTER_BROKER, header, body), 3000)).code, 0)

  const recorder = await FrameRecorder.start({port: ns.port})
  t.teardown(() => recorder.close())
  const producer = new Producer({nameSrv: recorder.address, httpclient: {}, producerGroup: 'PID_namesrv_test', logger: quiet, ...intervals})
  producer.on('error', () => undefined)
  t.teardown(async () => {
    await producer.close().catch(() => undefined)
    await producer._mqClient.close().catch(() => undefined)
    await Producer.defaultProducer?.close().catch(() => undefined)
  })
  await producer.ready()
  const info = await producer.tryToFindTopicPublishInfo('TopicTest')
  t.deepEqual(
    info.messageQueueList.map((q: {topic: string; brokerName: string; queueId: number}) => [q.topic, q.brokerName, q.queueId]),
    [0, 1, 2, 3].map((id) => ['TopicTest', 'broker-a', id]),
  )
  const routeRequest = recorder.commands('toServer').find((f) => f.command.code === RequestCode.GET_ROUTEINFO_BY_TOPIC)!
  t.is(routeRequest.command.version, 121)
  const routeResponse = recorder.commands('toClient').find((f) => f.command.opaque === routeRequest.command.opaque)!
  t.true(routeResponse.command.body!.toString().includes(`{0:"${brokerAddr}"}`), 'legacy form for version 121')
})
