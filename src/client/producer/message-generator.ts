/**
 * The messages of a `send -n COUNT` run, generated lazily (a run of a million never holds them all):
 * `{i}` in the body text and in keys expands to the message's index; `size` makes bodies of exactly
 * that many bytes instead (the RocketMQ benchmark producer's fixed-size bodies). Pure.
 */
import {MQClientError} from '../client-errors.js'
import type {OutgoingMessage} from './outgoing-message.js'

/** What to generate. */
export interface MessageTemplate {
  topic: string
  /** How many messages (default 1). */
  count?: number
  /** Body text; `{i}` becomes the index (default "Hello mqlab {i}"). */
  body?: string
  /** Body size in bytes, instead of `body`. */
  size?: number
  tags?: string
  /** Keys; `{i}` becomes the index. */
  keys?: string | readonly string[]
}

const INDEX = /\{i\}/g

/** Checks a template, throwing INVALID_ARGUMENT for contradictory or out-of-range values. */
export function checkMessageTemplate(t: MessageTemplate): void {
  const count = t.count ?? 1
  if (!Number.isInteger(count) || count < 0) throw new MQClientError('INVALID_ARGUMENT', `count must be a whole number ≥ 0, not ${count}`)
  if (t.body !== undefined && t.size !== undefined) {
    throw new MQClientError('INVALID_ARGUMENT', 'give either a body text or a body size, not both')
  }
  if (t.size !== undefined && (!Number.isInteger(t.size) || t.size < 1)) {
    throw new MQClientError('INVALID_ARGUMENT', `size must be a whole number of bytes ≥ 1, not ${t.size}`)
  }
}

/** Generates the messages of a template, one at a time. */
export function* generateMessages(t: MessageTemplate): Generator<OutgoingMessage> {
  checkMessageTemplate(t)
  const count = t.count ?? 1
  const fixed = t.size === undefined ? undefined : sizedBody(t.size)
  const text = t.body ?? 'Hello mqlab {i}'
  const keys = t.keys === undefined ? undefined : typeof t.keys === 'string' ? [t.keys] : [...t.keys]
  for (let i = 0; i < count; i++) {
    const index = String(i)
    yield {
      topic: t.topic,
      body: fixed ?? text.replace(INDEX, index),
      tags: t.tags,
      keys: keys?.map((k) => k.replace(INDEX, index)),
    }
  }
}

/** A printable body of exactly `size` bytes (shared by every message: bodies are not modified). */
export function sizedBody(size: number): Buffer {
  const pattern = Buffer.from('mqlab-0123456789abcdefghijklmnopqrstuvwxyz|')
  const out = Buffer.allocUnsafe(size)
  for (let pos = 0; pos < size; pos += pattern.length) pattern.copy(out, pos, 0, Math.min(pattern.length, size - pos))
  return out
}
