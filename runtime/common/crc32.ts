import {crc32 as zlibCrc32} from 'node:zlib'

/**
 * RocketMQ's body CRC (UtilAll.crc32): CRC-32 of the bytes with the sign bit cleared, so it fits the
 * signed int32 BODYCRC field of a stored record and the bodyCrc32 header of REGISTER_BROKER.
 */
export function crc32(bytes: Uint8Array): number {
  return zlibCrc32(bytes) & 0x7fffffff
}
