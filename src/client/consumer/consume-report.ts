/**
 * What a consume run reports: the messages and a summary, JSON-friendly so a command renders them as a
 * table or returns them under --json unchanged.
 */
import type {LatencySummary} from '../stats/latency-stats.js'
import type {ConsumedMessage} from './consumed-message.js'

/** Why a run ended. */
export type ConsumeStopReason = 'count' | 'timeout' | 'aborted' | 'end'

/** Progress on one queue this client owned during the run. */
export interface QueueProgress {
  topic: string
  brokerName: string
  queueId: number
  /** Where this run started reading. */
  startOffset: number
  /** The offset committed at the end (the next one to consume), if the commit succeeded. */
  committedOffset: number | undefined
  /** Messages delivered from this queue. */
  delivered: number
  /** brokerId that served the last pull (0 master, > 0 slave), if any pull succeeded. */
  lastServedByBrokerId: number | undefined
}

/** Summary of a consume run. */
export interface ConsumeSummary {
  topic: string
  group: string
  count: number
  stoppedBy: ConsumeStopReason
  elapsedMs: number
  /** Messages per second over the run. */
  throughput: number
  /** From each message's born timestamp to its delivery here, ms (wall clocks of one machine). */
  endToEndLatency: LatencySummary
  /** Delivered messages per "brokerName/brokerId" that served them. */
  byBroker: Record<string, number>
  queues: QueueProgress[]
  /** Problems met on the way (a broker that could not be reached, a failed commit…), deduplicated. */
  problems: string[]
}

/** The result of a consume run. */
export interface ConsumeResult {
  summary: ConsumeSummary
  /** Messages in delivery order (empty when the caller asked not to keep them). */
  messages: ConsumedMessage[]
}
