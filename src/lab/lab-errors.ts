/** The lab's user-facing errors that more than one place raises: ports taken, and interruption (Ctrl-C). */
import {MqlabError} from '../errors/mqlab-error.js'
import {describeConflict, type PortConflict} from './port-check.js'

/** PORT_IN_USE naming each port, the node that wanted it and what for. */
export function portInUse(conflicts: readonly PortConflict[]): MqlabError {
  const lines = conflicts.map(describeConflict)
  const first = conflicts[0]
  const files = [...new Set(conflicts.map((c) => c.file))].join(', ')
  const otherLabs = [...new Set(conflicts.flatMap((c) => (c.owner?.labDir ? [c.owner.labDir] : [])))]
  return new MqlabError(
    'PORT_IN_USE',
    lines.length === 1 ? `${lines[0]}; nothing was started` : `${lines.length} ports are taken; nothing was started:\n  ${lines.join('\n  ')}`,
    {
      suggestion:
        otherLabs.length > 0
          ? `stop the other lab (mqlab down --dir ${otherLabs.join(' ; mqlab down --dir ')}), or place this one elsewhere: mqlab init TEMPLATE --force --port-offset 1000 (or --host 127.0.0.5)`
          : `stop what holds ${lines.length === 1 ? 'it' : 'them'} (ss -ltnp 'sport = :${first?.port ?? 'PORT'}' shows who), or give the node free ports in ${files} and run mqlab validate`,
      details: {conflicts},
    },
  )
}

/** Throws INTERRUPTED when `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw toInterrupted(signal.reason, signal)
}

/** The abort of `signal` as INTERRUPTED; anything else unchanged. */
export function toInterrupted(err: unknown, signal: AbortSignal | undefined): unknown {
  if (err instanceof MqlabError) return err
  if (signal?.aborted) {
    const reason = signal.reason
    return reason instanceof MqlabError ? reason : new MqlabError('INTERRUPTED', 'interrupted')
  }
  return err
}
