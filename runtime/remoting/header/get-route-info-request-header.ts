import {optionalBool, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * GET_ROUTEINFO_BY_TOPIC (105) request, header/namesrv/GetRouteInfoRequestHeader.java.
 */
export interface GetRouteInfoRequestHeader {
  topic: string
  /** Ask for standard JSON whatever the version (4.9.5+ clients). */
  acceptStandardJsonOnly?: boolean
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeGetRouteInfoRequestHeader(ext: ExtFields): GetRouteInfoRequestHeader {
  const h: GetRouteInfoRequestHeader = {topic: requiredString(ext, 'topic')}
  const acceptStandardJsonOnly = optionalBool(ext, 'acceptStandardJsonOnly')
  if (acceptStandardJsonOnly !== undefined) h.acceptStandardJsonOnly = acceptStandardJsonOnly
  return h
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeGetRouteInfoRequestHeader(h: GetRouteInfoRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic, acceptStandardJsonOnly: h.acceptStandardJsonOnly})
}
