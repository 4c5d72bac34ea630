/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const rank: Record<LogLevel, number> = {debug: 10, info: 20, warn: 30, error: 40}

/** A small line logger: runtime processes write to stdout, and the lab supervisor sends that to logs/<node>.log. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string, err?: unknown): void
  child(name: string): Logger
}

/** Creates a logger writing `ISO-time LEVEL [name] message` lines to a sink (stdout by default). */
export function createLogger(name: string, options: {level?: LogLevel; sink?: (line: string) => void} = {}): Logger {
  const threshold = rank[options.level ?? (process.env.MQLAB_LOG_LEVEL as LogLevel | undefined) ?? 'info'] ?? rank.info
  const sink = options.sink ?? ((line: string) => process.stdout.write(line + '\n'))
  const write = (level: LogLevel, message: string) => {
    if (rank[level] < threshold) return
    sink(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${name}] ${message}`)
  }
  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m, err) => write('error', err === undefined ? m : `${m}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    child: (child) => createLogger(`${name}.${child}`, {...options, level: options.level}),
  }
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
}
