import test from 'ava'
import {
  encodeTransferHeader,
  MAX_TRANSFER_BODY,
  TransferFrameDecoder,
  TransferStreamError,
  type TransferFrame,
} from '../../../runtime/ha/transfer-frame-decoder.js'

function frame(offset: number, data: Buffer): Buffer {
  return Buffer.concat([encodeTransferHeader(offset, data.length), data])
}

const frames: Array<[number, Buffer]> = [
  [0, Buffer.from('first commitlog bytes')],
  [21, Buffer.alloc(0)],
  [21, Buffer.alloc(3000, 7)],
  [3021, Buffer.from([1])],
  [3022, Buffer.alloc(0)],
]
const stream = Buffer.concat(frames.map(([o, d]) => frame(o, d)))

function simplify(out: TransferFrame[]): Array<[number, string]> {
  return out.map((f) => [f.offset, f.data.toString('hex')])
}
const expected = frames.map(([o, d]): [number, string] => [o, d.toString('hex')])

test('whole stream in one chunk: every frame, heartbeats (size 0) included', (t) => {
  const d = new TransferFrameDecoder()
  t.deepEqual(simplify(d.feed(stream)), expected)
  t.is(d.pendingBytes, 0)
})

test('one byte at a time yields the same frames, each as soon as its last byte arrives', (t) => {
  const d = new TransferFrameDecoder()
  const out: TransferFrame[] = []
  for (let i = 0; i < stream.length; i++) {
    const got = d.feed(stream.subarray(i, i + 1))
    out.push(...got)
    if (i === 12 + 21 - 1) t.is(got.length, 1, 'the first frame completes on its last byte')
  }
  t.deepEqual(simplify(out), expected)
})

test('random splits give the same frames', (t) => {
  let seed = 42
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (let round = 0; round < 50; round++) {
    const d = new TransferFrameDecoder()
    const out: TransferFrame[] = []
    let pos = 0
    while (pos < stream.length) {
      const n = 1 + Math.floor(rnd() * 400)
      out.push(...d.feed(stream.subarray(pos, pos + n)))
      pos += n
    }
    t.deepEqual(simplify(out), expected)
  }
})

test('a body within one chunk is a view of it, not a copy', (t) => {
  const chunk = frame(100, Buffer.from('abc'))
  const [f] = new TransferFrameDecoder().feed(chunk)
  t.is(f!.data.buffer, chunk.buffer)
})

test('a negative size, an oversized body or an impossible offset is a corrupt stream, for good', (t) => {
  const negative = encodeTransferHeader(0, 0)
  negative.writeInt32BE(-1, 8)
  t.throws(() => new TransferFrameDecoder().feed(negative), {instanceOf: TransferStreamError, message: /body size -1/})
  t.throws(() => new TransferFrameDecoder().feed(encodeTransferHeader(0, MAX_TRANSFER_BODY + 1)), {message: /body size/})
  const badOffset = Buffer.from('ffffffffffffffff00000000', 'hex')
  const d = new TransferFrameDecoder()
  t.throws(() => d.feed(badOffset), {message: /offset -1/})
  t.throws(() => d.feed(frame(0, Buffer.from('x'))), {message: /corrupt/}, 'a failed decoder stays failed')
  t.throws(() => new TransferFrameDecoder().feed(Buffer.from('HTTP/1.1 400 Bad Request\r\n')), {instanceOf: TransferStreamError})
})

test('the header is big-endian offset then size', (t) => {
  t.is(encodeTransferHeader(0x0102030405, 0x0a0b).toString('hex'), '0000000102030405' + '00000a0b')
})
