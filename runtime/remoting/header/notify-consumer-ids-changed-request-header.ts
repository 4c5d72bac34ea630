/**
 * NotifyConsumerIdsChangedRequestHeader
 * (common/protocol/header/NotifyConsumerIdsChangedRequestHeader.java): extFields of
 * NOTIFY_CONSUMER_IDS_CHANGED (40), broker → consumer, oneway.
 *
 *   consumerGroup*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** NotifyConsumerIdsChangedRequestHeader as an object. */
export interface NotifyConsumerIdsChangedRequestHeader {
  consumerGroup: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<NotifyConsumerIdsChangedRequestHeader>({consumerGroup: 'string'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeNotifyConsumerIdsChangedRequestHeader: (ext: ExtFields) => NotifyConsumerIdsChangedRequestHeader = codec.decode
