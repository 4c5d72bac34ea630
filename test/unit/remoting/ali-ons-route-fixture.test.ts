// Requests are a real client's bytes (ali-ons); responses are mqlab's own name server answers recorded once:
// format-stability guards, not proof of what Java answers (see test/fixtures/ali-ons/README.md).
import test from 'ava'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'
import {encodeTopicRouteData, type TopicRouteData} from '../../../runtime/remoting/body/topic-route-data.js'
import {decodeGetRouteInfoRequestHeader} from '../../../runtime/remoting/header/get-route-info-request-header.js'
import {encodeFrame} from '../../../runtime/remoting/frame-encoder.js'
import {createResponse} from '../../../runtime/remoting/remoting-command.js'
import {decodeCommand} from '../../../runtime/remoting/remoting-command-decoder.js'

// dist/test/unit/remoting → test/fixtures/ali-ons in the source tree
const dir = fileURLToPath(new URL('../../../../test/fixtures/ali-ons/', import.meta.url))
const fixture = (name: string) => Buffer.from(readFileSync(dir + name, 'utf8').trim(), 'hex')
const requestBytes = fixture('get-routeinfo-by-topic.request.hex')
const responseBytes = fixture('get-routeinfo-by-topic.response.hex')

const route: TopicRouteData = {
  queueDatas: [{brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0}],
  brokerDatas: [{cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: {'0': '127.0.0.1:10911'}}],
  filterServerTable: {},
}

test('ali-ons route request decodes to the exact command', (t) => {
  t.is(requestBytes.readInt32BE(0), requestBytes.length - 4)
  t.deepEqual(decodeCommand(requestBytes.subarray(4)), {
    code: 105,
    language: 'JAVA',
    version: 121,
    opaque: 1,
    flag: 0,
    extFields: {topic: 'TopicTest'},
    serializeType: 0,
  })
  t.deepEqual(decodeGetRouteInfoRequestHeader(decodeCommand(requestBytes.subarray(4)).extFields), {topic: 'TopicTest', acceptStandardJsonOnly: undefined})
})

test('name-server route response decodes to the exact command', (t) => {
  const cmd = decodeCommand(responseBytes.subarray(4))
  t.deepEqual(
    {...cmd, body: cmd.body?.toString()},
    {
      code: 0,
      language: 'JAVA',
      version: 409,
      opaque: 1,
      flag: 1,
      serializeType: 0,
      body: '{"brokerDatas":[{"brokerAddrs":{0:"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster"}],"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}',
    },
  )
})

test('encoding the route response for that request equals the captured bytes', (t) => {
  const request = decodeCommand(requestBytes.subarray(4))
  const response = createResponse(request, 0, undefined, undefined, encodeTopicRouteData(route, 'legacy'))
  t.is(encodeFrame(response).toString('hex'), responseBytes.toString('hex'))
})

test("ali-ons' own decoder reads the response (full 32-bit header length, JSON2 body)", (t) => {
  const require = createRequire(import.meta.url)
  const RemotingCommand = require('ali-ons/lib/protocol/command/remoting_command') as {decode(b: Buffer): any}
  const JSON2 = require('JSON2') as {parse(s: string): any}
  const cmd = RemotingCommand.decode(responseBytes)
  t.is(cmd.code, 0)
  t.is(cmd.opaque, 1)
  t.true(cmd.isResponseType)
  const data = JSON2.parse(cmd.body.toString())
  t.is(data.brokerDatas[0].brokerAddrs['0'], '127.0.0.1:10911')
  t.is(data.queueDatas[0].writeQueueNums, 4)
})
