/**
 * RemotingCommand: one request or response on RocketMQ's remoting protocol.
 *
 * Frame: [total length:4][serialize type:1 | header length:3][header][body], big-endian. The header is
 * JSON (serialize type 0) or RocketMQ's binary layout (type 1); see frame-decoder.ts, frame-encoder.ts and the header codecs.
 * `extFields` always holds strings here: peers may send numbers or booleans (ali-ons does), and the
 * decoder turns them into strings, as Java's HashMap<String,String> does.
 */
export interface RemotingCommand {
  code: number
  /** LanguageCode name, e.g. "JAVA". */
  language: string
  /** Sender's MQVersion ordinal (409 = V4_9_8, 121 = V3_4_9 as ali-ons sends). */
  version: number
  opaque: number
  /** Bit 0: response; bit 1: oneway. */
  flag: number
  remark?: string
  extFields?: Record<string, string>
  body?: Buffer
  /** 0 = JSON, 1 = ROCKETMQ binary. Responses mirror their request's type. */
  serializeType: SerializeType
}

/** 0 = JSON, 1 = ROCKETMQ binary header. */
export type SerializeType = 0 | 1

export const RESPONSE_FLAG = 1
export const ONEWAY_FLAG = 2

/** The version mqlab's processes announce: V4_9_8, so Java clients treat them as a 4.9.8 peer. */
export const MQLAB_VERSION = 409

let nextOpaque = 0

/** Whether the command is a response (flag bit 0). */
export function isResponse(cmd: RemotingCommand): boolean {
  return (cmd.flag & RESPONSE_FLAG) !== 0
}

/** Whether the sender expects no response (flag bit 1). */
export function isOneway(cmd: RemotingCommand): boolean {
  return (cmd.flag & ONEWAY_FLAG) !== 0
}

/** Builds a request with a fresh opaque; header values are converted to strings, undefined ones dropped. */
export function createRequest(
  code: number,
  extFields?: Record<string, string | number | boolean | undefined>,
  body?: Buffer,
  options: {oneway?: boolean; serializeType?: SerializeType} = {},
): RemotingCommand {
  nextOpaque = (nextOpaque + 1) & 0x7fffffff
  return {
    code,
    language: 'JAVA',
    version: MQLAB_VERSION,
    opaque: nextOpaque,
    flag: options.oneway ? ONEWAY_FLAG : 0,
    extFields: extFields === undefined ? undefined : stringifyFields(extFields),
    body,
    serializeType: options.serializeType ?? 0,
  }
}

/** Builds the response to `request`: same opaque and serialize type, response flag set. */
export function createResponse(
  request: Pick<RemotingCommand, 'opaque' | 'serializeType'>,
  code: number,
  remark?: string,
  extFields?: Record<string, string | number | boolean | undefined>,
  body?: Buffer,
): RemotingCommand {
  return {
    code,
    language: 'JAVA',
    version: MQLAB_VERSION,
    opaque: request.opaque,
    flag: RESPONSE_FLAG,
    remark,
    extFields: extFields === undefined ? undefined : stringifyFields(extFields),
    body,
    serializeType: request.serializeType,
  }
}

function stringifyFields(fields: Record<string, string | number | boolean | undefined>): Record<string, string> {
  // Hot path (every request and response): for-in without the entries array, strings kept as they are.
  const out: Record<string, string> = {}
  for (const key in fields) {
    const value = fields[key]
    if (value !== undefined) out[key] = typeof value === 'string' ? value : String(value)
  }
  return out
}
