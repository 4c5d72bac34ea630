import test from 'ava'
import {readInt64BE, writeInt64BE} from '../../../runtime/message/int64.js'

test('int64 round trips match BigInt encoding, negatives included', (t) => {
  for (const v of [0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 1_795_274_149_035, -2147483648, 2 ** 53 - 1, -(2 ** 53 - 1)]) {
    const ours = Buffer.alloc(8)
    t.is(writeInt64BE(ours, v, 0), 8)
    const ref = Buffer.alloc(8)
    ref.writeBigInt64BE(BigInt(v))
    t.true(ours.equals(ref), `encoding of ${v}`)
    t.is(readInt64BE(ref, 0), v)
  }
})
