/**
 * JSON as fastjson 1.2.69 writes a Java bean with JSON.toJSONBytes (DLedger's RPC bodies): keys are the
 * bean's getter names in alphabetical order (SortField), null values are left out, enums are their name,
 * longs are plain numbers and byte[] is standard base64 with padding. Parsing is lenient in the same ways
 * fastjson is: unknown keys are ignored and numbers may arrive as strings.
 */

/** A value the writer accepts. */
export type FastjsonValue = string | number | boolean | null | undefined | Uint8Array | FastjsonValue[] | {[key: string]: FastjsonValue}

/** Serializes `value` with fastjson's conventions (UTF-8 bytes). */
export function toFastjsonBytes(value: FastjsonValue): Buffer {
  return Buffer.from(toFastjson(value), 'utf8')
}

/** Serializes `value` with fastjson's conventions. */
export function toFastjson(value: FastjsonValue): string {
  if (value === null || value === undefined) return 'null'
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'))
  if (Array.isArray(value)) return `[${value.map(toFastjson).join(',')}]`
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`fastjson: ${value} is not a number`)
    return String(value)
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== null && value[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${toFastjson(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** A parsed body that could not be read as the expected message. */
export class DLedgerBodyError extends Error {}

/** Parses a body into an object (throws DLedgerBodyError on anything else). */
export function parseBody(body: Uint8Array | undefined): Record<string, unknown> {
  if (!body || body.length === 0) throw new DLedgerBodyError('empty body')
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))
  } catch (error) {
    throw new DLedgerBodyError(`body is not JSON: ${(error as Error).message}`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DLedgerBodyError('body is not a JSON object')
  return parsed as Record<string, unknown>
}

/** A long field: a number or a numeric string; `fallback` when absent or null. */
export function longField(o: Record<string, unknown>, key: string, fallback: number): number {
  const v = o[key]
  if (v === undefined || v === null) return fallback
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new DLedgerBodyError(`${key} is not an integer: ${JSON.stringify(v)}`)
  return n
}

/** An optional long field (fastjson's Long): undefined when absent or null. */
export function optionalLongField(o: Record<string, unknown>, key: string): number | undefined {
  return o[key] === undefined || o[key] === null ? undefined : longField(o, key, 0)
}

/** A string field; undefined when absent or null. */
export function stringField(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key]
  if (v === undefined || v === null) return undefined
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  throw new DLedgerBodyError(`${key} is not a string`)
}

/** A byte[] field (base64); empty when absent. */
export function bytesField(o: Record<string, unknown>, key: string): Buffer {
  const v = o[key]
  if (v === undefined || v === null) return Buffer.alloc(0)
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) throw new DLedgerBodyError(`${key} is not base64`)
  return Buffer.from(v, 'base64')
}
