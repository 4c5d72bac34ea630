/**
 * ResetOffsetRequestHeader (common/protocol/header/ResetOffsetRequestHeader.java): extFields of
 * INVOKE_BROKER_TO_RESET_OFFSET (222) and RESET_CONSUMER_CLIENT_OFFSET (220). timestamp -1 means the
 * queues' max offsets. Java's field is the primitive `isForce`, so the key is "isForce".
 *
 *   topic* group* timestamp* isForce*      (* = required)
 */
import {requiredBool, requiredLong, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** ResetOffsetRequestHeader as an object. */
export interface ResetOffsetRequestHeader {
  topic: string
  group: string
  timestamp: number
  isForce: boolean
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeResetOffsetRequestHeader(ext: ExtFields): ResetOffsetRequestHeader {
  const h: ResetOffsetRequestHeader = {
    topic: requiredString(ext, 'topic'),
    group: requiredString(ext, 'group'),
    timestamp: requiredLong(ext, 'timestamp'),
    isForce: requiredBool(ext, 'isForce'),
  }
  return h
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeResetOffsetRequestHeader(h: ResetOffsetRequestHeader): Record<string, string> {
  return toExtFields({topic: h.topic, group: h.group, timestamp: h.timestamp, isForce: h.isForce})
}
