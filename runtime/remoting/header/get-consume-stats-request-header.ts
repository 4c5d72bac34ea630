/**
 * GetConsumeStatsRequestHeader (common/protocol/header/GetConsumeStatsRequestHeader.java): extFields of
 * GET_CONSUME_STATS (208); without topic the broker reports every topic the group committed offsets on.
 *
 *   consumerGroup* topic      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** GetConsumeStatsRequestHeader as an object. */
export interface GetConsumeStatsRequestHeader {
  consumerGroup: string
  topic?: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetConsumeStatsRequestHeader>({consumerGroup: 'string', topic: 'string?'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeGetConsumeStatsRequestHeader: (ext: ExtFields) => GetConsumeStatsRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeGetConsumeStatsRequestHeader: (h: GetConsumeStatsRequestHeader) => Record<string, string> = codec.encode
