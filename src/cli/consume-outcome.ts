/** How `mqlab consume` reads a run that delivered nothing: an empty topic, or a group that is caught up. Pure. */
import type {ConsumeSummary} from '../client/consumer/consume-report.js'

/**
 * True when the run saw the whole topic and it holds no message: every queue of the topic (the retry
 * topic aside) started at offset 0 and ended there, and at least one queue was read. A queue the group
 * had committed past 0 means messages existed, so the group is caught up instead.
 */
export function topicIsEmpty(s: Pick<ConsumeSummary, 'topic' | 'queues' | 'count'>): boolean {
  if (s.count > 0) return false
  const own = s.queues.filter((q) => q.topic === s.topic)
  return own.length > 0 && own.every((q) => q.startOffset === 0 && (q.committedOffset ?? 0) === 0 && q.delivered === 0)
}
