import {headerCodec} from './header-fields.js'

/**
 * GET_KV_CONFIG (101) response, header/namesrv/GetKVConfigResponseHeader.java (absent when code is 22).
 */
export interface GetKVConfigResponseHeader {
  value?: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetKVConfigResponseHeader>({value: 'string?'})

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export const encodeGetKVConfigResponseHeader: (h: GetKVConfigResponseHeader) => Record<string, string> = codec.encode
