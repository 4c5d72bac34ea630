import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * GET_ROUTEINFO_BY_TOPIC (105) request, header/namesrv/GetRouteInfoRequestHeader.java.
 */
export interface GetRouteInfoRequestHeader {
  topic: string
  /** Ask for standard JSON whatever the version (4.9.5+ clients). */
  acceptStandardJsonOnly?: boolean
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetRouteInfoRequestHeader>({topic: 'string', acceptStandardJsonOnly: 'bool?'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeGetRouteInfoRequestHeader: (ext: ExtFields) => GetRouteInfoRequestHeader = codec.decode

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export const encodeGetRouteInfoRequestHeader: (h: GetRouteInfoRequestHeader) => Record<string, string> = codec.encode
