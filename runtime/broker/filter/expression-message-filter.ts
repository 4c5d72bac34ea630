import type {SubscriptionData} from '../../remoting/body/subscription-data.js'
import {SUB_ALL} from '../../remoting/body/subscription-data.js'
import type {MessageFilter} from '../../store/message-store.js'

/**
 * Tag filtering on the consume-queue tagsCode (RocketMQ broker/filter/ExpressionMessageFilter
 * isMatchedByConsumeQueue): no subscription, class-filter mode or "*" accept everything; otherwise the
 * entry's tagsCode must be one of the subscription's tag hashes. Clients re-filter by the tag strings,
 * so a hash collision only costs a transfer. Returns undefined when everything matches.
 */
export function buildTagMessageFilter(subscription: SubscriptionData | undefined): MessageFilter | undefined {
  if (!subscription || subscription.classFilterMode || subscription.subString === SUB_ALL) return undefined
  const codes = new Set(subscription.codeSet)
  return (tagsCode) => codes.has(tagsCode)
}

/** Whether a subscription uses tag expressions (ExpressionType.isTagType: blank or "TAG"). */
export function isTagType(expressionType: string | undefined): boolean {
  return expressionType === undefined || expressionType === '' || expressionType === 'TAG'
}
