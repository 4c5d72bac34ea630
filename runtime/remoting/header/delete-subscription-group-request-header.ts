/**
 * DeleteSubscriptionGroupRequestHeader (common/protocol/header/DeleteSubscriptionGroupRequestHeader.java): extFields
 * of DELETE_SUBSCRIPTIONGROUP (207). removeOffset is a primitive boolean (not @CFNotNull): Java always
 * sends it, and reads a missing one as false.
 *
 *   groupName* removeOffset      (* = required)
 */
import {optionalBool, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** DeleteSubscriptionGroupRequestHeader as an object. */
export interface DeleteSubscriptionGroupRequestHeader {
  groupName: string
  removeOffset?: boolean
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeDeleteSubscriptionGroupRequestHeader(ext: ExtFields): DeleteSubscriptionGroupRequestHeader {
  const h: DeleteSubscriptionGroupRequestHeader = {
    groupName: requiredString(ext, 'groupName'),
  }
  const removeOffset = optionalBool(ext, 'removeOffset')
  if (removeOffset !== undefined) h.removeOffset = removeOffset
  return h
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeDeleteSubscriptionGroupRequestHeader(h: DeleteSubscriptionGroupRequestHeader): Record<string, string> {
  return toExtFields({groupName: h.groupName, removeOffset: h.removeOffset ?? false})
}
