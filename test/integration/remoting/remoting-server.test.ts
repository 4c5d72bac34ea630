import test from 'ava'
import net from 'node:net'
import {once} from 'node:events'
import {requiredInt, requiredString} from '../../../runtime/remoting/header/header-fields.js'
import {encodeFrame} from '../../../runtime/remoting/frame-encoder.js'
import {createRequest, createResponse, isResponse, type RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {RemotingClient} from '../../../runtime/remoting/remoting-client.js'
import {PortInUseError} from '../../../runtime/remoting/remoting-errors.js'
import {RemotingServer, type RemotingConnection} from '../../../runtime/remoting/remoting-server.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {jsonFrame, rawConnect} from '../../helpers/raw-peer.js'
import {waitUntil} from '../../helpers/wait-until.js'

const ECHO = 900
const SLOW = 901
const THROW = 902
const HEADER = 903
const RECORD = 904

async function startServer(t: {teardown(fn: () => unknown): void}, options: {idleTimeoutMs?: number} = {}) {
  const server = new RemotingServer({host: '127.0.0.1', port: 0, name: 'test server', ...options})
  const seen: RemotingCommand[] = []
  let releaseSlow: () => void = () => undefined
  const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve))
  server.registerProcessor(ECHO, (req) => createResponse(req, 0, 'echo', req.extFields, req.body))
  server.registerProcessor(SLOW, async (req) => {
    await slowGate
    return createResponse(req, 0, 'slow done')
  })
  server.registerProcessor(THROW, () => {
    throw new Error('boom')
  })
  server.registerProcessor(HEADER, (req) =>
    createResponse(req, 0, undefined, {topic: requiredString(req.extFields, 'topic'), queueId: requiredInt(req.extFields, 'queueId')}),
  )
  server.registerProcessor(RECORD, (req) => {
    seen.push(req)
    return createResponse(req, 0)
  })
  await server.listen()
  t.teardown(() => server.close())
  return {server, seen, releaseSlow, addr: `127.0.0.1:${server.port}`}
}

function newClient(t: {teardown(fn: () => unknown): void}): RemotingClient {
  const client = new RemotingClient()
  t.teardown(() => client.close())
  return client
}

test('a response carries the request opaque, the RESPONSE flag and the request serialize type', async (t) => {
  const {addr} = await startServer(t)
  const client = newClient(t)
  for (const serializeType of [0, 1] as const) {
    const req = createRequest(ECHO, {k: 'v'}, Buffer.from('payload'), {serializeType})
    const res = await client.invoke(addr, req, 3000)
    t.is(res.opaque, req.opaque)
    t.true(isResponse(res))
    t.is(res.serializeType, serializeType)
    t.is(res.remark, 'echo')
    t.deepEqual(res.extFields, {k: 'v'})
    t.is(res.body?.toString(), 'payload')
  }
})

test('a slow async processor does not block other requests on the same connection', async (t) => {
  const {addr, releaseSlow} = await startServer(t)
  const client = newClient(t)
  const slow = client.invoke(addr, createRequest(SLOW), 5000)
  const fast = await client.invoke(addr, createRequest(ECHO), 3000)
  t.is(fast.code, 0)
  releaseSlow()
  t.is((await slow).remark, 'slow done')
})

test("unknown code → REQUEST_CODE_NOT_SUPPORTED with RocketMQ's remark", async (t) => {
  const {addr} = await startServer(t)
  const res = await newClient(t).invoke(addr, createRequest(4242), 3000)
  t.is(res.code, ResponseCode.REQUEST_CODE_NOT_SUPPORTED)
  t.is(res.remark, 'request type 4242 not supported')
})

test('a default processor takes every code without its own processor (the name server answers none of them)', async (t) => {
  const {addr, server} = await startServer(t)
  const seen: number[] = []
  server.registerDefaultProcessor((req) => {
    seen.push(req.code)
    return req.code === 4243 ? createResponse(req, 0, 'default') : undefined
  })
  const client = newClient(t)
  t.is((await client.invoke(addr, createRequest(4243), 3000)).remark, 'default')
  const silent = await client.invoke(addr, createRequest(4244), 300).then(
    () => 'answered',
    (err: Error) => err.message,
  )
  t.not(silent, 'answered')
  t.is((await client.invoke(addr, createRequest(ECHO), 3000)).remark, 'echo', 'registered codes still go to their processor')
  t.deepEqual(seen, [4243, 4244])
})

test('a throwing processor or a missing header field → SYSTEM_ERROR, connection kept', async (t) => {
  const {addr} = await startServer(t)
  const client = newClient(t)
  const res = await client.invoke(addr, createRequest(THROW), 3000)
  t.is(res.code, ResponseCode.SYSTEM_ERROR)
  t.is(res.remark, 'boom')
  const missing = await client.invoke(addr, createRequest(HEADER, {topic: 'T'}), 3000)
  t.is(missing.code, ResponseCode.SYSTEM_ERROR)
  t.regex(missing.remark ?? '', /queueId/)
  const ok = await client.invoke(addr, createRequest(HEADER, {topic: 'T', queueId: 3}), 3000)
  t.deepEqual(ok.extFields, {topic: 'T', queueId: '3'})
})

test('numbers and booleans in extFields (as ali-ons sends) reach processors as strings', async (t) => {
  const {server, seen} = await startServer(t)
  const peer = await rawConnect(server.port)
  t.teardown(() => peer.socket.destroy())
  peer.socket.write(jsonFrame('{"code":904,"language":"JAVA","opaque":77,"flag":0,"version":121,"extFields":{"d":4,"k":false,"g":1795274149035}}'))
  const res = await peer.next()
  t.is(res.opaque, 77)
  t.is(res.serializeType, 0)
  t.deepEqual(seen[0]!.extFields, {d: '4', k: 'false', g: '1795274149035'})
})

test('a oneway request is processed and not answered', async (t) => {
  const {addr, seen, server} = await startServer(t)
  const client = newClient(t)
  await client.invokeOneway(addr, createRequest(RECORD, {n: '1'}))
  await waitUntil(() => seen.length === 1, 'the oneway request')
  t.true((seen[0]!.flag & 2) !== 0)
  // Nothing was answered: a raw peer sending oneway then a normal request gets only the second answer.
  const peer = await rawConnect(server.port)
  t.teardown(() => peer.socket.destroy())
  peer.socket.write(
    Buffer.concat([encodeFrame(createRequest(RECORD, undefined, undefined, {oneway: true})), encodeFrame({...createRequest(ECHO), opaque: 555})]),
  )
  const res = await peer.next()
  t.is(res.opaque, 555)
  t.is(peer.received.length, 0)
})

for (const [what, bytes] of [
  ['garbage bytes', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
  ['a negative length', Buffer.from([0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 0])],
  ['a length too small for the header word', Buffer.from([0, 0, 0, 2, 0, 0])],
  ['a frame over the 16 MiB limit', Buffer.from([0x01, 0x00, 0x00, 0x00])],
  [
    'a truncated header (header length beyond the frame)',
    (() => {
      const f = jsonFrame('{"code":900,"opaque":1}')
      f.writeInt32BE(500, 4)
      return f
    })(),
  ],
  ['an undecodable JSON header', jsonFrame('{"code":900,"opaque":')],
  [
    'an unknown serialize type',
    (() => {
      const f = jsonFrame('{"code":900,"opaque":1}')
      f[4] = 7
      return f
    })(),
  ],
] as const) {
  test(`${what} closes that connection only; other clients keep being served`, async (t) => {
    const {server, addr} = await startServer(t)
    const client = newClient(t)
    t.is((await client.invoke(addr, createRequest(ECHO), 3000)).code, 0)
    const bad = await rawConnect(server.port)
    t.teardown(() => bad.socket.destroy())
    bad.socket.write(bytes)
    await bad.closed
    t.is(bad.received.length, 0)
    // The pooled client connection was not touched, and new connections still work.
    t.is((await client.invoke(addr, createRequest(ECHO), 3000)).code, 0)
    const other = newClient(t)
    t.is((await other.invoke(addr, createRequest(ECHO), 3000)).code, 0)
  })
}

test('a valid request followed by garbage in the same chunk is answered before the connection closes', async (t) => {
  const {server} = await startServer(t)
  const peer = await rawConnect(server.port)
  t.teardown(() => peer.socket.destroy())
  peer.socket.write(Buffer.concat([encodeFrame({...createRequest(ECHO), opaque: 4711}), Buffer.from('garbage!')]))
  const answer = await peer.next()
  t.is(answer.opaque, 4711)
  await peer.closed
})

test('idle connections are closed after the idle timeout; active ones are kept', async (t) => {
  const {server, addr} = await startServer(t, {idleTimeoutMs: 1000})
  const closedIds: number[] = []
  server.onConnectionClosed((c) => closedIds.push(c.id))
  const active = newClient(t)
  await active.invoke(addr, createRequest(ECHO), 3000)
  const started = Date.now()
  const idle = await rawConnect(server.port)
  t.teardown(() => idle.socket.destroy())
  // Keep the other connection busy for longer than the idle timeout.
  while (Date.now() - started < 1500) {
    t.is((await active.invoke(addr, createRequest(ECHO), 3000)).code, 0)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await idle.closed
  t.true(Date.now() - started >= 990, 'not closed before the timeout')
  await waitUntil(() => closedIds.length === 1, 'connection-closed listener')
  t.is(closedIds.length, 1, 'only the idle connection was closed')
  t.is(server.connectionCount, 1, 'the active connection is still open')
})

test('the server can send a oneway request to a client connection', async (t) => {
  const server = new RemotingServer({host: '127.0.0.1', port: 0, name: 'test'})
  let connection: RemotingConnection | undefined
  server.registerProcessor(ECHO, (req, conn) => {
    connection = conn
    return createResponse(req, 0)
  })
  await server.listen()
  t.teardown(() => server.close())
  const client = newClient(t)
  const got: Array<[RemotingCommand, string]> = []
  client.onServerRequest((req, addr) => got.push([req, addr]))
  const addr = `127.0.0.1:${server.port}`
  await client.invoke(addr, createRequest(ECHO), 3000)
  t.is(connection!.remoteHost, '127.0.0.1')
  t.is(connection!.localPort, server.port)
  t.regex(connection!.remoteAddress, /^127\.0\.0\.1:\d+$/)
  connection!.sendOneway(createRequest(40, {consumerGroup: 'g'}))
  await waitUntil(() => got.length === 1, 'server request')
  t.is(got[0]![0].code, 40)
  t.is(got[0]![0].flag & 2, 2)
  t.is(got[0]![1], addr)
})

test('onClose and onConnectionClosed fire when the client goes away', async (t) => {
  const server = new RemotingServer({host: '127.0.0.1', port: 0, name: 'test'})
  const events: string[] = []
  server.registerProcessor(ECHO, (req, conn) => {
    conn.onClose(() => events.push('conn'))
    return createResponse(req, 0)
  })
  server.onConnectionClosed(() => events.push('server'))
  await server.listen()
  t.teardown(() => server.close())
  const client = new RemotingClient()
  await client.invoke(`127.0.0.1:${server.port}`, createRequest(ECHO), 3000)
  await client.close()
  await waitUntil(() => events.length === 2, 'close events')
  t.deepEqual(events, ['conn', 'server'])
  t.is(server.connectionCount, 0)
})

test('listen on a taken port rejects with PortInUseError naming the port and its purpose', async (t) => {
  const {server} = await startServer(t)
  const second = new RemotingServer({host: '127.0.0.1', port: server.port, name: 'broker-a listenPort'})
  const err = await t.throwsAsync(second.listen(), {instanceOf: PortInUseError})
  t.is(err!.port, server.port)
  t.regex(err!.message, new RegExp(`port ${server.port} \\(broker-a listenPort\\) is already in use`))
})

test('close() closes live connections and the listener', async (t) => {
  const {server, addr} = await startServer(t)
  const peer = await rawConnect(server.port)
  await server.close()
  await peer.closed
  const probe = net.connect({host: '127.0.0.1', port: Number(addr.split(':')[1])})
  const [err] = (await once(probe, 'error')) as [NodeJS.ErrnoException]
  t.is(err.code, 'ECONNREFUSED')
})
