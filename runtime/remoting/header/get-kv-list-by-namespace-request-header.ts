import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * GET_KVLIST_BY_NAMESPACE (219) request, header/namesrv/GetKVListByNamespaceRequestHeader.java.
 */
export interface GetKVListByNamespaceRequestHeader {
  namespace: string
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeGetKVListByNamespaceRequestHeader(ext: ExtFields): GetKVListByNamespaceRequestHeader {
  return {
    namespace: requiredString(ext, 'namespace'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeGetKVListByNamespaceRequestHeader(h: GetKVListByNamespaceRequestHeader): Record<string, string> {
  return toExtFields({namespace: h.namespace})
}
