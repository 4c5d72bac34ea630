/**
 * SEND_BATCH_MESSAGE body (docs/rocketmq-facts.md §2.4; MessageDecoder.encodeMessage/decodeMessages): per message
 *   int32 totalSize | int32 magic (0) | int32 bodyCRC (0) | int32 flag | int32 bodyLength + body
 *   | int16 propertiesLength + properties
 * back to back. Pure; truncated input throws MessageDecodeError.
 */
import {MessageDecodeError} from './message-decode-error.js'
import {encodeMessageProperties, parseMessageProperties} from './message-properties.js'
import {MAX_PROPERTIES_LENGTH} from './stored-record-layout.js'

/** One message of a batch. */
export interface BatchMessage {
  flag: number
  body: Buffer
  properties: Record<string, string>
}

/** Splits a batch body into its messages (bodies are views into `body`). */
export function decodeBatchBody(body: Buffer): BatchMessage[] {
  const out: BatchMessage[] = []
  let pos = 0
  const need = (n: number, what: string) => {
    if (pos + n > body.length) throw new MessageDecodeError(`batch body truncated in ${what} of message ${out.length} at byte ${pos}`)
  }
  while (pos < body.length) {
    need(20, 'header')
    // Like Java, totalSize, magic and bodyCRC are read and ignored: the fields are read in sequence.
    pos += 12
    const flag = body.readInt32BE(pos)
    pos += 4
    const bodyLen = body.readInt32BE(pos)
    pos += 4
    if (bodyLen < 0) throw new MessageDecodeError(`negative body length ${bodyLen} in message ${out.length}`)
    need(bodyLen + 2, 'body')
    const msgBody = body.subarray(pos, pos + bodyLen)
    pos += bodyLen
    const propsLen = body.readInt16BE(pos)
    pos += 2
    if (propsLen < 0) throw new MessageDecodeError(`negative properties length ${propsLen} in message ${out.length}`)
    need(propsLen, 'properties')
    const properties = parseMessageProperties(body.toString('utf8', pos, pos + propsLen))
    pos += propsLen
    out.push({flag, body: msgBody, properties})
  }
  return out
}

/** Builds a batch body; throws RangeError when a message's properties exceed 32767 bytes. */
export function encodeBatchBody(msgs: BatchMessage[]): Buffer {
  const parts: Buffer[] = []
  for (const m of msgs) {
    const props = Buffer.from(encodeMessageProperties(m.properties), 'utf8')
    if (props.length > MAX_PROPERTIES_LENGTH) throw new RangeError(`properties of ${props.length} bytes exceed ${MAX_PROPERTIES_LENGTH}`)
    const size = 4 + 4 + 4 + 4 + 4 + m.body.length + 2 + props.length
    const head = Buffer.alloc(20)
    head.writeInt32BE(size, 0)
    head.writeInt32BE(0, 4)
    head.writeInt32BE(0, 8)
    head.writeInt32BE(m.flag | 0, 12)
    head.writeInt32BE(m.body.length, 16)
    const len = Buffer.alloc(2)
    len.writeInt16BE(props.length, 0)
    parts.push(head, m.body, len, props)
  }
  return Buffer.concat(parts)
}
