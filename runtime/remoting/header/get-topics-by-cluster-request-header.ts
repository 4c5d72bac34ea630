import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * GET_TOPICS_BY_CLUSTER (224) request, header/GetTopicsByClusterRequestHeader.java.
 */
export interface GetTopicsByClusterRequestHeader {
  cluster: string
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeGetTopicsByClusterRequestHeader(ext: ExtFields): GetTopicsByClusterRequestHeader {
  return {
    cluster: requiredString(ext, 'cluster'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeGetTopicsByClusterRequestHeader(h: GetTopicsByClusterRequestHeader): Record<string, string> {
  return toExtFields({cluster: h.cluster})
}
