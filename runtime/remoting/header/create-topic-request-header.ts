/**
 * CreateTopicRequestHeader (common/protocol/header/CreateTopicRequestHeader.java): extFields of
 * UPDATE_AND_CREATE_TOPIC (17); mqadmin updateTopic sends 8/8 queues and perm 6 by default.
 *
 *   topic* defaultTopic* readQueueNums* writeQueueNums* perm* topicFilterType* topicSysFlag order      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

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

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<CreateTopicRequestHeader>({
  topic: 'string',
  defaultTopic: 'string',
  readQueueNums: 'int',
  writeQueueNums: 'int',
  perm: 'int',
  topicFilterType: 'string',
  topicSysFlag: 'int?',
  order: 'bool?',
})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeCreateTopicRequestHeader: (ext: ExtFields) => CreateTopicRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeCreateTopicRequestHeader: (h: CreateTopicRequestHeader) => Record<string, string> = codec.encode
