import test from 'ava'
import net from 'node:net'
import {once} from 'node:events'
import {setTimeout as sleep} from 'node:timers/promises'
import {encodeFrame} from '../../../runtime/remoting/frame-encoder.js'
import {FrameDecoder} from '../../../runtime/remoting/frame-decoder.js'
import {createRequest, createResponse} from '../../../runtime/remoting/remoting-command.js'
import {RemotingClient} from '../../../runtime/remoting/remoting-client.js'
import {RemotingServer} from '../../../runtime/remoting/remoting-server.js'
import {DEFAULT_WRITE_HIGH_WATER_MARK} from '../../../runtime/remoting/write-watermark.js'

const ECHO = 951
const ANSWER_BYTES = 1024

// A peer that pipelines 60,000 requests and never reads the answers: the server must stop reading that
// connection past its write high-water mark (Netty's writability), so what it buffers stays bounded,
// while another client is still answered. When the peer finally reads, every answer arrives, in order.
test('a client that never reads its answers cannot make the server buffer without limit', async (t) => {
  const server = new RemotingServer({host: '127.0.0.1', port: 0, name: 'test'})
  const answer = Buffer.alloc(ANSWER_BYTES, 0x61)
  let served = 0
  server.registerProcessor(ECHO, (req) => {
    served++
    return {...createResponse(req, 0), body: answer}
  })
  await server.listen()
  t.teardown(() => server.close())

  const peer = net.connect({host: '127.0.0.1', port: server.port})
  await once(peer, 'connect')
  peer.pause() // never read
  t.teardown(() => peer.destroy())
  const total = 60_000
  const opaques: number[] = []
  const batch: Buffer[] = []
  for (let i = 0; i < total; i++) {
    const req = createRequest(ECHO, {i})
    opaques.push(req.opaque)
    batch.push(encodeFrame(req))
  }
  peer.write(Buffer.concat(batch))

  // Sample what the server holds while the peer's requests pile up behind the paused read.
  let maxBuffered = 0
  let lastServed = -1
  let steady = 0
  while (steady < 20) {
    maxBuffered = Math.max(maxBuffered, server.bufferedBytes)
    steady = served === lastServed ? steady + 1 : 0
    lastServed = served
    await sleep(10)
  }
  t.true(served < total, `the server stopped reading the peer (served ${served} of ${total})`)
  // Bounded by the high-water mark plus the answers to one read chunk (64 KiB of ~60-byte requests).
  const bound = DEFAULT_WRITE_HIGH_WATER_MARK + ((64 * 1024) / 40) * (ANSWER_BYTES + 64)
  t.true(maxBuffered <= bound, `server buffered at most ${maxBuffered} bytes (bound ${bound})`)

  // Another client is served meanwhile.
  const client = new RemotingClient({connectTimeoutMs: 2000})
  t.teardown(() => client.close())
  const other = await client.invoke(`127.0.0.1:${server.port}`, createRequest(ECHO), 5000)
  t.is(other.body?.length, ANSWER_BYTES)

  // Reading again drains everything: no answer was lost or reordered.
  const decoder = new FrameDecoder()
  let received = 0
  let inOrder = true
  const done = new Promise<void>((resolve) => {
    peer.on('data', (chunk: Buffer) => {
      for (const frame of decoder.feed(chunk)) {
        const opaque = readOpaque(frame)
        if (opaque !== opaques[received]) inOrder = false
        received++
        if (received === total) resolve()
      }
    })
  })
  peer.resume()
  await done
  t.is(received, total)
  t.true(inOrder, 'answers come back in request order')
})

/** The opaque of a frame with a JSON header ([type|hlen][header]...). */
function readOpaque(frame: Buffer): number {
  const headerLength = frame.readInt32BE(0) & 0xffffff
  return JSON.parse(frame.subarray(4, 4 + headerLength).toString('utf8')).opaque
}
