import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * PUT_KV_CONFIG (100) request, header/namesrv/PutKVConfigRequestHeader.java.
 */
export interface PutKVConfigRequestHeader {
  namespace: string
  key: string
  value: string
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodePutKVConfigRequestHeader(ext: ExtFields): PutKVConfigRequestHeader {
  return {
    namespace: requiredString(ext, 'namespace'),
    key: requiredString(ext, 'key'),
    value: requiredString(ext, 'value'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodePutKVConfigRequestHeader(h: PutKVConfigRequestHeader): Record<string, string> {
  return toExtFields({namespace: h.namespace, key: h.key, value: h.value})
}
