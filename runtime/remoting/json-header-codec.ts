import type {RemotingCommand} from './remoting-command.js'
import {FrameError} from './remoting-errors.js'

/**
 * The JSON header (serialize type 0), as RocketMQ's RemotingSerializable writes the RemotingCommand bean
 * with fastjson: keys in alphabetical order, `remark`/`extFields` omitted when null, plus the bean
 * property `serializeTypeCurrentRPC` that receivers ignore. extFields values are strings.
 */

/** The header part of a command (everything but body and serialize type). */
export type CommandHeader = Pick<RemotingCommand, 'code' | 'language' | 'version' | 'opaque' | 'flag' | 'remark' | 'extFields'>

/** Serializes a header as JSON text (UTF-8 is applied by the caller). */
export function encodeJsonHeader(cmd: CommandHeader): string {
  // Property order = fastjson's sorted order, so our bytes look like a Java peer's.
  return JSON.stringify({
    code: cmd.code,
    extFields: cmd.extFields,
    flag: cmd.flag,
    language: cmd.language,
    opaque: cmd.opaque,
    remark: cmd.remark,
    serializeTypeCurrentRPC: 'JSON',
    version: cmd.version,
  })
}

/**
 * Parses a JSON header. Numbers and booleans in extFields become strings (Java reads extFields as
 * HashMap<String,String>; ali-ons sends numbers and booleans). Throws FrameError if the bytes are not a
 * JSON object with integer `code` and `opaque`.
 */
export function decodeJsonHeader(bytes: Buffer): CommandHeader {
  let parsed: unknown
  try {
    parsed = JSON.parse(bytes.toString('utf8'))
  } catch (err) {
    throw new FrameError(`undecodable JSON header: ${(err as Error).message}`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new FrameError('JSON header is not an object')
  }
  const h = parsed as Record<string, unknown>
  const header: CommandHeader = {
    code: int(h, 'code', undefined),
    language: typeof h.language === 'string' ? h.language : 'JAVA',
    version: int(h, 'version', 0),
    opaque: int(h, 'opaque', undefined),
    flag: int(h, 'flag', 0),
  }
  if (typeof h.remark === 'string') header.remark = h.remark
  else if (h.remark !== undefined && h.remark !== null) header.remark = String(h.remark)
  if (h.extFields !== undefined && h.extFields !== null) header.extFields = extFields(h.extFields)
  return header
}

function int(h: Record<string, unknown>, key: string, fallback: number | undefined): number {
  const value = h[key]
  if ((value === undefined || value === null) && fallback !== undefined) return fallback
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value)
  throw new FrameError(`JSON header field "${key}" is not an integer: ${JSON.stringify(value) ?? 'missing'}`)
}

function extFields(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || Array.isArray(value)) throw new FrameError('JSON header extFields is not an object')
  const fields = value as Record<string, unknown>
  // Hot path: Java peers send only strings, so the parsed object is used as it is.
  let allStrings = true
  for (const key in fields) {
    if (typeof fields[key] !== 'string') {
      allStrings = false
      break
    }
  }
  if (allStrings) return fields as Record<string, string>
  const out: Record<string, string> = {}
  for (const [key, v] of Object.entries(fields)) {
    if (v === null || v === undefined) continue
    out[key] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)
  }
  return out
}
