/**
 * The client-side tag re-check of pulled messages (PullAPIWrapper.processPullResult): the broker
 * filters by tag hash only, and different tags can share a hash, so a TAG subscription that names
 * tags keeps only messages whose TAGS string is one of them.
 */
import type {SubscriptionData} from '../../../runtime/remoting/body/subscription-data.js'

/** Whether a message with `tags` passes the subscription. */
export function subscriptionMatches(sub: SubscriptionData, tags: string | undefined): boolean {
  if (sub.tagsSet.length === 0 || sub.classFilterMode) return true
  return tags !== undefined && sub.tagsSet.includes(tags)
}
