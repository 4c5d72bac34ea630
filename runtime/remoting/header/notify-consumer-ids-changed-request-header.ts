/**
 * NotifyConsumerIdsChangedRequestHeader
 * (common/protocol/header/NotifyConsumerIdsChangedRequestHeader.java): extFields of
 * NOTIFY_CONSUMER_IDS_CHANGED (40), broker → consumer, oneway.
 *
 *   consumerGroup*      (* = required)
 */
import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** NotifyConsumerIdsChangedRequestHeader as an object. */
export interface NotifyConsumerIdsChangedRequestHeader {
  consumerGroup: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeNotifyConsumerIdsChangedRequestHeader(ext: ExtFields): NotifyConsumerIdsChangedRequestHeader {
  return {
    consumerGroup: requiredString(ext, 'consumerGroup'),
  }
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeNotifyConsumerIdsChangedRequestHeader(h: NotifyConsumerIdsChangedRequestHeader): Record<string, string> {
  return toExtFields({consumerGroup: h.consumerGroup})
}
