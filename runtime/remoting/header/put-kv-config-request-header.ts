import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * PUT_KV_CONFIG (100) request, header/namesrv/PutKVConfigRequestHeader.java.
 */
export interface PutKVConfigRequestHeader {
  namespace: string
  key: string
  value: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<PutKVConfigRequestHeader>({namespace: 'string', key: 'string', value: 'string'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodePutKVConfigRequestHeader: (ext: ExtFields) => PutKVConfigRequestHeader = codec.decode
