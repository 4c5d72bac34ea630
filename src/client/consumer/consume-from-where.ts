/**
 * Where a queue starts when the group has no usable committed offset (RebalancePushImpl
 * .computePullFromWhere, RocketMQ 4.9.8). Pure: it returns the decision, the consumer performs it.
 *
 * The committed offset comes from QUERY_CONSUMER_OFFSET: >= 0 is used as is; -1 means "none stored"
 * (the broker answered QUERY_NOT_FOUND); any other negative value means the query failed.
 * Note a RocketMQ broker answers offset 0 (not QUERY_NOT_FOUND) for a new group when the queue's first
 * message is still in memory (docs/rocketmq-facts.md §2.7), so on a young broker a new group starts from 0 even with "last".
 */

/** The ConsumeFromWhere values mqlab's consumer uses. */
export type ConsumeFromWhere = 'CONSUME_FROM_LAST_OFFSET' | 'CONSUME_FROM_FIRST_OFFSET' | 'CONSUME_FROM_TIMESTAMP'

/** What to do to find a queue's start offset. */
export type StartOffsetDecision = {kind: 'offset'; offset: number} | {kind: 'max-offset'} | {kind: 'search-timestamp'} | {kind: 'unknown'}

/** The retry topic prefix (MixAll.RETRY_GROUP_TOPIC_PREFIX). */
export const RETRY_GROUP_TOPIC_PREFIX = '%RETRY%'

/** Decides the start of a queue of `topic` given the committed offset read from the broker. */
export function decideStartOffset(topic: string, storedOffset: number, where: ConsumeFromWhere): StartOffsetDecision {
  if (storedOffset >= 0) return {kind: 'offset', offset: storedOffset}
  if (storedOffset !== -1) return {kind: 'unknown'}
  const retryTopic = topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)
  switch (where) {
    case 'CONSUME_FROM_LAST_OFFSET':
      return retryTopic ? {kind: 'offset', offset: 0} : {kind: 'max-offset'}
    case 'CONSUME_FROM_FIRST_OFFSET':
      return {kind: 'offset', offset: 0}
    case 'CONSUME_FROM_TIMESTAMP':
      return retryTopic ? {kind: 'max-offset'} : {kind: 'search-timestamp'}
  }
}
