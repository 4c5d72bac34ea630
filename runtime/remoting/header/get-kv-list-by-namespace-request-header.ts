import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * GET_KVLIST_BY_NAMESPACE (219) request, header/namesrv/GetKVListByNamespaceRequestHeader.java.
 */
export interface GetKVListByNamespaceRequestHeader {
  namespace: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetKVListByNamespaceRequestHeader>({namespace: 'string'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeGetKVListByNamespaceRequestHeader: (ext: ExtFields) => GetKVListByNamespaceRequestHeader = codec.decode
