/**
 * Typed readers for a command's extFields (RocketMQ's "custom header").
 *
 * Java keeps extFields as HashMap<String,String> and parses numeric fields with Integer.parseInt /
 * Long.parseLong, booleans with Boolean.parseBoolean; a missing @CFNotNull field makes
 * RemotingCommand.decodeCommandCustomHeader throw. ali-ons sends JSON numbers and booleans instead of
 * strings (docs/rocketmq-facts.md §0.1 item 2), so every reader accepts a string, a number or a boolean.
 * A missing or malformed field throws HeaderFieldError; the server answers it with SYSTEM_ERROR and the
 * message as remark, as a Java server answers a RemotingCommandException.
 */

/** extFields as they arrive: normally strings, but numbers and booleans are accepted too. */
export type ExtFields = Readonly<Record<string, unknown>> | undefined

/** A required header field is missing, or a field's value cannot be parsed as its type. */
export class HeaderFieldError extends Error {
  constructor(
    /** The extFields key, e.g. "topic". */
    readonly field: string,
    /** Why it was rejected: "missing" or a short description of the bad value. */
    readonly reason: string,
  ) {
    super(reason === 'missing' ? `header field "${field}" is missing` : `header field "${field}" ${reason}`)
    this.name = 'HeaderFieldError'
  }
}

const INT_MIN = -0x80000000
const INT_MAX = 0x7fffffff
// Java's parseInt/parseLong accept an optional sign and decimal digits, nothing else (no spaces, no "1e3").
const DECIMAL = /^[+-]?\d+$/

function raw(ext: ExtFields, field: string): unknown {
  if (ext === undefined) return undefined
  const value = ext[field]
  return value === null ? undefined : value
}

function text(field: string, value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new HeaderFieldError(field, `has unsupported type ${typeof value}`)
}

function integer(field: string, value: unknown, min: number, max: number, kind: string): number {
  let n: number
  if (typeof value === 'number') {
    n = value
  } else {
    const s = text(field, value)
    if (!DECIMAL.test(s)) throw new HeaderFieldError(field, `is not ${kind}: ${JSON.stringify(s)}`)
    n = Number(s)
  }
  if (!Number.isInteger(n)) throw new HeaderFieldError(field, `is not ${kind}: ${String(value)}`)
  if (n < min || n > max) throw new HeaderFieldError(field, `is out of range for ${kind}: ${String(value)}`)
  return n === 0 ? 0 : n // normalise -0
}

function bool(field: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value
  // Boolean.parseBoolean: "true" in any case is true, anything else false.
  return text(field, value).toLowerCase() === 'true'
}

/** A required string field; numbers and booleans are turned into their string form. */
export function requiredString(ext: ExtFields, field: string): string {
  const value = raw(ext, field)
  if (value === undefined) throw new HeaderFieldError(field, 'missing')
  return text(field, value)
}

/** An optional string field. */
export function optionalString(ext: ExtFields, field: string): string | undefined {
  const value = raw(ext, field)
  return value === undefined ? undefined : text(field, value)
}

/** A required Java int (32-bit signed). */
export function requiredInt(ext: ExtFields, field: string): number {
  const value = raw(ext, field)
  if (value === undefined) throw new HeaderFieldError(field, 'missing')
  return integer(field, value, INT_MIN, INT_MAX, 'an int')
}

/** An optional Java int. */
export function optionalInt(ext: ExtFields, field: string): number | undefined {
  const value = raw(ext, field)
  return value === undefined ? undefined : integer(field, value, INT_MIN, INT_MAX, 'an int')
}

/**
 * A required Java long, as a JS number. Offsets and timestamps stay far below 2^53; a value beyond the
 * safe-integer range is rejected rather than silently rounded.
 */
export function requiredLong(ext: ExtFields, field: string): number {
  const value = raw(ext, field)
  if (value === undefined) throw new HeaderFieldError(field, 'missing')
  return integer(field, value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'a long')
}

/** An optional Java long. */
export function optionalLong(ext: ExtFields, field: string): number | undefined {
  const value = raw(ext, field)
  return value === undefined ? undefined : integer(field, value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'a long')
}

/** A required boolean, parsed as Java's Boolean.parseBoolean ("true" in any case; anything else is false). */
export function requiredBool(ext: ExtFields, field: string): boolean {
  const value = raw(ext, field)
  if (value === undefined) throw new HeaderFieldError(field, 'missing')
  return bool(field, value)
}

/** An optional boolean. */
export function optionalBool(ext: ExtFields, field: string): boolean | undefined {
  const value = raw(ext, field)
  return value === undefined ? undefined : bool(field, value)
}

/**
 * Builds extFields for encoding a header: values become strings (Java sends toString()), undefined ones
 * are dropped, so encoders can list optional fields unconditionally.
 */
export function toExtFields(fields: Record<string, string | number | boolean | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key in fields) {
    const value = fields[key]
    if (value !== undefined) out[key] = typeof value === 'string' ? value : String(value)
  }
  return out
}

/** How a field is read and written: Java's String, int, long or boolean; `?` for a field that may be absent. */
type Kind<V> = V extends string ? 'string' : V extends boolean ? 'bool' : V extends number ? 'int' | 'long' : never

/** A header's one field description: each key of T with its kind (optional keys of T take the `?` form). */
export type HeaderFields<T> = {[K in keyof T]-?: undefined extends T[K] ? `${Kind<NonNullable<T[K]>>}?` : Kind<T[K]>}

/** Decoding and encoding of one header, both derived from its field description. */
export interface HeaderCodec<T> {
  /** Reads extFields; throws HeaderFieldError on a missing required or malformed field. Every field is present (absent optional ones as undefined). */
  decode(ext: ExtFields): T
  /** extFields for the header (strings, as Java sends them; absent optional fields omitted), in description order. */
  encode(h: T): Record<string, string>
}

const READERS = {
  string: [requiredString, optionalString],
  int: [requiredInt, optionalInt],
  long: [requiredLong, optionalLong],
  bool: [requiredBool, optionalBool],
} as const

/**
 * The codec of a header described once: `fields` in wire order, `wireNames` for headers that rename
 * fields on the wire (SEND_MESSAGE_V2's one-letter names).
 */
export function headerCodec<T extends object>(fields: HeaderFields<T>, wireNames: Partial<Record<keyof T, string>> = {}): HeaderCodec<T> {
  const entries = Object.entries(fields as Record<string, string>).map(([key, kind]) => {
    const optional = kind.endsWith('?')
    const [required, maybe] = READERS[(optional ? kind.slice(0, -1) : kind) as keyof typeof READERS]
    return {key, wire: (wireNames as Record<string, string | undefined>)[key] ?? key, read: optional ? maybe : required}
  })
  return {
    decode(ext) {
      const h: Record<string, unknown> = {}
      for (const e of entries) h[e.key] = e.read(ext, e.wire)
      return h as T
    },
    encode(h) {
      const fields: Record<string, string | number | boolean | undefined> = {}
      for (const e of entries) fields[e.wire] = (h as Record<string, string | number | boolean | undefined>)[e.key]
      return toExtFields(fields)
    },
  }
}
