import {requiredBool, toExtFields, type ExtFields} from './header-fields.js'

/**
 * QUERY_DATA_VERSION (322) response, header/namesrv/QueryDataVersionResponseHeader.java.
 */
export interface QueryDataVersionResponseHeader {
  /** Whether the broker's topic config differs from what the name server holds. */
  changed: boolean
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeQueryDataVersionResponseHeader(ext: ExtFields): QueryDataVersionResponseHeader {
  return {
    changed: requiredBool(ext, 'changed'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeQueryDataVersionResponseHeader(h: QueryDataVersionResponseHeader): Record<string, string> {
  return toExtFields({changed: h.changed})
}
