/**
 * Ctrl-C for commands that start processes: the first SIGINT (or SIGTERM) aborts the returned signal
 * with INTERRUPTED, so the command can stop what it started before exiting; later ones are ignored
 * until the clean-up is done (the default action would exit at once and leave orphans).
 */
import {MqlabError} from './mqlab-error.js'

/** An abort signal tied to SIGINT/SIGTERM, and the way to stop listening. */
export interface Interrupt {
  signal: AbortSignal
  dispose(): void
}

/** Listens for SIGINT and SIGTERM until dispose(). */
export function onInterrupt(): Interrupt {
  const controller = new AbortController()
  const handler = (sig: NodeJS.Signals) => {
    if (!controller.signal.aborted) controller.abort(new MqlabError('INTERRUPTED', `interrupted (${sig})`, {suggestion: 'run the command again when ready'}))
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
    },
  }
}
