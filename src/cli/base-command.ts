/**
 * The base of every mqlab command: `--json` (oclif's enableJsonFlag) with one envelope, errors mapped to
 * the exit-code table, and user errors shown as message + suggestion, never a stack trace.
 * Kept light: `mqlab --help` loads every command module, so nothing heavy is imported here.
 */
import {Command, Errors, type Interfaces} from '@oclif/core'
import {ExitCode} from './exit-codes.js'
import {withDir} from './hint-dir.js'
import type {JsonEnvelope} from './json-envelope.js'
import {MqlabError} from './mqlab-error.js'

// oclif's FlagOutput / ArgOutput (not exported from the package root).
type FlagOutput = {[name: string]: any}
type ArgOutput = {[name: string]: any}
type Input<F extends FlagOutput, B extends FlagOutput, A extends ArgOutput> = Interfaces.Input<F, B, A>
type ParserOutput<F extends FlagOutput, B extends FlagOutput, A extends ArgOutput> = Interfaces.ParserOutput<F, B, A>

/** Base class: commands return a typed result from run(); a failing result calls fail() first. */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  private failure: MqlabError | undefined

  /** Marks the run as failed while still returning a result (e.g. validate's problems): sets the exit code. */
  protected fail(error: MqlabError): void {
    this.failure = this.withLabDir(error)
    process.exitCode = error.exitCode
  }

  /** Any failure to parse the command line is a bad command line (USAGE, exit 2), whatever oclif threw. */
  protected override async parse<F extends FlagOutput, B extends FlagOutput, A extends ArgOutput>(
    options?: Input<F, B, A>,
    argv?: string[],
  ): Promise<ParserOutput<F, B, A>> {
    try {
      return await super.parse(options, argv)
    } catch (err) {
      if (err instanceof MqlabError) throw err
      throw new MqlabError('USAGE', (err as Error)?.message ?? String(err), {suggestion: 'see --help for the flags and arguments'})
    }
  }

  /** True when output should be machine-readable only (no prompts, no spinners, no tables). */
  protected get json(): boolean {
    return this.jsonEnabled()
  }

  /** The error with every `mqlab …` command in its suggestion carrying this run's --dir (hint-dir.ts). */
  private withLabDir(error: MqlabError): MqlabError {
    const dir = dirFromArgv(this.argv)
    if (error.suggestion === undefined || dir === undefined) return error
    const suggestion = withDir(error.suggestion, dir)
    if (suggestion === error.suggestion) return error
    return new MqlabError(error.code, error.message, {suggestion, ...(error.details ? {details: error.details} : {}), cause: error.cause})
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

  /**
   * A soft failure (a result returned after fail(): nothing to consume, some sends failed, interrupted)
   * gets the same Error/Code/Try-this block on stderr as a thrown error, after the command's output.
   */
  protected override async finally(err: Error | undefined): Promise<unknown> {
    if (err === undefined && this.failure !== undefined && !this.jsonEnabled()) process.stderr.write(errorBlock(this.failure) + '\n')
    return super.finally(err)
  }

  protected override toErrorJson(err: unknown): JsonEnvelope {
    const error = toMqlabError(err)
    return {ok: false, command: this.id ?? '', exitCode: error.exitCode, error: errorJson(error)}
  }

  protected override async catch(err: Errors.CLIError & {code?: string}): Promise<unknown> {
    if (err.code === 'EEXIT') throw err // this.exit(): not an error
    const error = this.withLabDir(toMqlabError(err))
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
  // The suggestion below promises details under DEBUG: the stack is what a bug report needs.
  if (process.env.DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`)
  return new MqlabError('INTERNAL', `unexpected error: ${message}`, {suggestion: 'run again with DEBUG=* for details, and report it'})
}

/** The value of --dir in an argv (`--dir X` or `--dir=X`), if any. */
export function dirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir') return argv[i + 1]
    if (argv[i]!.startsWith('--dir=')) return argv[i]!.slice(6)
  }
  return undefined
}

/** The block oclif prints for a thrown CLIError (" ›   Error: …", "Code: …", "Try this: …"). */
export function errorBlock(error: MqlabError): string {
  const lines = [`Error: ${error.message}`, `Code: ${error.code}`, ...(error.suggestion ? [`Try this: ${error.suggestion}`] : [])]
  return lines
    .flatMap((l) => l.split('\n'))
    .map((l) => ` ›   ${l}`)
    .join('\n')
}

function errorJson(error: MqlabError) {
  return {
    code: error.code,
    message: error.message,
    ...(error.suggestion ? {suggestion: error.suggestion} : {}),
    ...(error.details ? {details: error.details} : {}),
  }
}
