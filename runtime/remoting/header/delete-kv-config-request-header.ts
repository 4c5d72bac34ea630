import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * DELETE_KV_CONFIG (102) request, header/namesrv/DeleteKVConfigRequestHeader.java.
 */
export interface DeleteKVConfigRequestHeader {
  namespace: string
  key: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<DeleteKVConfigRequestHeader>({namespace: 'string', key: 'string'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeDeleteKVConfigRequestHeader: (ext: ExtFields) => DeleteKVConfigRequestHeader = codec.decode
