/** The one JSON shape every command prints under `--json`. */
import type {ErrorCode, ExitCodeValue} from './exit-codes.js'

/** The error part of an envelope. */
export interface JsonError {
  code: ErrorCode
  message: string
  suggestion?: string
  details?: Record<string, unknown>
}

/**
 * `{ok, command, exitCode, result?, error?}`: `ok` is true exactly when `exitCode` is 0; `result` is the
 * command's typed result (present even on some failures, e.g. validate's problems); `error` explains a failure.
 */
export interface JsonEnvelope<T = unknown> {
  ok: boolean
  command: string
  exitCode: ExitCodeValue
  result?: T
  error?: JsonError
}
