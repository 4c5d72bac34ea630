import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * GET_KV_CONFIG (101) request, header/namesrv/GetKVConfigRequestHeader.java.
 */
export interface GetKVConfigRequestHeader {
  namespace: string
  key: string
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeGetKVConfigRequestHeader(ext: ExtFields): GetKVConfigRequestHeader {
  return {
    namespace: requiredString(ext, 'namespace'),
    key: requiredString(ext, 'key'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeGetKVConfigRequestHeader(h: GetKVConfigRequestHeader): Record<string, string> {
  return toExtFields({namespace: h.namespace, key: h.key})
}
