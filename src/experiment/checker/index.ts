/** The experiment checker: a history in, every anomaly and a verdict out. Pure. */
export {
  check,
  withFailedSteps,
  CHECK_NAMES,
  DEFAULT_EXPECTATIONS,
  type CheckName,
  type CheckOutcome,
  type CheckReport,
  type Expectation,
  type Expectations,
  type Verdict,
} from './verdict.js'
export {faultWindows, sendOutcome, STORED_STATUSES, type ConsumeRecord, type FaultRecord, type FaultWindow, type History, type SendRecord} from './history.js'
export {checkQueue, positionKey, type Position, type QueueCheck, type SendRef} from './queue-checker.js'
export {checkOrder, type Reorder} from './order-checker.js'
export {checkAvailability, type GroupUnavailability} from './availability.js'
