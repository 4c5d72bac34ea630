/**
 * What the producer reports per message and per run: typed and JSON-friendly, so a command can render
 * it as a table or return it under --json as is.
 */
import type {RunStats, SampleOutcome} from '../stats/run-stats.js'

/** One attempt to send a message to one queue. */
export interface SendAttempt {
  brokerName: string
  queueId: number
  /** The master's address, when the route had one. */
  addr?: string
  /** SendStatus of a stored attempt, or the error status (CONNECT_FAILED, SERVICE_NOT_AVAILABLE…). */
  status: string
  /** The error text of a failed attempt. */
  error?: string
  latencyMs: number
}

/** The result of sending one message. */
export interface SendReport {
  /** Position of the message in the run. */
  index: number
  topic: string
  /** SEND_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE, or the error status. */
  status: string
  outcome: SampleOutcome
  /** The client-generated unique id (UNIQ_KEY), as RocketMQ's SendResult.msgId. */
  msgId?: string
  /** The broker's offset msg id (store host + commitlog offset). */
  offsetMsgId?: string
  brokerName?: string
  queueId?: number
  queueOffset?: number
  /** From the first attempt to the final answer, ms. */
  latencyMs: number
  /** Whether more than one attempt was made. */
  retried: boolean
  /** Every attempt, in order: where it went and how it ended. */
  attempts: SendAttempt[]
  /** Why the message was not stored, when it was not. */
  error?: {code: string; message: string}
}

/** Summary of a send run (stats helper) plus the per-message reports. */
export interface SendRunResult {
  summary: RunStats & {retried: number}
  /** Reports in message order (empty when the caller asked not to keep them). */
  messages: SendReport[]
}
