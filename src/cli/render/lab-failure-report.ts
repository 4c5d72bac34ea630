/** The end of a node's log carried by a failed start (NODE_START_FAILED / NODE_NOT_READY details), for stderr. */

/** The log lines to print before the error message, or undefined when the error carries none. */
export function renderFailureLog(err: unknown): string | undefined {
  const details = (err as {details?: {logPath?: unknown; lastLines?: unknown}}).details
  if (details === undefined || typeof details.logPath !== 'string' || !Array.isArray(details.lastLines)) return undefined
  const lines = details.lastLines as string[]
  return [`Last lines of ${details.logPath}:`, ...(lines.length === 0 ? ['    (the log is empty)'] : lines.map((l) => `    ${l}`))].join('\n')
}
