/**
 * ConsumerOffsetSerializeWrapper (common/protocol/body/ConsumerOffsetSerializeWrapper.java): the body of
 * a GET_ALL_CONSUMER_OFFSET response and the content of config/consumerOffset.json. Keys are
 * `topic@group`; inner keys are queue ids (fastjson writes them bare: `{0:12}`; mqlab writes `{"0":12}`).
 *
 *   {"offsetTable":{"TopicTest@GID_test":{"0":12,"1":3}}}
 */
import {parseFastjson} from './fastjson-text.js'

/** offsetTable[`topic@group`][queueId] = next offset to consume. */
export interface ConsumerOffsetSerializeWrapper {
  offsetTable: Record<string, Record<string, number>>
}

/** Encodes the wrapper as JSON. */
export function encodeConsumerOffsetSerializeWrapper(w: ConsumerOffsetSerializeWrapper, pretty = false): string {
  return pretty ? JSON.stringify(w, null, '\t') : JSON.stringify(w)
}

/** Decodes the wrapper; throws on malformed content (non-integer queue ids or offsets). */
export function decodeConsumerOffsetSerializeWrapper(text: string): ConsumerOffsetSerializeWrapper {
  const parsed = parseFastjson(text) as Record<string, unknown> | null
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object')
  const table = parsed.offsetTable ?? {}
  if (typeof table !== 'object' || table === null) throw new Error('offsetTable is not an object')
  const offsetTable: Record<string, Record<string, number>> = {}
  for (const [key, queues] of Object.entries(table as Record<string, unknown>)) {
    if (typeof queues !== 'object' || queues === null) throw new Error(`${key}: not an object`)
    const entry: Record<string, number> = {}
    for (const [q, o] of Object.entries(queues as Record<string, unknown>)) {
      const offset = Number(o)
      if (!/^\d+$/.test(q) || !Number.isInteger(offset)) throw new Error(`${key}: bad entry ${q}:${String(o)}`)
      entry[q] = offset
    }
    offsetTable[key] = entry
  }
  return {offsetTable}
}
