/**
 * A reader for JSON as RocketMQ's fastjson writes it. fastjson writes a map whose keys are objects
 * (`HashMap<MessageQueue, TopicOffset>` in TopicStatsTable, ConsumeStats, ResetOffsetBody) with the
 * key object itself before the colon:
 *
 *   {"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T"}:{"maxOffset":3,…}}}
 *
 * and maps keyed by numbers with bare numbers. Neither is JSON, so JSON.parse cannot read them. This
 * reader keeps every object as its list of entries, so object keys survive; `field` and `entries`
 * read the result.
 */

/** A parsed value: objects keep their entries in order, keys of any kind. */
export type FjValue = null | boolean | number | string | FjValue[] | FjObject

/** A parsed object. */
export interface FjObject {
  readonly entries: Array<[FjValue, FjValue]>
}

/** Whether a value is an object. */
export function isFjObject(v: FjValue | undefined): v is FjObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The value of a string key of an object (undefined when absent or not an object). */
export function field(v: FjValue | undefined, name: string): FjValue | undefined {
  if (!isFjObject(v)) return undefined
  for (const [k, val] of v.entries) if (k === name) return val
  return undefined
}

/** An object's entries ([] when not an object). */
export function entries(v: FjValue | undefined): Array<[FjValue, FjValue]> {
  return isFjObject(v) ? v.entries : []
}

/** A number field (Java long/int/double), or the fallback. */
export function numberField(v: FjValue | undefined, name: string, fallback = 0): number {
  const x = field(v, name)
  if (typeof x === 'number') return x
  if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))) return Number(x)
  return fallback
}

/** A string field, or undefined. */
export function stringField(v: FjValue | undefined, name: string): string | undefined {
  const x = field(v, name)
  return typeof x === 'string' ? x : undefined
}

/** Parses fastjson text; throws SyntaxError with the position on anything else. */
export function parseFastjsonValue(text: string | Buffer): FjValue {
  const p = new Reader(typeof text === 'string' ? text : text.toString('utf8'))
  const v = p.value()
  p.ws()
  if (p.i < p.s.length) p.fail('unexpected trailing text')
  return v
}

class Reader {
  i = 0
  // Nesting is bounded so a hostile body cannot exhaust the stack.
  private depth = 0
  constructor(readonly s: string) {}

  fail(why: string): never {
    throw new SyntaxError(`fastjson body: ${why} at position ${this.i}`)
  }

  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++
  }

  value(): FjValue {
    this.ws()
    const c = this.s[this.i]
    if (c === '{') return this.nested(() => this.object())
    if (c === '[') return this.nested(() => this.array())
    if (c === '"') return this.string()
    if (c === 't' && this.s.startsWith('true', this.i)) return ((this.i += 4), true)
    if (c === 'f' && this.s.startsWith('false', this.i)) return ((this.i += 5), false)
    if (c === 'n' && this.s.startsWith('null', this.i)) return ((this.i += 4), null)
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 40))
    if (!m) this.fail('unexpected character')
    this.i += m[0].length
    return Number(m[0])
  }

  private nested<T>(f: () => T): T {
    if (++this.depth > 64) this.fail('nested too deeply')
    try {
      return f()
    } finally {
      this.depth--
    }
  }

  private object(): FjObject {
    this.i++
    const out: Array<[FjValue, FjValue]> = []
    this.ws()
    if (this.s[this.i] === '}') return (this.i++, {entries: out})
    for (;;) {
      const key = this.value()
      this.ws()
      if (this.s[this.i] !== ':') this.fail('expected ":"')
      this.i++
      out.push([key, this.value()])
      this.ws()
      const c = this.s[this.i++]
      if (c === '}') return {entries: out}
      if (c !== ',') this.fail('expected "," or "}"')
    }
  }

  private array(): FjValue[] {
    this.i++
    const out: FjValue[] = []
    this.ws()
    if (this.s[this.i] === ']') return (this.i++, out)
    for (;;) {
      out.push(this.value())
      this.ws()
      const c = this.s[this.i++]
      if (c === ']') return out
      if (c !== ',') this.fail('expected "," or "]"')
    }
  }

  private string(): string {
    const start = this.i
    this.i++
    while (this.i < this.s.length) {
      const c = this.s[this.i]
      if (c === '\\') this.i += 2
      else if (c === '"') {
        this.i++
        return JSON.parse(this.s.slice(start, this.i)) as string
      } else this.i++
    }
    return this.fail('unterminated string')
  }
}

/** A MessageQueue written as an object key or value. */
export function messageQueueFromFj(v: FjValue): {topic: string; brokerName: string; queueId: number} {
  const topic = stringField(v, 'topic')
  const brokerName = stringField(v, 'brokerName')
  const queueId = numberField(v, 'queueId', Number.NaN)
  if (topic === undefined || brokerName === undefined || !Number.isInteger(queueId))
    throw new SyntaxError('fastjson body: a message queue without topic, brokerName or queueId')
  return {topic, brokerName, queueId}
}
