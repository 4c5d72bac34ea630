import {decodeJsonHeader} from './json-header-codec.js'
import type {RemotingCommand} from './remoting-command.js'
import {FrameError} from './remoting-errors.js'
import {decodeBinaryHeader} from './rocketmq-header-codec.js'

/**
 * Decodes one frame, as FrameDecoder yields it (the bytes after the length field), into a command.
 * The serialize type is the high byte of the first word and the header length its low 24 bits
 * (RemotingCommand.decode). The body is a view of the frame, not a copy. Throws FrameError for a
 * header length beyond the frame, an unknown serialize type or an undecodable header: the stream is
 * corrupt and the connection must be closed.
 */
export function decodeCommand(frame: Buffer): RemotingCommand {
  if (frame.length < 4) throw new FrameError(`frame of ${frame.length} bytes has no header length`)
  const word = frame.readUInt32BE(0)
  const serializeType = word >>> 24
  const headerLength = word & 0xffffff
  if (headerLength > frame.length - 4) {
    throw new FrameError(`header length ${headerLength} exceeds the frame (${frame.length - 4} bytes after the length word)`)
  }
  const headerBytes = frame.subarray(4, 4 + headerLength)
  let header: Omit<RemotingCommand, 'serializeType'>
  if (serializeType === 0) header = decodeJsonHeader(headerBytes)
  else if (serializeType === 1) header = decodeBinaryHeader(headerBytes)
  else throw new FrameError(`unknown serialize type ${serializeType}`)
  // The header object is fresh from the codec: complete it in place rather than copying it.
  const cmd = header as RemotingCommand
  cmd.serializeType = serializeType
  if (frame.length > 4 + headerLength) cmd.body = frame.subarray(4 + headerLength)
  return cmd
}
