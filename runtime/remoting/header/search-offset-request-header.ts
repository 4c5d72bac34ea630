/**
 * SearchOffsetRequestHeader (common/protocol/header/SearchOffsetRequestHeader.java): extFields of
 * SEARCH_OFFSET_BY_TIMESTAMP (29).
 *
 *   topic* queueId* timestamp*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** SearchOffsetRequestHeader as an object. */
export interface SearchOffsetRequestHeader {
  topic: string
  queueId: number
  timestamp: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<SearchOffsetRequestHeader>({topic: 'string', queueId: 'int', timestamp: 'long'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeSearchOffsetRequestHeader: (ext: ExtFields) => SearchOffsetRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeSearchOffsetRequestHeader: (h: SearchOffsetRequestHeader) => Record<string, string> = codec.encode
