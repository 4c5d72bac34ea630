import {optionalString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * GET_KV_CONFIG (101) response, header/namesrv/GetKVConfigResponseHeader.java (absent when code is 22).
 */
export interface GetKVConfigResponseHeader {
  value?: string
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeGetKVConfigResponseHeader(ext: ExtFields): GetKVConfigResponseHeader {
  const h: GetKVConfigResponseHeader = {}
  const value = optionalString(ext, 'value')
  if (value !== undefined) h.value = value
  return h
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeGetKVConfigResponseHeader(h: GetKVConfigResponseHeader): Record<string, string> {
  return toExtFields({value: h.value})
}
