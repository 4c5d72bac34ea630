/**
 * The base of every mqlab command: `--json` (oclif's enableJsonFlag) with one envelope, errors mapped to
 * the exit-code table, and user errors shown as message + suggestion, never a stack trace.
 * Kept light: `mqlab --help` loads every command module, so nothing heavy is imported here.
 */
import {Command, Errors} from '@oclif/core'
import {ExitCode} from './exit-codes.js'
import type {JsonEnvelope} from './json-envelope.js'
import {MqlabError} from './mqlab-error.js'

/** Base class: commands return a typed result from run(); a failing result calls fail() first. */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  private failure: MqlabError | undefined

  /** Marks the run as failed while still returning a result (e.g. validate's problems): sets the exit code. */
  protected fail(error: MqlabError): void {
    this.failure = error
    process.exitCode = error.exitCode
  }

  /** True when output should be machine-readable only (no prompts, no spinners, no tables). */
  protected get json(): boolean {
    return this.jsonEnabled()
  }

  protected override toSuccessJson(result: unknown): JsonEnvelope {
    const failure = this.failure
    return {
      ok: failure === undefined,
      command: this.id ?? '',
      exitCode: failure?.exitCode ?? ExitCode.OK,
      result,
      ...(failure ? {error: errorJson(failure)} : {}),
    }
  }

  protected override toErrorJson(err: unknown): JsonEnvelope {
    const error = toMqlabError(err)
    return {ok: false, command: this.id ?? '', exitCode: error.exitCode, error: errorJson(error)}
  }

  protected override async catch(err: Errors.CLIError & {code?: string}): Promise<unknown> {
    if (err.code === 'EEXIT') throw err // this.exit(): not an error
    const error = toMqlabError(err)
    process.exitCode = error.exitCode
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(error))
      return undefined
    }
    // oclif prints a CLIError as "Error: message / Try this: suggestion" without a stack (unless DEBUG is set).
    throw new Errors.CLIError(error.message, {
      exit: error.exitCode,
      code: error.code,
      suggestions: error.suggestion ? [error.suggestion] : undefined,
    })
  }
}

/** Maps anything thrown to an MqlabError: oclif's parse errors are USAGE, the unforeseen INTERNAL. */
export function toMqlabError(err: unknown): MqlabError {
  if (err instanceof MqlabError) return err
  const e = err as {message?: string; oclif?: {exit?: number}; parse?: unknown}
  const message = e?.message ?? String(err)
  if (e?.parse !== undefined || e?.oclif?.exit === ExitCode.USAGE) {
    return new MqlabError('USAGE', message, {suggestion: 'see --help for the flags and arguments'})
  }
  return new MqlabError('INTERNAL', `unexpected error: ${message}`, {suggestion: 'run again with DEBUG=* for details, and report it'})
}

function errorJson(error: MqlabError) {
  return {
    code: error.code,
    message: error.message,
    ...(error.suggestion ? {suggestion: error.suggestion} : {}),
    ...(error.details ? {details: error.details} : {}),
  }
}
