/**
 * DeleteSubscriptionGroupRequestHeader (common/protocol/header/DeleteSubscriptionGroupRequestHeader.java): extFields
 * of DELETE_SUBSCRIPTIONGROUP (207). removeOffset is a primitive boolean (not @CFNotNull): Java always
 * sends it, and reads a missing one as false.
 *
 *   groupName* removeOffset      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** DeleteSubscriptionGroupRequestHeader as an object. */
export interface DeleteSubscriptionGroupRequestHeader {
  groupName: string
  removeOffset?: boolean
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<DeleteSubscriptionGroupRequestHeader>({groupName: 'string', removeOffset: 'bool?'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeDeleteSubscriptionGroupRequestHeader: (ext: ExtFields) => DeleteSubscriptionGroupRequestHeader = codec.decode

/** Encodes the extFields; removeOffset is always sent (false when not given), as Java sends a primitive. */
export function encodeDeleteSubscriptionGroupRequestHeader(h: DeleteSubscriptionGroupRequestHeader): Record<string, string> {
  return codec.encode({...h, removeOffset: h.removeOffset ?? false})
}
