/**
 * ViewMessageRequestHeader (common/protocol/header/ViewMessageRequestHeader.java): extFields of
 * VIEW_MESSAGE_BY_ID (33): the commitlog offset decoded from an offset msg id.
 *
 *   offset*      (* = required)
 */
import {requiredLong, toExtFields, type ExtFields} from './header-fields.js'

/** ViewMessageRequestHeader as an object. */
export interface ViewMessageRequestHeader {
  offset: number
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeViewMessageRequestHeader(ext: ExtFields): ViewMessageRequestHeader {
  return {
    offset: requiredLong(ext, 'offset'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeViewMessageRequestHeader(h: ViewMessageRequestHeader): Record<string, string> {
  return toExtFields({offset: h.offset})
}
