/**
 * The checker: every measure of a history, each compared with what the scenario expects, and one verdict
 * as Jepsen gives it: valid (every check holds), invalid (one fails) or unknown (the run could not
 * decide: e.g. messages not read yet because the final read never caught up). Pure.
 *
 * An expectation is a maximum (`lost: 0`), a range (`{min: 1}`: the fault must show), or "report"
 * (measured and shown, never failing). Defaults: lost, unexpected, failedButStored and (for ordered
 * workloads) reordered must be 0; everything else is reported.
 */
import {checkAvailability, type GroupUnavailability} from './availability.js'
import {faultWindows, type FaultWindow, type History} from './history.js'
import {checkOrder, type Reorder} from './order-checker.js'
import {checkQueue, type QueueCheck} from './queue-checker.js'

/** The measures a scenario can set expectations on. */
export const CHECK_NAMES = [
  'lost',
  'recovered',
  'storedTwice',
  'deliveredTwice',
  'unexpected',
  'failedButStored',
  'degraded',
  'reordered',
  'waitedForRestart',
  'writeUnavailableMs',
  'readUnavailableMs',
] as const
export type CheckName = (typeof CHECK_NAMES)[number]

/** What a scenario expects of one measure. */
export type Expectation = number | 'report' | {min?: number; max?: number}

export type Expectations = Partial<Record<CheckName, Expectation>>

/** One check's outcome. */
export interface CheckOutcome {
  name: CheckName
  expected: Expectation
  actual: number | null
  status: 'pass' | 'fail' | 'unknown' | 'report'
  note?: string
}

export type Verdict = 'valid' | 'invalid' | 'unknown'

/** Everything the checker found. */
export interface CheckReport {
  verdict: Verdict
  /** 0 valid, 1 invalid, 2 unknown (Jepsen's mapping). */
  exitCode: 0 | 1 | 2
  checks: CheckOutcome[]
  queue: QueueCheck
  reorders: Reorder[]
  windows: FaultWindow[]
  availability: GroupUnavailability[]
}

export const DEFAULT_EXPECTATIONS: Readonly<Record<CheckName, Expectation>> = {
  lost: 0,
  recovered: 'report',
  storedTwice: 'report',
  deliveredTwice: 'report',
  unexpected: 0,
  failedButStored: 0,
  degraded: 'report',
  reordered: 0,
  waitedForRestart: 'report',
  writeUnavailableMs: 'report',
  readUnavailableMs: 'report',
}

/** Runs every checker over `history`. `ordered`: whether the workload promised order. */
export function check(history: History, options: {ordered?: boolean; expect?: Expectations} = {}): CheckReport {
  const queue = checkQueue(history)
  const reorders = options.ordered === true ? checkOrder(history) : []
  const windows = faultWindows(history.faults)
  const availability = checkAvailability(history, windows)
  const expect = {...DEFAULT_EXPECTATIONS, ...options.expect}
  const maxOf = (values: Array<number | null>): number | null =>
    values.length === 0 ? 0 : values.some((v) => v === null) ? null : Math.max(...(values as number[]))
  const actual: Record<CheckName, number | null> = {
    lost: queue.lost.length,
    recovered: queue.recovered.length,
    storedTwice: queue.storedTwice.length,
    deliveredTwice: queue.deliveredTwice.length,
    unexpected: queue.unexpected.length,
    failedButStored: queue.failedButStored.length,
    degraded: queue.degraded,
    reordered: reorders.length,
    waitedForRestart: availability.reduce((n, a) => n + a.waitedForRestart, 0),
    // null: the group took no write / served no read again within the run
    writeUnavailableMs: maxOf(availability.map((a) => a.writeUnavailableMs)),
    readUnavailableMs: maxOf(availability.filter((a) => a.readWaiting).map((a) => a.readUnavailableMs)),
  }
  const checks: CheckOutcome[] = []
  for (const name of CHECK_NAMES) {
    if (name === 'reordered' && options.ordered !== true && options.expect?.reordered === undefined) continue
    const expected = expect[name]
    const value = actual[name]
    checks.push(judge(name, expected, value, history))
  }
  if (queue.acknowledged === 0)
    checks.push({name: 'lost', expected: 'report', actual: null, status: 'unknown', note: 'no send was acknowledged: nothing to decide'})
  const verdict: Verdict = checks.some((c) => c.status === 'fail') ? 'invalid' : checks.some((c) => c.status === 'unknown') ? 'unknown' : 'valid'
  return {verdict, exitCode: verdict === 'valid' ? 0 : verdict === 'invalid' ? 1 : 2, checks, queue, reorders, windows, availability}
}

function judge(name: CheckName, expected: Expectation, value: number | null, history: History): CheckOutcome {
  if (expected === 'report') return {name, expected, actual: value, status: 'report'}
  const range = typeof expected === 'number' ? {max: expected} : expected
  if (value === null) {
    // Unavailable for the rest of the run: it exceeds any maximum, and meets no minimum we can show.
    return {name, expected, actual: null, status: range.max !== undefined ? 'fail' : 'unknown', note: 'did not recover within the run'}
  }
  const ok = (range.max === undefined || value <= range.max) && (range.min === undefined || value >= range.min)
  // Messages not delivered may still be unread when the final read did not catch up: undecided.
  if (!ok && name === 'lost' && !history.drained)
    return {name, expected, actual: value, status: 'unknown', note: 'the final read did not reach the end of every queue'}
  return {name, expected, actual: value, status: ok ? 'pass' : 'fail'}
}

/**
 * A run whose fault steps did not all apply did not test what it meant to: a valid verdict becomes
 * unknown (an invalid one stays invalid: what failed, failed).
 */
export function withFailedSteps(report: CheckReport, errors: readonly string[]): CheckReport {
  if (errors.length === 0) return report
  const checks: CheckOutcome[] = [
    ...report.checks,
    {name: 'lost', expected: 'report', actual: null, status: 'unknown', note: `fault steps failed: ${errors.join('; ')}`},
  ]
  const verdict: Verdict = report.verdict === 'invalid' ? 'invalid' : 'unknown'
  return {...report, checks, verdict, exitCode: verdict === 'invalid' ? 1 : 2}
}
