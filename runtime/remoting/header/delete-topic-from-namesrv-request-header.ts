import {optionalString, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * DELETE_TOPIC_IN_NAMESRV (216) request, header/namesrv/DeleteTopicFromNamesrvRequestHeader.java.
 * With clusterName, only that cluster's brokers' queue data is removed.
 */
export interface DeleteTopicFromNamesrvRequestHeader {
  topic: string
  clusterName?: string
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeDeleteTopicFromNamesrvRequestHeader(ext: ExtFields): DeleteTopicFromNamesrvRequestHeader {
  const h: DeleteTopicFromNamesrvRequestHeader = {topic: requiredString(ext, 'topic')}
  const clusterName = optionalString(ext, 'clusterName')
  if (clusterName !== undefined) h.clusterName = clusterName
  return h
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeDeleteTopicFromNamesrvRequestHeader(h: DeleteTopicFromNamesrvRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic, clusterName: h.clusterName})
}
