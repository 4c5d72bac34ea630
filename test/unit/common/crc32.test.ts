import test from 'ava'
import {crc32} from '../../../runtime/common/crc32.js'

test('crc32 is CRC-32 with the sign bit cleared, as UtilAll.crc32', (t) => {
  // CRC-32 check value of "123456789" is 0xCBF43926; RocketMQ masks it to a non-negative int32.
  t.is(crc32(Buffer.from('123456789')), 0xcbf43926 & 0x7fffffff)
  t.is(crc32(Buffer.alloc(0)), 0)
})
