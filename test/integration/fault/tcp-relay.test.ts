import {createHash, randomBytes} from 'node:crypto'
import net from 'node:net'
import test from 'ava'
import {releaseTime, NO_FAULT} from '../../../src/fault/link-fault.js'
import {TcpRelay} from '../../../src/fault/tcp-relay.js'
import {ManualTimers} from '../../helpers/manual-timers.js'
import {waitUntil} from '../../helpers/wait-until.js'

type T = {teardown(fn: () => unknown): void}

/** An upstream on a real loopback socket that echoes and counts what it received. */
async function echoServer(t: T) {
  const state = {received: 0, accepted: 0}
  const sockets = new Set<net.Socket>()
  const server = net.createServer((s) => {
    state.accepted++
    sockets.add(s)
    s.on('data', (b) => {
      state.received += b.length
      s.write(b)
    })
    s.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => {
    for (const s of sockets) s.destroy()
    server.close()
  })
  return {state, port: (server.address() as net.AddressInfo).port}
}

async function relayTo(t: T, port: number, timers?: ManualTimers) {
  const relay = new TcpRelay({name: 'r', upstreamHost: '127.0.0.1', upstreamPort: port, timers, random: () => 0.5})
  await relay.start()
  t.teardown(() => relay.close())
  return relay
}

async function client(t: T, port: number) {
  const s = net.connect({host: '127.0.0.1', port})
  const got: Buffer[] = []
  const state = {bytes: 0, error: undefined as NodeJS.ErrnoException | undefined}
  s.on('data', (b) => {
    got.push(b)
    state.bytes += b.length
  })
  s.on('error', (e) => (state.error = e))
  await new Promise((resolve) => s.once('connect', resolve))
  t.teardown(() => s.destroy())
  return {s, state, all: () => Buffer.concat(got)}
}

test('a healthy relay copies bytes both ways unchanged (1 MiB round trip)', async (t) => {
  const echo = await echoServer(t)
  const relay = await relayTo(t, echo.port)
  const c = await client(t, relay.port)
  const data = randomBytes(1024 * 1024)
  c.s.write(data)
  await waitUntil(() => c.state.bytes === data.length, 'the echo', {timeoutMs: 20_000})
  t.is(createHash('sha256').update(c.all()).digest('hex'), createHash('sha256').update(data).digest('hex'))
  t.is(relay.stats().bytesUp, data.length)
  t.is(relay.stats().bytesDown, data.length)
})

test('partition both ways stalls the bytes, never drops them: after heal every frame arrives intact and in order', async (t) => {
  const echo = await echoServer(t)
  const relay = await relayTo(t, echo.port)
  const c = await client(t, relay.port)
  await waitUntil(() => echo.state.accepted === 1, 'upstream connection')
  relay.setFault({up: {stalled: true}, down: {stalled: true}})
  const frames = Array.from({length: 200}, (_, i) => Buffer.from(`frame-${i};`))
  for (const f of frames) c.s.write(f)
  await waitUntil(() => relay.stats().heldUp > 0, 'bytes held at the relay')
  t.is(echo.state.received, 0, 'nothing crossed the partition')
  t.is(c.state.bytes, 0)
  relay.heal()
  const expected = Buffer.concat(frames)
  await waitUntil(() => c.state.bytes === expected.length, 'everything after heal')
  t.deepEqual(c.all(), expected)
  t.is(relay.stats().connections, 1, 'the connection survived the partition')
})

test('one-way partition: the listener still receives, its answers are held until heal', async (t) => {
  const echo = await echoServer(t)
  const relay = await relayTo(t, echo.port)
  const c = await client(t, relay.port)
  relay.setFault({down: {stalled: true}})
  c.s.write('ping')
  await waitUntil(() => echo.state.received === 4, 'the upstream to receive')
  await waitUntil(() => relay.stats().heldDown === 4, 'the answer held')
  t.is(c.state.bytes, 0)
  relay.heal()
  await waitUntil(() => c.state.bytes === 4, 'the answer after heal')
  t.is(c.all().toString(), 'ping')
})

test('a connection made during a partition is not dialled upstream until the partition heals', async (t) => {
  const echo = await echoServer(t)
  const relay = await relayTo(t, echo.port)
  relay.setFault({up: {stalled: true}, down: {stalled: true}})
  const c = await client(t, relay.port)
  c.s.write('early')
  await waitUntil(() => relay.stats().accepted === 1, 'the relay to accept')
  t.is(echo.state.accepted, 0)
  relay.heal()
  await waitUntil(() => c.state.bytes === 5, 'the early bytes echoed after heal')
  t.is(echo.state.accepted, 1)
  t.is(c.all().toString(), 'early')
})

test('delay holds each chunk for its latency (driven by a manual clock)', async (t) => {
  const timers = new ManualTimers()
  const echo = await echoServer(t)
  const relay = await relayTo(t, echo.port, timers)
  const c = await client(t, relay.port)
  relay.setFault({up: {delayMs: 200}})
  c.s.write('slow')
  await waitUntil(() => relay.stats().heldUp === 4, 'the chunk held')
  timers.advance(199)
  t.is(relay.stats().heldUp, 4, 'still held 1 ms before its time')
  t.is(echo.state.received, 0)
  timers.advance(1)
  await waitUntil(() => c.state.bytes === 4, 'the echo after the delay')
  t.is(relay.stats().heldUp, 0)
})

test('connection reset: the dialler sees ECONNRESET at once', async (t) => {
  const echo = await echoServer(t)
  const relay = await relayTo(t, echo.port)
  const c = await client(t, relay.port)
  await waitUntil(() => echo.state.accepted === 1, 'upstream connection')
  t.is(relay.reset(), 1)
  await waitUntil(() => c.state.error !== undefined || c.s.destroyed, 'the reset to reach the client')
  if (c.state.error !== undefined) t.is(c.state.error.code, 'ECONNRESET')
  t.is(relay.stats().connections, 0)
})

test('releaseTime: latency plus jitter, never before the chunk ahead, bandwidth spaces chunks by size', (t) => {
  const f = {...NO_FAULT, delayMs: 100, jitterMs: 50}
  t.is(releaseTime(f, 1000, 10, {release: 0}, 0.5), 1125)
  t.is(releaseTime(f, 1000, 10, {release: 2000}, 0), 2000, 'order kept: jitter never reorders')
  const bw = {...NO_FAULT, bandwidthKiBps: 1}
  t.is(releaseTime(bw, 0, 1024, {release: 0}, 0), 1000, '1 KiB at 1 KiB/s takes a second')
  t.is(releaseTime(bw, 0, 512, {release: 1000}, 0), 1500, 'queued behind the previous chunk')
})

test('memory stays bounded: a stalled direction holds at most maxQueuedBytes (plus one chunk), the rest waits in the kernel, and all of it arrives on heal', async (t) => {
  const echo = await echoServer(t)
  const relay = new TcpRelay({name: 'small', upstreamHost: '127.0.0.1', upstreamPort: echo.port, maxQueuedBytes: 64 * 1024})
  await relay.start()
  t.teardown(() => relay.close())
  const c = await client(t, relay.port)
  await waitUntil(() => echo.state.accepted === 1, 'upstream connection')
  relay.setFault({up: {stalled: true}})
  const data = randomBytes(4 * 1024 * 1024)
  c.s.write(data)
  await waitUntil(() => relay.stats().heldUp > 64 * 1024, 'the relay queue to fill')
  let peak = 0
  for (let i = 0; i < 20; i++) {
    peak = Math.max(peak, relay.stats().heldUp)
    await new Promise((resolve) => setImmediate(resolve))
  }
  t.true(peak <= 64 * 1024 + 256 * 1024, `held ${peak} bytes`)
  t.is(echo.state.received, 0)
  relay.heal()
  await waitUntil(() => c.state.bytes === data.length, 'everything echoed after heal', {timeoutMs: 30_000})
  t.is(createHash('sha256').update(c.all()).digest('hex'), createHash('sha256').update(data).digest('hex'))
})
