import test from 'ava'
import {encodeFrame} from '../../../runtime/remoting/frame-encoder.js'
import {decodeJsonHeader, encodeJsonHeader} from '../../../runtime/remoting/json-header-codec.js'
import {createRequest, createResponse, type RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {decodeCommand} from '../../../runtime/remoting/remoting-command-decoder.js'
import {FrameError} from '../../../runtime/remoting/remoting-errors.js'
import {decodeBinaryHeader} from '../../../runtime/remoting/rocketmq-header-codec.js'

/** createRequest/createResponse leave explicit undefined keys; decoded commands have none. */
function defined(cmd: RemotingCommand): RemotingCommand {
  return Object.fromEntries(Object.entries(cmd).filter(([, v]) => v !== undefined)) as unknown as RemotingCommand
}

function frameOf(header: Buffer, serializeType: number, body = Buffer.alloc(0)): Buffer {
  const word = Buffer.alloc(4)
  word.writeUInt32BE(((serializeType << 24) | header.length) >>> 0)
  return Buffer.concat([word, header, body])
}

test('JSON header is written as fastjson writes the bean: sorted keys, nulls omitted', (t) => {
  const cmd: RemotingCommand = {code: 105, language: 'JAVA', version: 401, opaque: 1, flag: 0, extFields: {topic: 'TBW102'}, serializeType: 0}
  t.is(
    encodeJsonHeader(cmd),
    '{"code":105,"extFields":{"topic":"TBW102"},"flag":0,"language":"JAVA","opaque":1,"serializeTypeCurrentRPC":"JSON","version":401}',
  )
})

test('JSON header: numbers and booleans in extFields become strings; unknown keys ignored', (t) => {
  const header = decodeJsonHeader(
    Buffer.from('{"code":310,"language":"JAVA","opaque":7,"flag":0,"version":121,"extFields":{"d":4,"k":false,"b":"T","n":null},"whatever":1}'),
  )
  t.deepEqual(header, {code: 310, language: 'JAVA', version: 121, opaque: 7, flag: 0, extFields: {d: '4', k: 'false', b: 'T'}})
})

test('JSON header: not JSON, not an object or no code → FrameError', (t) => {
  t.throws(() => decodeJsonHeader(Buffer.from('{"code":1')), {instanceOf: FrameError})
  t.throws(() => decodeJsonHeader(Buffer.from('[1,2]')), {instanceOf: FrameError})
  t.throws(() => decodeJsonHeader(Buffer.from('{"opaque":1}')), {instanceOf: FrameError})
  t.throws(() => decodeJsonHeader(Buffer.from('{"code":"x","opaque":1}')), {instanceOf: FrameError})
  t.throws(() => decodeJsonHeader(Buffer.from('{"code":1,"opaque":1,"extFields":[1]}')), {instanceOf: FrameError})
})

test('round trip through a whole frame, JSON and binary, with and without body', (t) => {
  for (const serializeType of [0, 1] as const) {
    const req = createRequest(11, {consumerGroup: 'g', queueOffset: 12345678901, sub: 'TagA||TagB', ünï: 'cödé'}, Buffer.from('xyz'), {serializeType})
    const frame = encodeFrame(req)
    t.is(frame.readInt32BE(0), frame.length - 4)
    t.is(frame[4], serializeType)
    t.deepEqual(decodeCommand(frame.subarray(4)), defined(req))
    const res = createResponse(req, 22, 'not found: ü')
    t.deepEqual(decodeCommand(encodeFrame(res).subarray(4)), defined(res))
  }
})

test('binary header layout matches RocketMQSerializable', (t) => {
  const cmd: RemotingCommand = {code: 105, language: 'JAVA', version: 409, opaque: 5, flag: 2, remark: 'r', extFields: {topic: 'T'}, serializeType: 1}
  const frame = encodeFrame(cmd)
  const header = frame.subarray(8)
  const expected = Buffer.from([
    0x00,
    0x69, // code 105
    0x00, // JAVA
    0x01,
    0x99, // version 409
    0,
    0,
    0,
    5, // opaque
    0,
    0,
    0,
    2, // flag
    0,
    0,
    0,
    1,
    0x72, // remark "r"
    0,
    0,
    0,
    12, // extFields length
    0,
    5,
    ...Buffer.from('topic'),
    0,
    0,
    0,
    1,
    0x54,
  ])
  t.deepEqual(header, expected)
  t.is(frame.readUInt32BE(4), (1 << 24) | expected.length)
})

test('binary header: other languages, empty remark and extFields', (t) => {
  const cmd: RemotingCommand = {code: 34, language: 'GO', version: 1, opaque: -3, flag: 0, serializeType: 1}
  t.deepEqual(decodeCommand(encodeFrame(cmd).subarray(4)), cmd)
})

test('binary header: truncated or lying lengths → FrameError', (t) => {
  const good = encodeFrame({code: 1, language: 'JAVA', version: 1, opaque: 1, flag: 0, remark: 'abc', extFields: {k: 'v'}, serializeType: 1}).subarray(8)
  for (let cut = 0; cut < good.length; cut++) {
    t.throws(() => decodeBinaryHeader(good.subarray(0, cut)), {instanceOf: FrameError}, `cut at ${cut}`)
  }
  const lying = Buffer.from(good)
  lying.writeInt32BE(1000, 13) // remark length
  t.throws(() => decodeBinaryHeader(lying), {instanceOf: FrameError})
})

test('frame: header length beyond the frame, unknown serialize type → FrameError', (t) => {
  const header = Buffer.from('{"code":1,"opaque":1}')
  t.notThrows(() => decodeCommand(frameOf(header, 0)))
  const bad = frameOf(header, 0)
  bad.writeUInt32BE(header.length + 1)
  t.throws(() => decodeCommand(bad), {instanceOf: FrameError})
  t.throws(() => decodeCommand(frameOf(header, 2)), {instanceOf: FrameError})
  t.throws(() => decodeCommand(Buffer.alloc(2)), {instanceOf: FrameError})
})

test('frame body is a view of the frame and absent when empty', (t) => {
  const frame = frameOf(Buffer.from('{"code":1,"opaque":1}'), 0, Buffer.from('BODY'))
  const cmd = decodeCommand(frame)
  t.is(cmd.body?.toString(), 'BODY')
  t.is(cmd.body?.buffer, frame.buffer)
  t.is(decodeCommand(frameOf(Buffer.from('{"code":1,"opaque":1}'), 0)).body, undefined)
})

test('encoding a frame over the limit throws', (t) => {
  t.throws(() => encodeFrame(createRequest(10, {}, Buffer.alloc(100)), 64), {instanceOf: FrameError})
})
