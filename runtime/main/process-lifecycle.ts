/**
 * What every runtime process does the same way around its controller: RocketMQ-style startup flags,
 * fatal messages on stderr with exit 1, the pid file the lab supervisor waits for, and a graceful
 * shutdown on SIGTERM/SIGINT that exits 0.
 */
import {writeFileSync} from 'node:fs'
import type {Logger} from '../common/logger.js'
import {ConfigError} from '../config/config-error.js'
import {formatProblem, type ConfigProblem} from '../config/config-problem.js'

/** A flag of a startup command line: `-c FILE` / `--configFile FILE` / `--configFile=FILE`, or a switch. */
export interface FlagSpec {
  short: string
  long: string
  takesValue: boolean
}

/** Thrown for a command line the process cannot use. */
export class UsageError extends Error {}

/** Parses argv against flags; returns values by long name (switches as 'true'). Throws UsageError. */
export function parseStartupArgs(argv: readonly string[], flags: readonly FlagSpec[]): Map<string, string> {
  const out = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const inline = arg.startsWith('--') && arg.includes('=') ? arg.indexOf('=') : -1
    const name = inline >= 0 ? arg.slice(0, inline) : arg
    const flag = flags.find((f) => name === `-${f.short}` || name === `--${f.long}`)
    if (flag === undefined) throw new UsageError(`unknown argument ${arg}`)
    if (!flag.takesValue) {
      if (inline >= 0) throw new UsageError(`${name} takes no value`)
      out.set(flag.long, 'true')
      continue
    }
    const value = inline >= 0 ? arg.slice(inline + 1) : argv[++i]
    if (value === undefined) throw new UsageError(`${name} needs a value`)
    out.set(flag.long, value)
  }
  return out
}

/** Prints a fatal message to stderr and exits 1. */
export function fail(message: string): never {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`)
  process.exit(1)
}

/**
 * Marks the process as serving: writes the pid to $MQLAB_PID_FILE (the supervisor treats its presence as
 * "ports bound"), then shuts down once on SIGTERM or SIGINT and exits 0, or 1 if shutdown fails.
 */
export function serveUntilSignalled(logger: Logger, shutdown: () => Promise<void>): void {
  const pidFile = process.env.MQLAB_PID_FILE
  if (pidFile) writeFileSync(pidFile, `${process.pid}\n`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal} received, shutting down`)
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('shutdown failed', err)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

/** Runs a process's main, turning an unexpected rejection into a stderr report and exit 1. */
export function runMain(program: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${program}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  })
}

/** Parses argv against flags; a bad argument prints the usage and exits 1, `-h` prints it and exits 0. */
export function startupArgs(program: string, flags: readonly FlagSpec[], usage: string): Map<string, string> {
  let args: Map<string, string>
  try {
    args = parseStartupArgs(process.argv.slice(2), flags)
  } catch (err) {
    fail(`${program}: ${(err as Error).message}\n${usage}`)
  }
  if (args.has('help')) {
    process.stdout.write(usage)
    process.exit(0)
  }
  return args
}

/**
 * Reads the node's .properties (RocketMQ's defaults without -c), logging warnings; a ConfigError exits 1
 * with the same file:line lines `mqlab validate` prints.
 */
export function loadConfigOrExit<T>(
  file: string | undefined,
  load: (file: string, options: {onWarnings: (warnings: ConfigProblem[]) => void}) => T,
  defaults: () => T,
  logger: Logger,
): T {
  if (file === undefined) return defaults()
  try {
    return load(file, {onWarnings: (warnings) => warnings.forEach((w) => logger.warn(formatProblem(w)))})
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message)
    throw err
  }
}
