/**
 * A consumer's subscription to one topic (SubscriptionData, built as FilterAPI.buildSubscriptionData
 * does for TAG expressions): "*" or empty = every message; otherwise tags separated by "||", trimmed,
 * each also hashed to its tagsCode for the broker's consume-queue filter. The client re-checks the tag
 * string of every pulled message, because different tags can share a hash.
 */
import {tagsString2tagsCode} from '../../../runtime/message/tags-code.js'

/** The subscription as the heartbeat body and pull header carry it. */
export interface SubscriptionData {
  topic: string
  subString: string
  tagsSet: string[]
  codeSet: number[]
  /** Subscription version: the time it was built (ms). */
  subVersion: number
  classFilterMode: boolean
  expressionType: 'TAG'
}

/** RocketMQ's "subscribe all" expression. */
export const SUB_ALL = '*'

/** Builds the subscription of `topic` for a TAG expression ("*", "TagA", "TagA || TagB"). */
export function buildSubscriptionData(topic: string, subExpression: string | undefined, now: number = Date.now()): SubscriptionData {
  const sub: SubscriptionData = {
    topic,
    subString: SUB_ALL,
    tagsSet: [],
    codeSet: [],
    subVersion: now,
    classFilterMode: false,
    expressionType: 'TAG',
  }
  const expr = subExpression?.trim()
  if (expr === undefined || expr === '' || expr === SUB_ALL) return sub
  sub.subString = subExpression!
  for (const raw of expr.split('||')) {
    const tag = raw.trim()
    if (tag.length === 0 || sub.tagsSet.includes(tag)) continue
    sub.tagsSet.push(tag)
    sub.codeSet.push(tagsString2tagsCode(tag))
  }
  return sub
}

/** Whether a message with `tags` passes the subscription (PullAPIWrapper.processPullResult's re-check). */
export function subscriptionMatches(sub: SubscriptionData, tags: string | undefined): boolean {
  if (sub.tagsSet.length === 0 || sub.classFilterMode) return true
  return tags !== undefined && sub.tagsSet.includes(tags)
}
