import test from 'ava'
import {createRequest, createResponse} from '../../../runtime/remoting/remoting-command.js'
import {RemotingClient} from '../../../runtime/remoting/remoting-client.js'
import {RemotingClosedError, RemotingConnectError, RemotingTimeoutError} from '../../../runtime/remoting/remoting-errors.js'
import {RemotingServer, type RemotingConnection} from '../../../runtime/remoting/remoting-server.js'
import {freePort} from '../../helpers/free-port.js'
import {ManualTimers} from '../../helpers/manual-timers.js'

const NEVER = 950
const ECHO = 951

async function start(t: {teardown(fn: () => unknown): void}) {
  const server = new RemotingServer({host: '127.0.0.1', port: 0, name: 'test'})
  const connections: RemotingConnection[] = []
  server.registerProcessor(NEVER, (_req, conn) => {
    connections.push(conn)
    return new Promise(() => undefined)
  })
  server.registerProcessor(ECHO, (req, conn) => {
    connections.push(conn)
    return createResponse(req, 0, String(conn.id))
  })
  await server.listen()
  t.teardown(() => server.close())
  const client = new RemotingClient({connectTimeoutMs: 1000})
  t.teardown(() => client.close())
  return {server, client, connections, addr: `127.0.0.1:${server.port}`}
}

test('one pooled connection per address', async (t) => {
  const {client, addr} = await start(t)
  const ids = await Promise.all([1, 2, 3, 4].map(async () => (await client.invoke(addr, createRequest(ECHO), 3000)).remark))
  t.deepEqual(new Set(ids).size, 1)
})

test('connection refused → RemotingConnectError', async (t) => {
  const client = new RemotingClient()
  t.teardown(() => client.close())
  const port = await freePort()
  const err = await t.throwsAsync(client.invoke(`127.0.0.1:${port}`, createRequest(ECHO), 3000), {instanceOf: RemotingConnectError})
  t.regex(err!.message, new RegExp(`127\\.0\\.0\\.1:${port}`))
})

test('a malformed address → RemotingConnectError', async (t) => {
  const client = new RemotingClient()
  t.teardown(() => client.close())
  await t.throwsAsync(client.invoke('localhost', createRequest(ECHO), 1000), {instanceOf: RemotingConnectError})
  await t.throwsAsync(client.invokeOneway('h:0', createRequest(ECHO)), {instanceOf: RemotingConnectError})
})

test('no answer in time → RemotingTimeoutError, and the connection stays usable', async (t) => {
  const {client, addr} = await start(t)
  const err = await t.throwsAsync(client.invoke(addr, createRequest(NEVER), 150), {instanceOf: RemotingTimeoutError})
  t.is(err!.requestCode, NEVER)
  t.is((await client.invoke(addr, createRequest(ECHO), 3000)).code, 0)
})

test('pending invokes reject at once with RemotingClosedError when the server closes the connection', async (t) => {
  const {addr, connections} = await start(t)
  // On a manual clock the request's timeout can never fire: the rejection can only be the close's.
  const client = new RemotingClient({connectTimeoutMs: 1000, timers: new ManualTimers()})
  t.teardown(() => client.close())
  const pending = client.invoke(addr, createRequest(NEVER), 30_000)
  while (connections.length === 0) await new Promise((r) => setImmediate(r))
  connections[0]!.close()
  await t.throwsAsync(pending, {instanceOf: RemotingClosedError})
  // The next call reconnects.
  t.is((await client.invoke(addr, createRequest(ECHO), 3000)).code, 0)
})

test('closeConnection rejects pending invokes; close() rejects later ones', async (t) => {
  const {client, addr} = await start(t)
  const pending = client.invoke(addr, createRequest(NEVER), 30_000)
  await new Promise((r) => setTimeout(r, 0))
  await client.invoke(addr, createRequest(ECHO), 3000)
  client.closeConnection(addr)
  await t.throwsAsync(pending, {instanceOf: RemotingClosedError})
  await client.close()
  await t.throwsAsync(client.invoke(addr, createRequest(ECHO), 3000), {instanceOf: RemotingClosedError})
})

test('a reused request object (same opaque) still gets each answer', async (t) => {
  const {client, addr} = await start(t)
  const req = createRequest(ECHO)
  const [a, b] = await Promise.all([client.invoke(addr, req, 3000), client.invoke(addr, req, 3000)])
  t.is(a.code, 0)
  t.is(b.code, 0)
})

test("the invoke timeout covers connecting, as in Java's invokeSync", async (t) => {
  // A zero budget is used up before any connect can complete.
  const {addr} = await start(t)
  const client = new RemotingClient({connectTimeoutMs: 1000})
  t.teardown(() => client.close())
  const err = await t.throwsAsync(client.invoke(addr, createRequest(ECHO), 0))
  t.true(err instanceof RemotingTimeoutError)
})
