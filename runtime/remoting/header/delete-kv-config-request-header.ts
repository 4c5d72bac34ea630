import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * DELETE_KV_CONFIG (102) request, header/namesrv/DeleteKVConfigRequestHeader.java.
 */
export interface DeleteKVConfigRequestHeader {
  namespace: string
  key: string
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeDeleteKVConfigRequestHeader(ext: ExtFields): DeleteKVConfigRequestHeader {
  return {
    namespace: requiredString(ext, 'namespace'),
    key: requiredString(ext, 'key'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeDeleteKVConfigRequestHeader(h: DeleteKVConfigRequestHeader): Record<string, string> {
  return toExtFields({namespace: h.namespace, key: h.key})
}
