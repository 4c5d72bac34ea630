import {FRAME_MAX_LENGTH} from './frame-decoder.js'
import {encodeJsonHeader} from './json-header-codec.js'
import type {RemotingCommand} from './remoting-command.js'
import {FrameError} from './remoting-errors.js'
import {binaryHeaderLength, writeBinaryHeader} from './rocketmq-header-codec.js'

/**
 * Encodes a command as one whole frame, length field included, in a single allocation so a response
 * goes out in one socket write:
 *   [length = 4 + headerLength + bodyLength][serializeType << 24 | headerLength][header][body]
 * (RemotingCommand.encode; docs/rocketmq-facts.md §1.1). Throws FrameError if the frame would exceed the 16 MiB
 * limit the peer's decoder enforces.
 */
export function encodeFrame(cmd: RemotingCommand, maxFrameLength = FRAME_MAX_LENGTH): Buffer {
  const body = cmd.body
  const bodyLength = body === undefined ? 0 : body.length
  if (cmd.serializeType === 1) {
    const headerLength = binaryHeaderLength(cmd)
    const out = allocate(headerLength, bodyLength, 1, maxFrameLength)
    writeBinaryHeader(cmd, out, 8)
    if (body !== undefined) body.copy(out, 8 + headerLength)
    return out
  }
  const json = encodeJsonHeader(cmd)
  const headerLength = Buffer.byteLength(json)
  const out = allocate(headerLength, bodyLength, 0, maxFrameLength)
  out.write(json, 8, headerLength, 'utf8')
  if (body !== undefined) body.copy(out, 8 + headerLength)
  return out
}

function allocate(headerLength: number, bodyLength: number, serializeType: number, maxFrameLength: number): Buffer {
  const total = 8 + headerLength + bodyLength
  if (total > maxFrameLength) throw new FrameError(`frame of ${total} bytes exceeds the limit of ${maxFrameLength}`)
  const out = Buffer.allocUnsafe(total)
  out.writeInt32BE(total - 4, 0)
  // Header length lives in the low 24 bits; the frame limit keeps it below 2^24.
  out.writeInt32BE((serializeType << 24) | headerLength, 4)
  return out
}
