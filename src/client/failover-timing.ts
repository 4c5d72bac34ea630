/**
 * How quickly mqlab's client notices a dead broker. By default it keeps RocketMQ 4.9.8's Java client
 * timings, so what a lab shows about failover holds for real applications:
 *
 *   - routes are re-read only by the periodic poll (pollNameServerInterval, 30 s; MQClientInstance's
 *     scheduled updateTopicRouteInfoFromNameServer), never because a connection failed: a producer keeps
 *     choosing a dead master's queues (each such send fails fast and is retried on another broker) and a
 *     consumer keeps pulling from the dead master until the next poll drops it from the route;
 *   - a pull that failed is tried again after 3 s (DefaultMQPushConsumerImpl's
 *     pullTimeDelayMillsWhenException).
 *
 * `fast` is mqlab's opt-in (`--fast-failover`): re-read the topic's route as soon as a connection to a
 * broker fails, and retry a failed pull after 1 s, so the client moves to a slave or another master
 * within about a second. No RocketMQ 4.x client behaves like that.
 */

/** 'java' (default): RocketMQ 4.9.8's client timings; 'fast': mqlab's opt-in. */
export type FailoverMode = 'java' | 'fast'

/** The timings a failover mode stands for. */
export interface FailoverTiming {
  /** Re-read a topic's route at once after a connection failure. */
  refreshRouteOnConnectionFailure: boolean
  /** Wait after a failed pull, ms. */
  pullRetryDelayMs: number
  /** Route poll period, ms (both modes: Java's pollNameServerInterval). */
  pollNameServerIntervalMs: number
}

/** RocketMQ 4.9.8's ClientConfig.pollNameServerInterval. */
export const JAVA_POLL_NAME_SERVER_INTERVAL_MS = 30_000
/** RocketMQ 4.9.8's DefaultMQPushConsumerImpl.pullTimeDelayMillsWhenException. */
export const JAVA_PULL_RETRY_DELAY_MS = 3000
/** mqlab's fast failover: pull retry after a failure. */
export const FAST_PULL_RETRY_DELAY_MS = 1000

/** The timings of a mode. */
export function failoverTiming(mode: FailoverMode = 'java'): FailoverTiming {
  return mode === 'fast'
    ? {refreshRouteOnConnectionFailure: true, pullRetryDelayMs: FAST_PULL_RETRY_DELAY_MS, pollNameServerIntervalMs: JAVA_POLL_NAME_SERVER_INTERVAL_MS}
    : {refreshRouteOnConnectionFailure: false, pullRetryDelayMs: JAVA_PULL_RETRY_DELAY_MS, pollNameServerIntervalMs: JAVA_POLL_NAME_SERVER_INTERVAL_MS}
}
