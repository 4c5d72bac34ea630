import test from 'ava'
import {FrameSplitter, probeFrame} from '../../../src/bench/loopback-probe.js'

const frames = [probeFrame(8), probeFrame(100), probeFrame(1371)]
const stream = Buffer.concat(frames)

test('probe frames are exactly the size asked for, with the length word of a remoting frame', (t) => {
  t.is(probeFrame(1371).length, 1371)
  t.is(probeFrame(1371).readUInt32BE(0), 1367)
  t.throws(() => probeFrame(4), {instanceOf: RangeError})
})

test('the splitter yields whole frames fed one byte at a time', (t) => {
  const s = new FrameSplitter()
  const out: Buffer[] = []
  for (let i = 0; i < stream.length; i++) out.push(...s.feed(stream.subarray(i, i + 1)))
  t.deepEqual(out, frames)
})

test('the splitter yields many frames from one chunk, and keeps a partial tail for the next', (t) => {
  const s = new FrameSplitter()
  t.deepEqual(s.feed(stream.subarray(0, 120)), frames.slice(0, 2))
  t.deepEqual(s.feed(stream.subarray(120, 121)), [])
  t.deepEqual(s.feed(stream.subarray(121)), [frames[2]])
  t.deepEqual(s.feed(Buffer.concat([stream, stream])), [...frames, ...frames])
})

test('random splits of a long stream give back every frame in order', (t) => {
  const many = Array.from({length: 200}, (_, i) => probeFrame(8 + ((i * 37) % 500)))
  const all = Buffer.concat(many)
  let seed = 7
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const s = new FrameSplitter()
  const out: Buffer[] = []
  for (let pos = 0; pos < all.length;) {
    const n = 1 + Math.floor(rnd() * 700)
    out.push(...s.feed(all.subarray(pos, pos + n)))
    pos += n
  }
  t.deepEqual(out, many)
})
