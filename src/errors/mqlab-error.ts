/** An error a user can act on: a stable code, a message, and a suggestion. Never shown with a stack trace. */
import {exitCodeFor, type ErrorCode, type ExitCodeValue} from './exit-codes.js'

/** Details carried by an MqlabError. */
export interface MqlabErrorOptions {
  suggestion?: string
  /** Extra data for --json output (e.g. the list of templates). */
  details?: Record<string, unknown>
  cause?: unknown
}

/** A user-facing failure with a stable code (tests and scripts match the code, not the prose). */
export class MqlabError extends Error {
  readonly code: ErrorCode
  readonly suggestion: string | undefined
  readonly details: Record<string, unknown> | undefined

  constructor(code: ErrorCode, message: string, options: MqlabErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'MqlabError'
    this.code = code
    this.suggestion = options.suggestion
    this.details = options.details
  }

  /** The process exit code for this error. */
  get exitCode(): ExitCodeValue {
    return exitCodeFor(this.code)
  }
}
