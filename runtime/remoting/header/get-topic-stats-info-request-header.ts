/**
 * GetTopicStatsInfoRequestHeader (common/protocol/header/GetTopicStatsInfoRequestHeader.java): extFields of
 * GET_TOPIC_STATS_INFO (202).
 *
 *   topic*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** GetTopicStatsInfoRequestHeader as an object. */
export interface GetTopicStatsInfoRequestHeader {
  topic: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetTopicStatsInfoRequestHeader>({topic: 'string'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeGetTopicStatsInfoRequestHeader: (ext: ExtFields) => GetTopicStatsInfoRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeGetTopicStatsInfoRequestHeader: (h: GetTopicStatsInfoRequestHeader) => Record<string, string> = codec.encode
