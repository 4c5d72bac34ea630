import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * GET_KV_CONFIG (101) request, header/namesrv/GetKVConfigRequestHeader.java.
 */
export interface GetKVConfigRequestHeader {
  namespace: string
  key: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetKVConfigRequestHeader>({namespace: 'string', key: 'string'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeGetKVConfigRequestHeader: (ext: ExtFields) => GetKVConfigRequestHeader = codec.decode
