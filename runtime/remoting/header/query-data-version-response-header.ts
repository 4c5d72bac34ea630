import {headerCodec} from './header-fields.js'

/**
 * QUERY_DATA_VERSION (322) response, header/namesrv/QueryDataVersionResponseHeader.java.
 */
export interface QueryDataVersionResponseHeader {
  /** Whether the broker's topic config differs from what the name server holds. */
  changed: boolean
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<QueryDataVersionResponseHeader>({changed: 'bool'})

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export const encodeQueryDataVersionResponseHeader: (h: QueryDataVersionResponseHeader) => Record<string, string> = codec.encode
