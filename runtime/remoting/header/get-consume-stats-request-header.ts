/**
 * GetConsumeStatsRequestHeader (common/protocol/header/GetConsumeStatsRequestHeader.java): extFields of
 * GET_CONSUME_STATS (208); without topic the broker reports every topic the group committed offsets on.
 *
 *   consumerGroup* topic      (* = required)
 */
import {optionalString, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** GetConsumeStatsRequestHeader as an object. */
export interface GetConsumeStatsRequestHeader {
  consumerGroup: string
  topic?: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeGetConsumeStatsRequestHeader(ext: ExtFields): GetConsumeStatsRequestHeader {
  const h: GetConsumeStatsRequestHeader = {
    consumerGroup: requiredString(ext, 'consumerGroup'),
  }
  const topic = optionalString(ext, 'topic')
  if (topic !== undefined) h.topic = topic
  return h
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeGetConsumeStatsRequestHeader(h: GetConsumeStatsRequestHeader): Record<string, string> {
  return toExtFields({consumerGroup: h.consumerGroup, topic: h.topic})
}
