import test from 'ava'
import {FRAME_MAX_LENGTH, FrameDecoder} from '../../../runtime/remoting/frame-decoder.js'
import {encodeFrame} from '../../../runtime/remoting/frame-encoder.js'
import {createRequest, type RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {decodeCommand} from '../../../runtime/remoting/remoting-command-decoder.js'
import {FrameError} from '../../../runtime/remoting/remoting-errors.js'

/** createRequest/createResponse leave explicit undefined keys; decoded commands have none. */
function defined(cmd: RemotingCommand): RemotingCommand {
  return Object.fromEntries(Object.entries(cmd).filter(([, v]) => v !== undefined)) as unknown as RemotingCommand
}

function sample(n: number): RemotingCommand[] {
  const out: RemotingCommand[] = []
  for (let i = 0; i < n; i++) {
    const body = i % 3 === 0 ? undefined : Buffer.alloc(i * 37, i & 0xff)
    out.push(defined(createRequest(10 + i, {topic: `T${i}`, queueId: i, flag: i % 2 === 0}, body, {serializeType: (i % 2) as 0 | 1})))
  }
  return out
}

function decodeAll(decoder: FrameDecoder, chunks: Buffer[]): RemotingCommand[] {
  const out: RemotingCommand[] = []
  for (const c of chunks) for (const f of decoder.feed(c)) out.push(decodeCommand(f))
  return out
}

// Deterministic PRNG so a failure is reproducible.
function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

test('frames fed one byte at a time come out whole and equal', (t) => {
  const cmds = sample(12)
  const stream = Buffer.concat(cmds.map((c) => encodeFrame(c)))
  const chunks = [...stream].map((b) => Buffer.from([b]))
  const decoder = new FrameDecoder()
  t.deepEqual(decodeAll(decoder, chunks), cmds)
  t.is(decoder.pendingBytes, 0)
})

test('many frames in one chunk', (t) => {
  const cmds = sample(50)
  const decoder = new FrameDecoder()
  t.deepEqual(decodeAll(decoder, [Buffer.concat(cmds.map((c) => encodeFrame(c)))]), cmds)
})

test('random splits, 200 rounds', (t) => {
  const cmds = sample(20)
  const stream = Buffer.concat(cmds.map((c) => encodeFrame(c)))
  const random = prng(42)
  for (let round = 0; round < 200; round++) {
    const chunks: Buffer[] = []
    let pos = 0
    while (pos < stream.length) {
      const size = 1 + Math.floor(random() * (random() < 0.5 ? 8 : 900))
      chunks.push(stream.subarray(pos, pos + size))
      pos += size
    }
    const decoder = new FrameDecoder()
    t.deepEqual(decodeAll(decoder, chunks), cmds, `round ${round}`)
  }
})

test('a frame within one chunk is a view, not a copy', (t) => {
  const frame = encodeFrame(createRequest(10, {a: '1'}, Buffer.from('body')))
  const [out] = new FrameDecoder().feed(frame)
  t.is(out!.buffer, frame.buffer)
})

test('empty chunks and a partial length word are fine', (t) => {
  const decoder = new FrameDecoder()
  const frame = encodeFrame(createRequest(105, {topic: 'T'}))
  t.deepEqual(decoder.feed(Buffer.alloc(0)), [])
  t.deepEqual(decoder.feed(frame.subarray(0, 2)), [])
  t.is(decoder.feed(frame.subarray(2)).length, 1)
})

test('a length over the 16 MiB limit is rejected from the 4 length bytes alone', (t) => {
  const decoder = new FrameDecoder()
  const head = Buffer.alloc(4)
  head.writeInt32BE(FRAME_MAX_LENGTH - 3) // + 4 length bytes = limit + 1
  t.deepEqual(decoder.feed(head), [])
  t.true(decoder.error instanceof FrameError)
  t.regex(decoder.error!.message, /exceeds the limit/)
  t.throws(() => decoder.feed(head), {instanceOf: FrameError}, 'a failed decoder refuses more bytes')
  // Exactly at the limit is accepted (waits for more bytes).
  const ok = Buffer.alloc(4)
  ok.writeInt32BE(FRAME_MAX_LENGTH - 4)
  t.deepEqual(new FrameDecoder().feed(ok), [])
})

test('negative and too-small lengths are corrupt', (t) => {
  for (const length of [-1, 0, 3, -0x80000000]) {
    const head = Buffer.alloc(8)
    head.writeInt32BE(length)
    const decoder = new FrameDecoder()
    decoder.feed(head)
    t.true(decoder.error instanceof FrameError, `length ${length}`)
  }
})

test('garbage (ASCII text) is seen as a huge length and rejected', (t) => {
  const decoder = new FrameDecoder()
  t.deepEqual(decoder.feed(Buffer.from('GET / HTTP/1.1\r\n\r\n')), [])
  t.true(decoder.error instanceof FrameError)
})

test('a small limit can be configured', (t) => {
  const frame = encodeFrame(createRequest(10, {}, Buffer.alloc(100)))
  const decoder = new FrameDecoder(64)
  decoder.feed(frame)
  t.true(decoder.error instanceof FrameError)
})

test('frames before a corrupt point are still returned, split or not', (t) => {
  const good = encodeFrame(createRequest(10, {a: '1'}))
  const stream = Buffer.concat([good, good, Buffer.from('garbage!')])
  const whole = new FrameDecoder()
  t.is(whole.feed(stream).length, 2)
  t.true(whole.error instanceof FrameError)
  const split = new FrameDecoder()
  t.is(split.feed(stream.subarray(0, good.length + 3)).length, 1)
  t.is(split.feed(stream.subarray(good.length + 3)).length, 1)
  t.true(split.error instanceof FrameError)
})
