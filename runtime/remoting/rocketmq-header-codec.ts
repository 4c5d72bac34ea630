import type {CommandHeader} from './json-header-codec.js'
import {languageFromCode, languageToCode} from './language-code.js'
import {FrameError} from './remoting-errors.js'

/**
 * The ROCKETMQ binary header (serialize type 1), RocketMQSerializable's layout, big-endian:
 *   code int16 | language byte (LanguageCode number) | version int16 | opaque int32 | flag int32 |
 *   remark: int32 length + UTF-8 (0 = none) | extFields: int32 total length + entries of
 *   (int16 key length, key, int32 value length, value), UTF-8 (0 = none).
 * Only RocketMQ's benchmark tools send it; servers answer in the request's type (4.9.4+).
 */

const FIXED = 2 + 1 + 2 + 4 + 4 + 4 + 4

/** Byte length of the binary header for `cmd`, so the frame encoder can allocate once. */
export function binaryHeaderLength(cmd: CommandHeader): number {
  let n = FIXED
  if (cmd.remark) n += Buffer.byteLength(cmd.remark)
  if (cmd.extFields) {
    for (const key of Object.keys(cmd.extFields)) {
      n += 2 + Buffer.byteLength(key) + 4 + Buffer.byteLength(cmd.extFields[key]!)
    }
  }
  return n
}

/** Writes the binary header at `offset` of `out` (sized with binaryHeaderLength); returns the end offset. */
export function writeBinaryHeader(cmd: CommandHeader, out: Buffer, offset: number): number {
  let p = offset
  p = out.writeInt16BE((cmd.code << 16) >> 16, p)
  p = out.writeUInt8(languageToCode(cmd.language), p)
  p = out.writeInt16BE((cmd.version << 16) >> 16, p)
  p = out.writeInt32BE(cmd.opaque | 0, p)
  p = out.writeInt32BE(cmd.flag | 0, p)
  if (cmd.remark) {
    const len = out.write(cmd.remark, p + 4, 'utf8')
    out.writeInt32BE(len, p)
    p += 4 + len
  } else {
    p = out.writeInt32BE(0, p)
  }
  const lengthAt = p
  p += 4
  if (cmd.extFields) {
    for (const key of Object.keys(cmd.extFields)) {
      const klen = out.write(key, p + 2, 'utf8')
      out.writeInt16BE(klen, p)
      p += 2 + klen
      const vlen = out.write(cmd.extFields[key]!, p + 4, 'utf8')
      out.writeInt32BE(vlen, p)
      p += 4 + vlen
    }
  }
  out.writeInt32BE(p - lengthAt - 4, lengthAt)
  return p
}

/** Parses a binary header; throws FrameError when a length points outside the header. */
export function decodeBinaryHeader(bytes: Buffer): CommandHeader {
  if (bytes.length < FIXED) throw new FrameError(`binary header of ${bytes.length} bytes is truncated`)
  let p = 0
  const code = bytes.readInt16BE(p)
  p += 2
  const languageNumber = bytes.readUInt8(p)
  p += 1
  const version = bytes.readInt16BE(p)
  p += 2
  const opaque = bytes.readInt32BE(p)
  p += 4
  const flag = bytes.readInt32BE(p)
  p += 4
  const header: CommandHeader = {code, language: languageFromCode(languageNumber) ?? 'OTHER', version, opaque, flag}
  const remarkLength = bytes.readInt32BE(p)
  p += 4
  if (remarkLength < 0 || remarkLength > bytes.length - p - 4) throw new FrameError(`binary header remark length ${remarkLength} is out of bounds`)
  if (remarkLength > 0) {
    header.remark = bytes.toString('utf8', p, p + remarkLength)
    p += remarkLength
  }
  const extLength = bytes.readInt32BE(p)
  p += 4
  if (extLength < 0 || extLength > bytes.length - p) throw new FrameError(`binary header extFields length ${extLength} is out of bounds`)
  if (extLength > 0) {
    const end = p + extLength
    const ext: Record<string, string> = {}
    while (p < end) {
      if (end - p < 2) throw new FrameError('binary header extFields entry is truncated')
      const klen = bytes.readInt16BE(p)
      p += 2
      if (klen < 0 || end - p < klen + 4) throw new FrameError('binary header extFields key is truncated')
      const key = bytes.toString('utf8', p, p + klen)
      p += klen
      const vlen = bytes.readInt32BE(p)
      p += 4
      if (vlen < 0 || end - p < vlen) throw new FrameError('binary header extFields value is truncated')
      ext[key] = bytes.toString('utf8', p, p + vlen)
      p += vlen
    }
    header.extFields = ext
  }
  return header
}
