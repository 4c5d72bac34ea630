/**
 * An experiment's history: every send the workload made, every delivery its consumers saw, and every
 * fault the timeline injected, on one time axis (ms since the run started). This is what the checker
 * reads and what a report's ledger.jsonl holds, one record per line. Plain data, JSON as is.
 *
 * A send's outcome is Jepsen's three-way split: `ok` (a broker answered with a stored status: SEND_OK,
 * or FLUSH_DISK_TIMEOUT / FLUSH_SLAVE_TIMEOUT / SLAVE_NOT_AVAILABLE, which RocketMQ also returns as a
 * SendResult: stored on the master, durability not as asked), `failed` (every attempt was refused before
 * the message could be stored: connect refused, an error answer) and `unknown` (some attempt got no
 * answer: a timeout or a connection that closed after the request went out, so it may have been stored).
 */

/** One send of the workload (all of RocketMQ's retries of it included). */
export interface SendRecord {
  type: 'send'
  /** Position in the run, unique per send. */
  seq: number
  producer: number
  /** The workload's own identity of the message (its body), unique per send. */
  value: string
  /** When the send started, ms since the run began. */
  t: number
  latencyMs: number
  outcome: 'ok' | 'failed' | 'unknown'
  /** SendStatus, or the error status of the last attempt. */
  status: string
  /** UNIQ_KEY (the same on every retry of this send). */
  msgId?: string
  offsetMsgId?: string
  broker?: string
  queueId?: number
  queueOffset?: number
  key?: string
  tag?: string
  /** Attempts made (retries + 1) and the brokers they went to. */
  attempts: number
  attemptBrokers?: string[]
  error?: string
}

/** One delivery to a consumer. */
export interface ConsumeRecord {
  type: 'consume'
  t: number
  consumer: number
  msgId: string
  offsetMsgId: string
  /** The message's body (the send's value), when the consumer could read it. */
  value?: string
  /** The broker group the message was read from, and which member served it (0 master, > 0 slave). */
  broker: string
  brokerId: number
  queueId: number
  queueOffset: number
  reconsumeTimes: number
  key?: string
}

/** One fault action of the timeline, as it was applied. */
export interface FaultRecord {
  type: 'fault'
  t: number
  /** kill, pause, resume, start, restart, stop, partition, heal, delay, reset… */
  action: string
  /** The node (or link "A~B") acted on. */
  target: string
  /** Broker groups whose service the action touches (empty for a name server). */
  groups: string[]
  /** Whether the action starts a fault (kill, pause, partition…) or ends one (start, resume, heal). */
  phase: 'start' | 'end' | 'instant'
  detail?: string
}

/** A stretch of time a fault was in force (end null: still in force when the run ended). */
export interface FaultWindow {
  label: string
  action: string
  target: string
  groups: string[]
  start: number
  end: number | null
}

/** A whole history. */
export interface History {
  sends: SendRecord[]
  consumes: ConsumeRecord[]
  faults: FaultRecord[]
  /** ms since the run began when the workload stopped sending. */
  workloadEnd: number
  /** ms since the run began when the history was closed. */
  end: number
  /**
   * Whether the final read reached the end of every queue the consumers own (the consumers caught up
   * with what the brokers hold). When false, "never consumed" cannot be told from "not read yet".
   */
  drained: boolean
  /** When the consumers started (ms since the run began; default 0): reads cannot be timed from earlier. */
  consumersFrom?: number
}

/** Statuses RocketMQ returns as a SendResult: the message is stored on the master. */
export const STORED_STATUSES: ReadonlySet<string> = new Set(['SEND_OK', 'FLUSH_DISK_TIMEOUT', 'FLUSH_SLAVE_TIMEOUT', 'SLAVE_NOT_AVAILABLE'])

/** Error statuses after which the request may have reached the broker (no answer came). */
export const NO_ANSWER_STATUSES: ReadonlySet<string> = new Set(['TIMEOUT', 'CLOSED'])

/** A send's outcome from its final status and its attempts' statuses. */
export function sendOutcome(status: string, attemptStatuses: readonly string[]): SendRecord['outcome'] {
  if (STORED_STATUSES.has(status)) return 'ok'
  return attemptStatuses.some((s) => NO_ANSWER_STATUSES.has(s)) || NO_ANSWER_STATUSES.has(status) ? 'unknown' : 'failed'
}

/** Pairs start/end fault records into windows (kill…start, pause…resume, partition…heal, delay…heal). */
export function faultWindows(faults: readonly FaultRecord[]): FaultWindow[] {
  const open = new Map<string, FaultWindow>()
  const windows: FaultWindow[] = []
  for (const f of [...faults].sort((a, b) => a.t - b.t)) {
    if (f.phase === 'start') {
      if (open.has(f.target)) continue
      const w: FaultWindow = {label: `${f.action} ${f.target}`, action: f.action, target: f.target, groups: f.groups, start: f.t, end: null}
      open.set(f.target, w)
      windows.push(w)
    } else if (f.phase === 'end') {
      const healsAll = f.target === '*'
      for (const [target, w] of open) {
        if (healsAll ? w.action === 'partition' || w.action === 'delay' : target === f.target) {
          w.end = f.t
          open.delete(target)
        }
      }
    } else {
      windows.push({label: `${f.action} ${f.target}`, action: f.action, target: f.target, groups: f.groups, start: f.t, end: f.t})
    }
  }
  return windows
}
