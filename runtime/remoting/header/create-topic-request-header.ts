/**
 * CreateTopicRequestHeader (common/protocol/header/CreateTopicRequestHeader.java): extFields of
 * UPDATE_AND_CREATE_TOPIC (17); mqadmin updateTopic sends 8/8 queues and perm 6 by default.
 *
 *   topic* defaultTopic* readQueueNums* writeQueueNums* perm* topicFilterType* topicSysFlag order      (* = required)
 */
import {optionalBool, optionalInt, requiredInt, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** CreateTopicRequestHeader as an object. */
export interface CreateTopicRequestHeader {
  topic: string
  defaultTopic: string
  readQueueNums: number
  writeQueueNums: number
  perm: number
  topicFilterType: string
  topicSysFlag?: number
  order?: boolean
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeCreateTopicRequestHeader(ext: ExtFields): CreateTopicRequestHeader {
  return {
    topic: requiredString(ext, 'topic'),
    defaultTopic: requiredString(ext, 'defaultTopic'),
    readQueueNums: requiredInt(ext, 'readQueueNums'),
    writeQueueNums: requiredInt(ext, 'writeQueueNums'),
    perm: requiredInt(ext, 'perm'),
    topicFilterType: requiredString(ext, 'topicFilterType'),
    topicSysFlag: optionalInt(ext, 'topicSysFlag'),
    order: optionalBool(ext, 'order'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeCreateTopicRequestHeader(h: CreateTopicRequestHeader): Record<string, string> {
  return toExtFields({
    topic: h.topic,
    defaultTopic: h.defaultTopic,
    readQueueNums: h.readQueueNums,
    writeQueueNums: h.writeQueueNums,
    perm: h.perm,
    topicFilterType: h.topicFilterType,
    topicSysFlag: h.topicSysFlag,
    order: h.order,
  })
}
