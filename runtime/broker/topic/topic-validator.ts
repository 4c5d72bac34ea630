/**
 * Topic name rules and the system topics of RocketMQ 4.9.8 (common/topic/TopicValidator.java):
 * characters `%|a-zA-Z0-9_-`, at most 127 characters (the stored record keeps the topic length in one
 * signed byte), and a few system topics that producers may not send to.
 */

/** The template topic for auto-creation on first send. */
export const AUTO_CREATE_TOPIC_KEY_TOPIC = 'TBW102'
export const RMQ_SYS_SCHEDULE_TOPIC = 'SCHEDULE_TOPIC_XXXX'
export const RMQ_SYS_BENCHMARK_TOPIC = 'BenchmarkTest'
export const RMQ_SYS_TRANS_HALF_TOPIC = 'RMQ_SYS_TRANS_HALF_TOPIC'
export const RMQ_SYS_TRACE_TOPIC = 'RMQ_SYS_TRACE_TOPIC'
export const RMQ_SYS_TRANS_OP_HALF_TOPIC = 'RMQ_SYS_TRANS_OP_HALF_TOPIC'
export const RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC = 'TRANS_CHECK_MAX_TIME_TOPIC'
export const RMQ_SYS_SELF_TEST_TOPIC = 'SELF_TEST_TOPIC'
export const RMQ_SYS_OFFSET_MOVED_EVENT = 'OFFSET_MOVED_EVENT'
/** Suffix of the per-cluster reply topic (MixAll.REPLY_TOPIC_POSTFIX). */
export const REPLY_TOPIC_POSTFIX = 'REPLY_TOPIC'
/** Prefix of retry topics (MixAll.RETRY_GROUP_TOPIC_PREFIX). */
export const RETRY_GROUP_TOPIC_PREFIX = '%RETRY%'
/** Prefix of dead-letter topics (MixAll.DLQ_GROUP_TOPIC_PREFIX). */
export const DLQ_GROUP_TOPIC_PREFIX = '%DLQ%'

const TOPIC_MAX_LENGTH = 127
const VALID_NAME = /^[%|a-zA-Z0-9_-]+$/

const NOT_ALLOWED_SEND = new Set([
  RMQ_SYS_SCHEDULE_TOPIC,
  RMQ_SYS_TRANS_HALF_TOPIC,
  RMQ_SYS_TRANS_OP_HALF_TOPIC,
  RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC,
  RMQ_SYS_SELF_TEST_TOPIC,
  RMQ_SYS_OFFSET_MOVED_EVENT,
])

const STATIC_SYSTEM_TOPICS = new Set([
  AUTO_CREATE_TOPIC_KEY_TOPIC,
  RMQ_SYS_SCHEDULE_TOPIC,
  RMQ_SYS_BENCHMARK_TOPIC,
  RMQ_SYS_TRANS_HALF_TOPIC,
  RMQ_SYS_TRACE_TOPIC,
  RMQ_SYS_TRANS_OP_HALF_TOPIC,
  RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC,
  RMQ_SYS_SELF_TEST_TOPIC,
  RMQ_SYS_OFFSET_MOVED_EVENT,
])

/** Why a topic name is invalid (RocketMQ's remark, answered with SYSTEM_ERROR), or undefined when valid. */
export function validateTopic(topic: string | undefined): string | undefined {
  if (topic === undefined || topic.trim() === '') return 'The specified topic is blank.'
  if (!VALID_NAME.test(topic)) {
    return 'The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$'
  }
  if (topic.length > TOPIC_MAX_LENGTH) return 'The specified topic is longer than topic max length.'
  return undefined
}

/** TopicValidator.getSystemTopicSet: the fixed system topics plus those the broker added for itself. */
export function getSystemTopicSet(brokerSystemTopics: ReadonlySet<string> = new Set()): string[] {
  return [...new Set([...STATIC_SYSTEM_TOPICS, ...brokerSystemTopics])]
}

/** Whether producers are refused when they send to this topic (answered with NO_PERMISSION). */
export function isNotAllowedSendTopic(topic: string): boolean {
  return NOT_ALLOWED_SEND.has(topic)
}

/**
 * Whether a topic is a system topic: the fixed ones, plus those a broker adds for its own cluster and
 * name (passed in, since they depend on the broker's configuration), or one starting with `rmq_sys_`.
 */
export function isSystemTopic(topic: string, brokerSystemTopics: ReadonlySet<string> = new Set()): boolean {
  return STATIC_SYSTEM_TOPICS.has(topic) || brokerSystemTopics.has(topic) || topic.startsWith('rmq_sys_')
}

/** `%RETRY%<group>`: where a consumer group's failed messages go (MixAll.getRetryTopic). */
export function getRetryTopic(group: string): string {
  return RETRY_GROUP_TOPIC_PREFIX + group
}

/** `%DLQ%<group>`: where messages go after the maximum reconsume times (MixAll.getDLQTopic). */
export function getDLQTopic(group: string): string {
  return DLQ_GROUP_TOPIC_PREFIX + group
}
